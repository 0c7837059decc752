// The InGe of a served BAMF (`bamf verbinden`): each message goes through kbm-bamf over HTTP(S). The embedded
// simulator's side stays as it is; only the MessageIDs of messages whose answer never came are kept in it.

import KBMDomain
import KBMModel

public struct ServedInGe: InGe {
    public let verbindung: BamfVerbindung
    let passwort: String

    public init(verbindung: BamfVerbindung, passwort: String) {
        self.verbindung = verbindung
        self.passwort = passwort
    }

    /// The body element in kbm's namespace, as kbm-bamf puts it into the envelope.
    static func body(_ node: XMLNode) -> String {
        var node = node
        node.attributes.insert(("xmlns", "urn:kbm:inge:1"), at: 0)
        return node.document
    }

    public func submit(_ request: InGeRequest, nurValidieren: Bool, today: Day, bamf: inout BamfSide) -> InGeResponse {
        let document = request.xml.document
        let key = nurValidieren ? "nur-validieren\n" + document : document
        // A repeat of a message whose answer was lost goes with its first id: the BAMF answers with its first answer.
        let id = bamf.unbestaetigt[key] ?? MessageID.make()
        let result = BamfSender.send(SendRequest(verbindung: verbindung, passwort: passwort, messageID: id, heute: today,
                                                 nurValidieren: nurValidieren, body: Self.body(request.xml)))
        switch result {
        case .antwort(let response):
            bamf.unbestaetigt[key] = nil
            return response
        case .undelivered(let message):
            bamf.unbestaetigt[key] = id
            return InGeResponse(ergebnis: .nichtZugestellt, meldungen: [message])
        case .verwaltung:
            bamf.unbestaetigt[key] = id
            return InGeResponse(ergebnis: .nichtZugestellt, meldungen: [Uebertragung.message(Uebertragung.unbrauchbareAntwort,
                "Der BAMF-Dienst hat auf die Nachricht mit einer Verwaltungsantwort geantwortet.")])
        }
    }

    /// A simulator command (`bamf modus=strict` …) for this Träger's BAMF side in the service.
    public func verwalten(_ befehl: String, today: Day) -> SendResult {
        BamfSender.send(verwaltung(befehl, fuer: nil, today: today))
    }

    /// The request of a management command: for the sender's own side, or (an admin account's, `fuer`) another
    /// Träger's or "alle".
    public func verwaltung(_ befehl: String, fuer: String?, today: Day) -> SendRequest {
        let children = [XMLNode("Befehl", text: befehl)] + (fuer.map { [XMLNode("Fuer", text: $0)] } ?? [])
        return SendRequest(verbindung: verbindung, passwort: passwort, messageID: MessageID.make(), heute: today,
                           nurValidieren: false, body: Self.body(XMLNode("Verwaltung", children: children)))
    }
}

/// A WS-Addressing MessageID: a random UUID (version 4) as a URN.
enum MessageID {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let digits = Array("0123456789abcdef")
        var out = "urn:uuid:"
        for (i, b) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(i) { out.append("-") }
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return out
    }
}
