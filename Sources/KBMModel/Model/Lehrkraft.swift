// A teacher (Mitarbeiter) with the BAMF Lehrkraftkennung that makes them reportable.

public struct Lehrkraft: Equatable, Sendable {
    public var kennung: String
    public var vorname: String
    public var nachname: String
    public var alpha: Bool

    public init(kennung: String, vorname: String, nachname: String, alpha: Bool = false) {
        self.kennung = kennung
        self.vorname = vorname
        self.nachname = nachname
        self.alpha = alpha
    }

    public var name: String { "\(vorname) \(nachname)" }
}
