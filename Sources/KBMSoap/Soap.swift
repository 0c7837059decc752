// The SOAP 1.1 envelope of kbm's InGe contract, both ways: what a client sends and the service reads, what the
// service answers and the client reads. Text is written through XMLNode, as kbm writes its message log, and read
// through libxml2 against schema/soap-anfrage.xsd and schema/soap-antwort.xsd.

import KBMCore

public enum Namespace {
    public static let soap = "http://schemas.xmlsoap.org/soap/envelope/"
    public static let wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
    public static let passwordText = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText"
    public static let wsa = "http://www.w3.org/2005/08/addressing"
    public static let kbm = "urn:kbm:inge:1"
}

/// The UsernameToken: the Trägernummer as user name and its password, in plain text (over TLS in real use).
public struct Zugang: Equatable, Sendable {
    public var benutzer: String
    public var passwort: String

    public init(benutzer: String, passwort: String) {
        self.benutzer = benutzer
        self.passwort = passwort
    }
}

/// One request as it travels: the message, who sends it, and its id.
public struct SoapAnfrage: Equatable, Sendable {
    /// WS-Addressing MessageID: a repeat with the same id is answered with the first answer.
    public var messageID: String
    public var zugang: Zugang
    /// The sender's day (kbm's `set today`); nil: the service's own.
    public var heute: Day?
    public var nurValidieren: Bool
    public var nachricht: InGeRequest

    public init(messageID: String, zugang: Zugang, heute: Day?, nurValidieren: Bool, nachricht: InGeRequest) {
        self.messageID = messageID
        self.zugang = zugang
        self.heute = heute
        self.nurValidieren = nurValidieren
        self.nachricht = nachricht
    }
}

/// A SOAP 1.1 Fault: the request could not be read (`Client`) or the service failed (`Server`); German text.
public struct SoapFault: Error, Equatable, Sendable {
    public enum Code: String, Sendable {
        case client = "Client"
        case server = "Server"
    }

    public var code: Code
    public var text: String

    public init(_ code: Code, _ text: String) {
        self.code = code
        self.text = text
    }
}

/// What came back: an answer of the BAMF (with the id it answers), or a Fault.
public enum SoapAntwort: Equatable, Sendable {
    case antwort(InGeResponse, relatesTo: String?)
    case fault(SoapFault)
}

public enum Soap {
    // MARK: the client's side

    /// The request envelope for `anfrage`.
    public static func envelope(_ anfrage: SoapAnfrage) -> String {
        envelope(body: anfrage.nachricht.xml, messageID: anfrage.messageID, zugang: anfrage.zugang, heute: anfrage.heute,
                 nurValidieren: anfrage.nurValidieren)
    }

    /// A request envelope around any body of the contract (a message, or `Verwaltung`), in kbm's namespace.
    public static func envelope(body: XMLNode, messageID: String, zugang: Zugang, heute: Day?, nurValidieren: Bool) -> String {
        var header = [
            XMLNode("wsse:Security", [("xmlns:wsse", Namespace.wsse), ("soap:mustUnderstand", "1")], children: [
                XMLNode("wsse:UsernameToken", children: [
                    XMLNode("wsse:Username", text: zugang.benutzer),
                    XMLNode("wsse:Password", [("Type", Namespace.passwordText)], text: zugang.passwort),
                ]),
            ]),
            XMLNode("wsa:MessageID", [("xmlns:wsa", Namespace.wsa)], text: messageID),
        ]
        if let heute { header.append(XMLNode("Heute", [("xmlns", Namespace.kbm)], text: heute.iso)) }
        if nurValidieren { header.append(XMLNode("NurValidieren", [("xmlns", Namespace.kbm)])) }
        var body = body
        body.attributes.removeAll { $0.0 == "xmlns" }
        body.attributes.insert(("xmlns", Namespace.kbm), at: 0)
        return envelope(header: header, body: body)
    }

    /// The answer or Fault in a response envelope; a body that is not one is itself a Fault.
    public static func antwort(_ bytes: UnsafeRawBufferPointer) -> Result<SoapAntwort, SoapFault> {
        responseContent(bytes).flatMap { content, relatesTo in
            if let fault = fault(content) { return .success(.fault(fault)) }
            return InGeResponse.decode(content).map { .antwort($0, relatesTo: relatesTo) }
        }
    }

    /// The body's element of a response envelope the schema accepted, with the id it answers.
    static func responseContent(_ bytes: UnsafeRawBufferPointer) -> Result<(XMLNode, String?), SoapFault> {
        let tree: XMLNode
        switch XMLReader.read(bytes, schema: .antwort) {
        case .success(let t): tree = t
        case .failure(let refusal): return .failure(SoapFault(.server, "Die Antwort von InGe-Online ist unbrauchbar: " + refusal.text))
        }
        // Every global element of the contract is a valid document on its own; only an Envelope is a message.
        guard tree.name == "Envelope" else {
            return .failure(SoapFault(.server, "Die Antwort von InGe-Online ist kein SOAP-Umschlag, sondern „\(tree.name)“."))
        }
        guard let content = tree.child("Body")?.children.first else {
            return .failure(SoapFault(.server, "Die Antwort von InGe-Online hat keinen Inhalt."))
        }
        return .success((content, tree.child("Header")?.child("RelatesTo")?.text))
    }

    /// The Fault this element is, if it is one.
    static func fault(_ content: XMLNode) -> SoapFault? {
        guard content.name == "Fault" else { return nil }
        let code = content.child("faultcode")?.text ?? ""
        return SoapFault(code.hasSuffix("Client") ? .client : .server, content.child("faultstring")?.text ?? "")
    }

    public static func antwort(_ text: String) -> Result<SoapAntwort, SoapFault> {
        var text = text
        return text.withUTF8 { antwort(UnsafeRawBufferPointer($0)) }
    }

    // MARK: the service's side

    /// The request in `bytes`, or the Fault to answer it with; a management command is refused here.
    public static func anfrage(_ bytes: UnsafeRawBufferPointer) -> Result<SoapAnfrage, SoapFault> {
        nachricht(bytes).flatMap { nachricht in
            guard case .meldung(let anfrage) = nachricht else {
                return .failure(SoapFault(.client, "Eine Verwaltungsnachricht ist hier nicht vorgesehen."))
            }
            return .success(anfrage)
        }
    }

    /// The message or management command in `bytes`, or the Fault to answer it with.
    public static func nachricht(_ bytes: UnsafeRawBufferPointer) -> Result<SoapNachricht, SoapFault> {
        let tree: XMLNode
        switch XMLReader.read(bytes, schema: .anfrage) {
        case .success(let t): tree = t
        case .failure(let refusal): return .failure(SoapFault(.client, refusal.text))
        }
        guard tree.name == "Envelope" else {
            return .failure(SoapFault(.client, "Die Nachricht ist kein SOAP-Umschlag, sondern „\(tree.name)“."))
        }
        // The schema guarantees the shape; what it cannot say (an Abschnitt of the Kursart, a real date) is read here.
        guard let header = tree.child("Header"), let token = header.child("Security")?.child("UsernameToken"),
              let benutzer = token.child("Username")?.text, let passwort = token.child("Password")?.text,
              let messageID = header.child("MessageID")?.text, let content = tree.child("Body")?.children.first
        else { return .failure(SoapFault(.client, "Der Nachricht fehlt ein Teil des Umschlags.")) }
        var heute: Day?
        if let text = header.child("Heute")?.text {
            guard let day = Day(parsing: text) else { return .failure(SoapFault(.client, "„Heute“ ist kein Datum: \(text)")) }
            heute = day
        }
        let zugang = Zugang(benutzer: benutzer, passwort: passwort)
        if content.name == "Verwaltung" {
            return .success(.verwaltung(SoapVerwaltung(messageID: messageID, zugang: zugang, heute: heute,
                                                       befehl: content.child("Befehl")?.text ?? "", fuer: content.child("Fuer")?.text)))
        }
        return InGeRequest.decode(content).map {
            .meldung(SoapAnfrage(messageID: messageID, zugang: zugang, heute: heute,
                                 nurValidieren: header.child("NurValidieren") != nil, nachricht: $0))
        }
    }

    public static func anfrage(_ text: String) -> Result<SoapAnfrage, SoapFault> {
        var text = text
        return text.withUTF8 { anfrage(UnsafeRawBufferPointer($0)) }
    }

    /// The response envelope for an answer of the BAMF.
    public static func envelope(_ response: InGeResponse, relatesTo: String?) -> String {
        let header = relatesTo.map { [XMLNode("wsa:RelatesTo", [("xmlns:wsa", Namespace.wsa)], text: $0)] } ?? []
        var body = response.wire
        body.attributes.insert(("xmlns", Namespace.kbm), at: 0)
        return envelope(header: header, body: body)
    }

    /// The response envelope for a Fault.
    public static func envelope(_ fault: SoapFault) -> String {
        envelope(header: [], body: XMLNode("soap:Fault", children: [
            XMLNode("faultcode", text: "soap:" + fault.code.rawValue),
            XMLNode("faultstring", text: String(fault.text.prefix(2000))),
        ]))
    }

    static func envelope(header: [XMLNode], body: XMLNode) -> String {
        XMLNode("soap:Envelope", [("xmlns:soap", Namespace.soap)], children:
            (header.isEmpty ? [] : [XMLNode("soap:Header", children: header)]) + [XMLNode("soap:Body", children: [body])]
        ).document
    }
}

extension XMLNode {
    /// The first child element with this local name.
    func child(_ name: String) -> XMLNode? {
        children.first { $0.name == name }
    }

    func children(_ name: String) -> [XMLNode] {
        children.filter { $0.name == name }
    }

    func attribute(_ name: String) -> String? {
        attributes.first { $0.0 == name }?.1
    }
}
