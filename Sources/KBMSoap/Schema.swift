// The contract of kbm's InGe service (schema/*.xsd), compiled once by libxml2 and shared by every thread.

import CLibXML2
import Glibc
import KBMCore

/// A compiled XML Schema. libxml2 documents a parsed schema as read-only and usable from many threads at once,
/// each with its own validation context.
public final class Schema: @unchecked Sendable {
    let handle: xmlSchemaPtr

    /// What a request must look like (schema/soap-anfrage.xsd).
    public static let anfrage = Schema(root: "soap-anfrage.xsd")
    /// What an answer must look like (schema/soap-antwort.xsd).
    public static let antwort = Schema(root: "soap-antwort.xsd")
    /// The contract's own elements, each a document on its own (schema/kbm-inge.xsd): what kbm hands kbm-bamf.
    public static let inge = Schema(root: "kbm-inge.xsd")

    private init(root: String) {
        LibXML.setUp()
        guard let text = Self.files[root] else { fatalError("Schema \(root) fehlt in Schema+Files.swift") }
        let compiled: xmlSchemaPtr? = text.withCString { chars in
            guard let context = xmlSchemaNewMemParserCtxt(chars, Int32(strlen(chars))) else { return nil }
            defer { xmlSchemaFreeParserCtxt(context) }
            xmlSchemaSetParserStructuredErrors(context, LibXML.silent, nil)
            return xmlSchemaParse(context)
        }
        // The schema is part of the program: if it does not compile, the build is wrong, not the input.
        guard let compiled else { fatalError("Schema \(root) lässt sich nicht übersetzen") }
        handle = compiled
    }
}

/// Process-wide settings of libxml2, made once before its first use.
enum LibXML {
    /// A C copy of each schema file, alive for the whole process, for the loader below.
    nonisolated(unsafe) private static let schemaFiles: [String: UnsafeMutablePointer<CChar>] =
        Schema.files.mapValues { strdup($0)! }

    private static let done: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader(load)
        return true
    }()

    static func setUp() { _ = done }

    /// libxml2 reads nothing from outside but the contract's own files: a schema's `xs:import` is answered from
    /// memory, and every other address (a DTD's SYSTEM id, an XInclude, a file or http URL) is refused.
    private static let load: xmlExternalEntityLoader = { url, _, context in
        guard let url else { return nil }
        let name = String(cString: url).split(separator: "/").last.map(String.init) ?? ""
        guard let text = LibXML.schemaFiles[name] else { return nil }
        return text.withMemoryRebound(to: xmlChar.self, capacity: 1) { xmlNewStringInputStream(context, $0) }
    }

    /// Swallows an error that libxml2 would otherwise print to stderr; callers read it from the context.
    static let silent: xmlStructuredErrorFunc = { _, _ in }
}
