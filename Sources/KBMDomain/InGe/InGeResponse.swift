// The BAMF's answer to one message: a result, numbered messages, and for a KBM the Kursnummer.

import KBMModel

public struct InGeResponse: Equatable, Sendable {
    public var ergebnis: Anmeldung.Ergebnis
    public var meldungen: [BamfMessage]
    public var kursnummer: String?
    /// How long the answer took, in milliseconds; the simulator's is set with `bamf verzoegerung`. Who waits it out
    /// is the shell's affair, so the BAMF's rules never block.
    public var delayMs: Int

    public init(ergebnis: Anmeldung.Ergebnis, meldungen: [BamfMessage] = [], kursnummer: String? = nil, delayMs: Int = 0) {
        self.ergebnis = ergebnis
        self.meldungen = meldungen
        self.kursnummer = kursnummer
        self.delayMs = delayMs
    }

    public var xml: XMLNode {
        XMLNode("Antwort", children: [XMLNode("Ergebnis", text: ergebnis.rawValue)]
            + XMLNode.field("Kursnummer", kursnummer)
            + meldungen.map { XMLNode("Meldung", [("nummer", String($0.nummer))], text: $0.text) })
    }
}
