// Untrusted bytes to an element tree: libxml2 parses them under limits, the contract's schema checks them, and
// only then are they read, as the same XMLNode tree kbm writes its documents from.

import CLibXML2
import KBMCore

/// Why a document was refused; `text` is German, for a SOAP Fault or the shell.
public struct XMLRefusal: Error, Equatable, Sendable {
    public var text: String
}

public enum XMLReader {
    /// No message of the contract comes near this; the service refuses a larger body before it is read.
    public static let maxBytes = 1 << 20
    /// The deepest element of a valid message is at depth 6 (Envelope/Body/Kursplanung/Abschnitte/Abschnitt/Von).
    static let maxDepth = 16

    /// Parses and validates `bytes` against `schema`; the tree has local names only (the schema checked the
    /// namespaces), no whitespace between elements, and the text of each leaf.
    public static func read(_ bytes: UnsafeRawBufferPointer, schema: Schema) -> Result<XMLNode, XMLRefusal> {
        guard !bytes.isEmpty else { return .failure(XMLRefusal(text: "Die Nachricht ist leer.")) }
        guard bytes.count <= maxBytes else {
            return .failure(XMLRefusal(text: "Die Nachricht ist mit \(bytes.count) Bytes größer als erlaubt (\(maxBytes) Bytes)."))
        }
        // Checked here, not left to libxml2, so that the refusal says what is wrong: libxml2 reports the error it
        // runs into next, often a tag mismatch.
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return .failure(XMLRefusal(text: "Die Nachricht ist kein gültiges UTF-8."))
        }
        LibXML.setUp()
        guard let context = xmlNewParserCtxt() else { return .failure(XMLRefusal(text: "Kein Speicher für den XML-Parser.")) }
        defer { xmlFreeParserCtxt(context) }
        // A document type declaration is where entity bombs and external entities live; kbm's messages have none,
        // so the parser stops at the first one before it reads a single declaration.
        context.pointee.sax.pointee.internalSubset = { ctx, _, _, _ in
            xmlStopParser(ctx?.assumingMemoryBound(to: xmlParserCtxt.self))
        }
        context.pointee.sax.pointee.serror = LibXML.silent
        // NONET: no network; no NOENT, DTDLOAD or XINCLUDE: nothing is substituted or fetched; no HUGE: libxml2's
        // own limits on depth, name and text length stay on. The encoding is UTF-8 whatever the prolog says.
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue)
        let doc = bytes.withMemoryRebound(to: CChar.self) {
            xmlCtxtReadMemory(context, $0.baseAddress, Int32($0.count), "nachricht.xml", "UTF-8", options)
        }
        defer { if let doc { xmlFreeDoc(doc) } }
        if context.pointee.errNo == Int32(XML_ERR_USER_STOP.rawValue) {
            return .failure(XMLRefusal(text: "Die Nachricht enthält eine Dokumenttyp-Deklaration (DTD); das ist nicht erlaubt."))
        }
        guard let doc, context.pointee.wellFormed != 0, context.pointee.errNo == 0 else {
            let line = context.pointee.lastError.line
            let code = context.pointee.lastError.code
            return .failure(XMLRefusal(text: "Die Nachricht ist kein wohlgeformtes XML (Zeile \(line), libxml2-Fehler \(code))."))
        }
        if let refusal = validate(doc, schema) { return .failure(refusal) }
        guard let root = xmlDocGetRootElement(doc), let tree = node(root, depth: 0) else {
            return .failure(XMLRefusal(text: "Die Nachricht ist tiefer verschachtelt als erlaubt (\(maxDepth) Ebenen)."))
        }
        return .success(tree)
    }

    public static func read(_ text: String, schema: Schema) -> Result<XMLNode, XMLRefusal> {
        var text = text
        return text.withUTF8 { read(UnsafeRawBufferPointer($0), schema: schema) }
    }

    /// The first thing the schema objects to, worded for the sender.
    private static func validate(_ doc: xmlDocPtr, _ schema: Schema) -> XMLRefusal? {
        guard let context = xmlSchemaNewValidCtxt(schema.handle) else { return XMLRefusal(text: "Kein Speicher für die Schemaprüfung.") }
        defer { xmlSchemaFreeValidCtxt(context) }
        final class FirstError { var text: String? }
        let first = FirstError()
        let box = Unmanaged.passRetained(first)
        defer { box.release() }
        xmlSchemaSetValidStructuredErrors(context, { user, error in
            guard let user, let error else { return }
            let first = Unmanaged<FirstError>.fromOpaque(user).takeUnretainedValue()
            guard first.text == nil else { return }
            let element = error.pointee.node.map { node -> String in
                let n = node.assumingMemoryBound(to: xmlNode.self)
                return n.pointee.name.map { " bei Element „\(String(cString: $0))“" } ?? ""
            } ?? ""
            let detail = error.pointee.message.map { String(cString: $0).trimmingSuffixNewlines } ?? ""
            first.text = "Die Nachricht entspricht nicht dem InGe-Schema von kbm (Zeile \(error.pointee.line)\(element)): \(detail)"
        }, box.toOpaque())
        let rc = xmlSchemaValidateDoc(context, doc)
        guard rc != 0 else { return nil }
        return XMLRefusal(text: first.text ?? "Die Nachricht entspricht nicht dem InGe-Schema von kbm (Fehler \(rc)).")
    }

    /// The element as an XMLNode with its local name, attributes and (for a leaf) text; nil when too deep.
    private static func node(_ element: xmlNodePtr, depth: Int) -> XMLNode? {
        guard depth < maxDepth else { return nil }
        var result = XMLNode(String(cString: element.pointee.name))
        var attribute = element.pointee.properties
        while let a = attribute {
            let value = xmlNodeListGetString(element.pointee.doc, a.pointee.children, 1)
            result.attributes.append((String(cString: a.pointee.name), value.map { String(cString: $0) } ?? ""))
            kbm_xml_free(value)
            attribute = a.pointee.next
        }
        var text = ""
        var child = element.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                guard let sub = node(c, depth: depth + 1) else { return nil }
                result.children.append(sub)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content { text += String(cString: content) }
            default:
                break
            }
            child = c.pointee.next
        }
        if result.children.isEmpty { result.text = text }
        return result
    }
}

extension String {
    var trimmingSuffixNewlines: String {
        var s = self
        while s.last == "\n" { s.removeLast() }
        return s
    }
}
