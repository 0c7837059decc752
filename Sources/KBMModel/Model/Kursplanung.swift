// The state of an Auftrag's Kursplanung as the provider sees it.

public struct Kursplanung: Equatable, Sendable {
    public enum State: String, Sendable {
        case nichtGemeldet = "nicht gemeldet"
        case gemeldet
        case aktualisiert
        case storniert

        /// The states `restore kursplanung` accepts; "nicht gemeldet" is where every Auftrag starts.
        public static let restorable: [State] = [.gemeldet, .aktualisiert, .storniert]
    }

    public var state: State = .nichtGemeldet
    public var aktualisierungen = 0
    /// The Tn carried by the last successful plan message, as sent: the BAMF knows them by Aktenzeichen (R11).
    public var teilnehmer: [GesendeterTeilnehmer] = []
    public var gesendetAm: Day?

    public init() {}
}
