// An Auftrag: one course or other job of the provider, identified by the user's own Nummer.

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

    public init(nummer: String, typ: Typ, titel: String? = nil) {
        self.nummer = nummer
        self.typ = typ
        self.titel = titel
    }
}
