// The BAMF's admission of a Tn to an integration course.

/// The BAMF's admission of a Tn, obtained through a Kursanmeldung.
public struct Zulassung: Equatable, Sendable {
    public enum Verfahren: String, CaseIterable, Sendable {
        case erst, wiederhol

        public var name: String { self == .erst ? "Erstverfahren" : "Wiederholverfahren" }
    }

    public var verfahren: Verfahren
    public var kursart: Kursart?
    public var abschnitt: Abschnitt?
    public var datum: Day

    public init(verfahren: Verfahren, kursart: Kursart?, abschnitt: Abschnitt?, datum: Day) {
        self.verfahren = verfahren
        self.kursart = kursart
        self.abschnitt = abschnitt
        self.datum = datum
    }
}
