// The whole state of one kbm session, held in memory as plain values.

import OrderedCollections

public struct Session: Equatable, Sendable {
    public var mandant = Mandant()
    public var kursorte: IdentifierDictionary<Kursort> = [:]
    public var auftraege: IdentifierDictionary<Auftrag> = [:]
    public var lehrkraefte: IdentifierDictionary<Lehrkraft> = [:]
    /// Persons by Tn-Nr.
    public var teilnehmer = TeilnehmerRegister()
    /// The number the next `add teilnehmer` gets; numbers are never reused.
    public var nextTeilnehmerNummer = 1
    /// Every message exchanged with the BAMF, append-only.
    public var anmeldungen: [Anmeldung] = []
    public var bamf = BamfSide()
    /// The served BAMF messages go to (`bamf verbinden`); nil: the embedded simulator, `bamf`.
    public var verbindung: BamfVerbindung?
    /// The Auftrag commands act on; the prompt shows it.
    public var openAuftrag: String?
    /// The session clock. Commands read it, never the wall clock: `set today`, `--today`, or the day kbm started.
    public var today: Day

    public init(today: Day) {
        self.today = today
    }

    /// Changes one Auftrag where it is stored: `auftraege[nummer]?.x = …` would move the Auftrag out and back,
    /// and with it every booking. nil when there is no Auftrag by that number.
    /// Inlinable, as the next one: generic, they are specialised only where the handlers call them.
    @discardableResult
    @inlinable public mutating func modifyAuftrag<R, E: Error>(_ nummer: String, _ body: (inout Auftrag) throws(E) -> R) throws(E) -> R? {
        guard let index = auftraege.index(forKey: nummer) else { return nil }
        return try modifyAuftrag(at: index, body)
    }

    /// The same for the Auftrag at an index of `auftraege` the caller has looked up already.
    @discardableResult
    @inlinable public mutating func modifyAuftrag<R, E: Error>(at index: Int, _ body: (inout Auftrag) throws(E) -> R) throws(E) -> R {
        try body(&auftraege.values[index])
    }
}

/// What a command changed, so the store writes exactly that and nothing else.
public enum Touched: Hashable, Sendable {
    case mandant
    case kursort(String)
    case auftrag(String)
    case openAuftrag
    case today
    /// One booking of an Auftrag (Auftrag, Tn-Nr): the frequent change, written as one row.
    case teilnahme(String, String)
    case lehrkraft(String)
    case teilnehmer(String)
    case nextTeilnehmerNummer
    /// A new entry at the end of the Anmeldungen log.
    case anmeldung(Int)
    case bamfSettings
    case bamfRegister
    case bamfTeilnehmer(String)
    case bamfZulassung(String)
    case bamfPlan(String)
    case bamfKursnummer(String)
    /// `bamf verbinden` / `bamf lokal`.
    case verbindung
}
