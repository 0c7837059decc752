// What kbm and `kbm-bamf senden` say to each other over the child's stdin and stdout: one request, one result,
// as tab-separated `name=value` lines (kbm links no JSON coder and no XML parser). The password travels here
// only, never in the child's arguments or environment.

import KBMDomain
import KBMModel

/// One message for the served BAMF, as kbm hands it to kbm-bamf.
public struct SendRequest: Equatable, Sendable {
    public var verbindung: BamfVerbindung
    public var passwort: String
    /// WS-Addressing MessageID; nil for a management command, which is not a message of the BAMF.
    public var messageID: String?
    public var heute: Day?
    public var nurValidieren: Bool
    /// The body element as a document in kbm's namespace: a message (InGeRequest.xml) or `Verwaltung`.
    public var body: String

    public init(verbindung: BamfVerbindung, passwort: String, messageID: String?, heute: Day?, nurValidieren: Bool, body: String) {
        self.verbindung = verbindung
        self.passwort = passwort
        self.messageID = messageID
        self.heute = heute
        self.nurValidieren = nurValidieren
        self.body = body
    }

    /// The header line, then the body as it is.
    public var encoded: String {
        var fields = [("url", verbindung.url), ("benutzer", verbindung.benutzer), ("passwort", passwort),
                      ("zeitlimit", String(verbindung.zeitlimit))]
        if let ca = verbindung.ca { fields.append(("ca", ca)) }
        if let messageID { fields.append(("message-id", messageID)) }
        if let heute { fields.append(("heute", heute.iso)) }
        if nurValidieren { fields.append(("nur-validieren", "ja")) }
        return SendRecord(kind: "anfrage", fields: fields).line + body
    }

    public static func decode(_ text: String) -> SendRequest? {
        guard let newline = text.firstIndex(of: "\n"), let header = SendRecord(line: String(text[..<newline])),
              header.kind == "anfrage", let url = header["url"], let benutzer = header["benutzer"],
              let passwort = header["passwort"], let zeitlimit = header["zeitlimit"].flatMap({ Int($0) }), zeitlimit > 0
        else { return nil }
        let heute = header["heute"].flatMap { Day(parsing: $0) }
        return SendRequest(verbindung: BamfVerbindung(url: url, benutzer: benutzer, ca: header["ca"], zeitlimit: zeitlimit),
                           passwort: passwort, messageID: header["message-id"], heute: heute,
                           nurValidieren: header["nur-validieren"] == "ja", body: String(text[text.index(after: newline)...]))
    }
}

/// What came of it: the BAMF's answer, the answer to a management command, or why nothing was delivered.
public enum SendResult: Equatable, Sendable {
    case antwort(InGeResponse)
    case verwaltung(angenommen: Bool, text: String)
    /// Nothing usable came back (`Uebertragungsfehler`); the message may or may not have reached the BAMF.
    case undelivered(BamfMessage)

    public var encoded: String {
        switch self {
        case .antwort(let r):
            var out = SendRecord(kind: "antwort", fields: [("ergebnis", r.ergebnis.rawValue)] + (r.kursnummer.map { [("kursnummer", $0)] } ?? [])).line
            for m in r.meldungen { out += SendRecord(kind: "meldung", fields: [("nummer", String(m.nummer))] + m.attributes).line }
            return out
        case .verwaltung(let ok, let text):
            return SendRecord(kind: "verwaltung", fields: [("angenommen", ok ? "ja" : "nein"), ("text", text)]).line
        case .undelivered(let m):
            return SendRecord(kind: "nicht-zugestellt", fields: [("nummer", String(m.nummer)), ("text", m.text)]).line
        }
    }

    /// nil for anything but a whole result (a child that died half-way).
    public static func decode(_ text: String) -> SendResult? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { SendRecord(line: String($0)) }
        guard !lines.isEmpty, !lines.contains(where: { $0 == nil }), let first = lines.removeFirst() else { return nil }
        switch first.kind {
        case "antwort":
            guard let ergebnis = first["ergebnis"].flatMap({ Anmeldung.Ergebnis(rawValue: $0) }) else { return nil }
            var meldungen: [BamfMessage] = []
            for case let line? in lines {
                guard line.kind == "meldung", let m = BamfMessage(attributes: line.fields) else { return nil }
                meldungen.append(m)
            }
            return .antwort(InGeResponse(ergebnis: ergebnis, meldungen: meldungen, kursnummer: first["kursnummer"]))
        case "verwaltung":
            guard lines.isEmpty, let ok = first["angenommen"], let text = first["text"] else { return nil }
            return .verwaltung(angenommen: ok == "ja", text: text)
        case "nicht-zugestellt":
            guard lines.isEmpty, let nummer = first["nummer"].flatMap({ Int($0) }), let text = first["text"] else { return nil }
            return .undelivered(.undelivered(nummer: nummer, text: text))
        default:
            return nil
        }
    }
}

/// The kinds of failure, each with its number (BamfMessage.undelivered), so a lesson can expect one.
public enum Uebertragung {
    public static let zeitueberschreitung = 9001
    public static let nichtErreichbar = 9002
    public static let httpFehler = 9003
    public static let soapFault = 9004
    public static let unbrauchbareAntwort = 9005
    public static let tls = 9006
    public static let programm = 9007

    public static func message(_ nummer: Int, _ text: String) -> BamfMessage {
        .undelivered(nummer: nummer, text: text + " Die Nachricht wurde nicht zugestellt; sie kann wiederholt werden.")
    }
}

/// One line: a kind, then `name=value` fields, tab-separated; `\`, tab and newline escaped in values.
struct SendRecord: Equatable {
    var kind: String
    var fields: [(String, String)]

    init(kind: String, fields: [(String, String)]) {
        self.kind = kind
        self.fields = fields
    }

    init?(line: String) {
        let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard let kind = parts.first, !kind.isEmpty else { return nil }
        var fields: [(String, String)] = []
        for part in parts.dropFirst() {
            guard let eq = part.firstIndex(of: "=") else { return nil }
            guard let value = Self.unescape(part[part.index(after: eq)...]) else { return nil }
            fields.append((String(part[..<eq]), value))
        }
        self.kind = String(kind)
        self.fields = fields
    }

    subscript(name: String) -> String? { fields.first { $0.0 == name }?.1 }

    var line: String {
        ([kind] + fields.map { $0.0 + "=" + Self.escape($0.1) }).joined(separator: "\t") + "\n"
    }

    static func == (a: SendRecord, b: SendRecord) -> Bool {
        a.kind == b.kind && a.fields.map { $0.0 + "=" + $0.1 } == b.fields.map { $0.0 + "=" + $0.1 }
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\r\n": out += "\\r\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    static func unescape(_ s: Substring) -> String? {
        var out = ""
        var escaped = false
        for ch in s {
            if escaped {
                switch ch {
                case "\\": out.append("\\")
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: return nil
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return escaped ? nil : out
    }
}
