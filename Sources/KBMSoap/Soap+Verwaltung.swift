// The management message of kbm's contract: a command of the BAMF simulator for the sender's own BAMF side in the
// service (`bamf modus=strict` …), and its answer, the German text kbm would print.

import KBMCore

/// What a request envelope holds: one of the five messages, or a management command.
public enum SoapNachricht: Equatable, Sendable {
    case meldung(SoapAnfrage)
    case verwaltung(SoapVerwaltung)
}

public struct SoapVerwaltung: Equatable, Sendable {
    public var messageID: String
    public var zugang: Zugang
    public var heute: Day?
    /// A line of kbm's language, e.g. `bamf hoechstzahl allgemein 2`.
    public var befehl: String
    /// Another Träger's side or "alle" (an admin account's); nil for the sender's own.
    public var fuer: String?

    public init(messageID: String, zugang: Zugang, heute: Day?, befehl: String, fuer: String? = nil) {
        self.messageID = messageID
        self.zugang = zugang
        self.heute = heute
        self.befehl = befehl
        self.fuer = fuer
    }
}

/// The answer to a management command: done (with what kbm would print) or refused (with why), or a Fault.
public enum SoapVerwaltungsantwort: Equatable, Sendable {
    case antwort(angenommen: Bool, text: String)
    case fault(SoapFault)
}

extension Soap {
    /// The response envelope for a management command.
    public static func envelope(verwaltung angenommen: Bool, text: String, relatesTo: String?) -> String {
        let header = relatesTo.map { [XMLNode("wsa:RelatesTo", [("xmlns:wsa", Namespace.wsa)], text: $0)] } ?? []
        let body = XMLNode("Verwaltungsantwort", [("xmlns", Namespace.kbm)], children: [
            XMLNode("Angenommen", text: angenommen ? "true" : "false"), XMLNode("Text", text: String(text.prefix(100_000))),
        ])
        return envelope(header: header, body: body)
    }

    /// The answer to a management command in a response envelope.
    public static func verwaltungsantwort(_ bytes: UnsafeRawBufferPointer) -> Result<SoapVerwaltungsantwort, SoapFault> {
        responseContent(bytes).flatMap { content, _ in
            if let fault = fault(content) { return .success(.fault(fault)) }
            guard content.name == "Verwaltungsantwort", let ok = content.child("Angenommen")?.text else {
                return .failure(SoapFault(.server, "Die Antwort enthält „\(content.name)“ statt „Verwaltungsantwort“."))
            }
            return .success(.antwort(angenommen: ok == "true" || ok == "1", text: content.child("Text")?.text ?? ""))
        }
    }

    /// A body element kbm handed over (schema/kbm-inge.xsd, kbm's namespace), read and checked before it is sent.
    public static func body(_ text: String) -> Result<XMLNode, SoapFault> {
        switch XMLReader.read(text, schema: .inge) {
        case .success(let node): .success(node)
        case .failure(let refusal): .failure(SoapFault(.client, refusal.text))
        }
    }
}
