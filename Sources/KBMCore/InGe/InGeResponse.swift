// The BAMF's answer to one message: a result, numbered messages, and for a KBM the Kursnummer.

public struct InGeResponse: Equatable, Sendable {
    public var ergebnis: Anmeldung.Ergebnis
    public var meldungen: [BamfMessage]
    public var kursnummer: String?

    public init(ergebnis: Anmeldung.Ergebnis, meldungen: [BamfMessage] = [], kursnummer: String? = nil) {
        self.ergebnis = ergebnis
        self.meldungen = meldungen
        self.kursnummer = kursnummer
    }

    public var xml: XMLNode {
        XMLNode("Antwort", children: [XMLNode("Ergebnis", text: ergebnis.rawValue)]
            + XMLNode.field("Kursnummer", kursnummer)
            + meldungen.map { XMLNode("Meldung", [("nummer", String($0.nummer))], text: $0.text) })
    }
}
