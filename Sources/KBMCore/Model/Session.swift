// The whole state of one kbm session, held in memory as plain values.

import OrderedCollections

public struct Session: Equatable, Sendable {
    public var mandant = Mandant()
    public var kursorte: OrderedDictionary<String, Kursort> = [:]
    public var auftraege: OrderedDictionary<String, Auftrag> = [:]
    /// The Auftrag commands act on; the prompt shows it.
    public var openAuftrag: String?
    /// The session clock. Commands read it, never the wall clock.
    public var today: Day?

    public init() {}
}

/// What a command changed, so the store writes exactly that and nothing else.
public enum Touched: Hashable, Sendable {
    case mandant
    case kursort(String)
    case auftrag(String)
    case openAuftrag
    case today
}
