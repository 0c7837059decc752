// One message exchanged with the BAMF, as kept in the append-only Anmeldungen log.

public struct Anmeldung: Equatable, Sendable {
    public enum Typ: String, CaseIterable, Sendable {
        case kursanmeldung = "Kursanmeldung"
        case kursplanung = "Kursplanung"
        case kursplanaktualisierung = "Kursplanaktualisierung"
        case kursplanstorno = "Kursplanstorno"
        case kursbeginnmeldung = "Kursbeginnmeldung"
    }

    public enum Ergebnis: String, Sendable {
        case erfolgreich
        case abgelehnt
        /// "Nur validieren": checked by the BAMF, not recorded there.
        case validiert = "validiert, nicht übermittelt"
        /// The transport failed; the BAMF never saw the message.
        case nichtZugestellt = "nicht zugestellt"
    }

    public var nummer: Int
    public var datum: Day
    public var auftrag: String?
    public var typ: Typ
    public var anfrage: String
    public var antwort: String
    public var ergebnis: Ergebnis
    /// Numbered BAMF messages, e.g. "BAMF-Fehler 1042: …".
    public var meldungen: [String]

    public init(nummer: Int, datum: Day, auftrag: String?, typ: Typ, anfrage: String, antwort: String,
                ergebnis: Ergebnis, meldungen: [String]) {
        self.nummer = nummer
        self.datum = datum
        self.auftrag = auftrag
        self.typ = typ
        self.anfrage = anfrage
        self.antwort = antwort
        self.ergebnis = ergebnis
        self.meldungen = meldungen
    }
}
