// What a command produced: values to show, what it changed, and whether it counts as failed.

import KBMModel

/// A short statement about what happened; its German wording lives in the render layer.
public enum Notice: Equatable, Sendable {
    case mandantSaved
    case kursortAdded(String)
    case auftragCreated(String, Auftrag.Typ)
    case auftragOpened(String)
    case auftragEdited(String)
    case auftragRemoved(String)
    case todaySet(Day)
    case nothingToList(String)
    case sessionSaved(String)
    case kursdatenSaved(String)
    case unknownKursortHint(String)
    case unterbrechungSaved(Day, Day)
    case assigned(String, String, Zustaendigkeit.Art, String)
    case unassigned(String, String)
    case booked(String, String, String, Teilnahme.Kostentraeger, Bool)
    case unbooked(String, String)
    case statusSet(String, Teilnahme.Status)
    case anmeldenSet(String, Bool)
    case lehrkraftAdded(String, String)
    case lehrkraftEdited(String)
    case lehrkraftRemoved(String)
    case teilnehmerAdded(String, String)
    case teilnehmerEdited(String)
    case teilnehmerRemoved(String)
    case admitted(String, String, Zulassung.Verfahren)
    case planSent(String, Bool, Int)
    case planCancelled(String)
    case kursnummerReceived(String, String)
    case teilnehmerCounts(uebermittelt: Int, gesamt: Int)
    case testdatenRegistered
    case bamfRegistered(String, String)
    case hoechstzahlSet(Kursart, Int)
    case bamfModusSet(BamfSide.Modus)
    case stoerungSet(Anmeldung.Typ, Int)
    case offlineSet(Bool)
    case verzoegerungSet(Int)
    case zulassungRevoked(String)
    case recordingStarted(String)
    case recordingStopped(String)
    case verlaufExported(String, Int)
    // dump and restoring a dump
    case dumpWritten(String)
    case zulassungRestored(String, Zulassung.Verfahren)
    case kursplanungRestored(String, Kursplanung.State)
    case geplantRestored(String, String)
    case kbmRestored(String, String)
    case anmeldungRestored(Int, Anmeldung.Typ)
    case tnNummerSet(Int)
    case auftragClosed(String)
    case bamfZulassungRestored(String)
    case bamfPlanRestored(String)
    case bamfKursnummerRestored(String, String)
    case kursnummernZaehlerSet(Int)
    /// `kursdaten max=` above the Kursart's Höchstteilnehmerzahl: possible only with the BAMF's approval.
    case hoechstzahlAboveVorgabe(Int, vorgabe: Int, Kursart)
    case stoerungCleared(Anmeldung.Typ, Int?)
    /// `show` of an Auftrag whose schedule cannot be computed: the error in its place.
    case scheduleUnavailable(DomainError)
}

/// A table of values with German headers; the render layer turns it into table, csv or json.
public struct Table: Equatable, Sendable {
    public var headers: [String]
    /// JSON keys, one per column.
    public var keys: [String]
    public var rows: [[Cell]]
    /// Its key where it is one part of a larger document (`show` as JSON).
    public var name: String

    public init(headers: [String], keys: [String], rows: [[Cell]] = [], name: String = "zeilen") {
        self.headers = headers
        self.keys = keys
        self.rows = rows
        self.name = name
    }
}

public enum Cell: Equatable, Sendable {
    case text(String)
    case number(Int)
    case date(Day)
    case flag(Bool)
    case empty
}

/// A titled list of fields, as `show` prints for one thing.
public struct Record: Equatable, Sendable {
    public var title: String
    public var fields: [(String, Cell)]
    /// Its key where it is one part of a larger document (`show` as JSON).
    public var name: String

    public init(title: String, fields: [(String, Cell)], name: String = "datensatz") {
        self.title = title
        self.fields = fields
        self.name = name
    }

    public static func == (a: Record, b: Record) -> Bool {
        a.title == b.title && a.name == b.name && a.fields.count == b.fields.count
            && zip(a.fields, b.fields).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }
}

public enum Output: Equatable, Sendable {
    case notice(Notice)
    case table(Table)
    case record(Record)
    /// Prose such as help pages, printed as it is in every format.
    case text(String)
    /// A message exchanged with the BAMF, in short: type, result, BAMF messages.
    case message(Anmeldung)
    case findings([Finding])
    case schedule(Abschnittsplan)
    /// Warnings a command gives about what was just entered (`kursdaten`, `unterbrechung`); `check` repeats them.
    case warnings([Finding])
    /// A list or a record that the render layer builds from the session.
    case listing(Listed)
}

public struct Outcome: Sendable {
    public var output: [Output] = []
    public var touched: [Touched] = []
    /// A command like `check` or a rejected `melden` runs, keeps what it changed, and still fails.
    public var failure: DomainError?
    /// How long the BAMF took to answer, in milliseconds: the shell waits it out before it shows the outcome.
    public var delayMs: Int

    public init(output: [Output] = [], touched: [Touched] = [], failure: DomainError? = nil, delayMs: Int = 0) {
        self.output = output
        self.touched = touched
        self.failure = failure
        self.delayMs = delayMs
    }
}
