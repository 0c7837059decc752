// The provider (Mandant): Trägernummer and the switches that govern every message to the BAMF.

public struct Mandant: Equatable, Sendable {
    public var traegernummer: String?
    public var testnummer: String?
    public var testumgebung: Bool = false
    public var nurValidieren: Bool = false

    public init() {}

    /// The number messages carry: the Testträgernummer while the Testumgebung is on.
    public var sendingNummer: String? {
        testumgebung ? (testnummer ?? traegernummer) : traegernummer
    }
}
