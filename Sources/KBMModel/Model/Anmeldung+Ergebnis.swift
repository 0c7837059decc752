// How commands name the result of a message (`restore anmeldung ergebnis=…`): one ASCII key per result.

extension Anmeldung.Ergebnis {
    /// How `restore anmeldung ergebnis=…` names a result: the raw value with blanks as hyphens, up to the comma.
    public var key: String {
        switch self {
        case .erfolgreich: "erfolgreich"
        case .abgelehnt: "abgelehnt"
        case .validiert: "validiert"
        case .nichtZugestellt: "nicht-zugestellt"
        }
    }

    public static let all: [Anmeldung.Ergebnis] = [.erfolgreich, .abgelehnt, .validiert, .nichtZugestellt]
    public static var keys: [String] { all.map(\.key) }

    public init?(key: String) {
        guard let found = Self.all.first(where: { $0.key == key }) else { return nil }
        self = found
    }
}
