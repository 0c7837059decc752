// An Auftrag: one course or other job of the provider, identified by the user's own Nummer.

import OrderedCollections

public struct Auftrag: Equatable, Sendable {
    public enum Typ: String, CaseIterable, Sendable {
        case integrationskurs, sprachtest, ba, sonstiges

        public var name: String {
            switch self {
            case .integrationskurs: "Integrationskurs"
            case .sprachtest: "Sprachtest"
            case .ba: "BA-Maßnahme"
            case .sonstiges: "Sonstiges"
            }
        }
    }

    public var nummer: String
    public var typ: Typ
    public var titel: String?
    /// Reference numbers by name, e.g. "BAMF-Kursnummer".
    public var referenznummern: [String: String] = [:]
    /// Integrationskursdaten; only for Typ Integrationskurs.
    public var kursdaten: Kursdaten?
    public var unterbrechungen: [Unterbrechung] = []
    public var zustaendigkeiten: [Zustaendigkeit] = []
    /// Bookings by Tn-Nr, in booking order.
    public var teilnahmen: OrderedDictionary<String, Teilnahme> = [:]
    public var kursplanung = Kursplanung()
    public var kbm = Kursbeginnmeldung()

    public static let kursnummerName = "BAMF-Kursnummer"

    /// The bookings the Kursteilnehmer view shows: status wartet or aktiv.
    public var currentTeilnahmen: [Teilnahme] { teilnahmen.values.filter { $0.status.isCurrent } }

    /// The bookings transmitted to the BAMF: current and with the A flag.
    public var transmittedTeilnahmen: [Teilnahme] { currentTeilnahmen.filter(\.anmelden) }

    /// Those a Kursplanung carries: current and funded by the BAMF.
    public var plannedTeilnahmen: [Teilnahme] { currentTeilnahmen.filter { $0.kostentraeger == .bamf } }

    public init(nummer: String, typ: Typ, titel: String? = nil) {
        self.nummer = nummer
        self.typ = typ
        self.titel = titel
    }
}
