// The state of an Auftrag's Kursbeginnmeldung: final once the BAMF issued a Kursnummer.
// Failed attempts are not counted here: the Anmeldungen log keeps each one.

public struct Kursbeginnmeldung: Equatable, Sendable {
    /// Set once the BAMF accepted the KBM; final.
    public var kursnummer: String?
    public var gemeldetAm: Day?

    public init() {}

    public var isGemeldet: Bool { kursnummer != nil }
}
