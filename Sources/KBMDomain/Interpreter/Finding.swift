// One result of the pre-send check: which rule, how serious, and about whom.

import KBMLanguage
import KBMModel

public struct Finding: Equatable, Sendable {
    public enum Severity: String, Sendable {
        case fehler = "Fehler"
        case warnung = "Warnung"
    }

    public enum Kind: Equatable, Sendable {
        case notIntegrationskurs(Auftrag.Typ)
        case alreadyReported(String)
        case noTraegernummer
        case kursortNotOfMandant(String)
        case kursdatenIncomplete([String])
        case noKursplanung
        case kursplanungCancelled
        case noLehrkraft
        case notAdmitted(nummer: String, name: String)
        case aktenzeichenMissing(nummer: String, name: String)
        case noTeilnehmer
        case noTeilnehmerPlanned
        /// `vorgabe`: the limit is the Kursart's (the simulated BAMF's), not the course's own `kursdaten max=`.
        case hoechstzahlExceeded(anzahl: Int, hoechstens: Int, vorgabe: Kursart?)
        case notYetBegun(Day)
        case late(beginn: Day, tage: Int)
        /// The Kursbeginn is no teaching day; teaching starts on `ersterUnterrichtstag`.
        case kursbeginnNoTeachingDay(kursbeginn: Day, ersterUnterrichtstag: Day, grund: Unterrichtsfrei)
        /// Two planned breaks share days; the schedule skips the days of both.
        case unterbrechungenOverlap(Unterbrechung, Unterbrechung)
        /// Said at entry only: a Kursbeginn years away from the session's day is most likely a typing error.
        case kursbeginnFar(kursbeginn: Day, heute: Day)
    }

    public var kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    /// The rule of domain.md (R1–R16) this finding applies.
    public var regel: Int {
        switch kind {
        case .notIntegrationskurs: 1
        case .alreadyReported: 2
        case .noTraegernummer, .kursortNotOfMandant: 4
        case .kursdatenIncomplete: 5
        case .noKursplanung: 6
        case .kursplanungCancelled: 7
        case .noLehrkraft: 8
        case .notAdmitted, .aktenzeichenMissing: 9
        case .noTeilnehmer: 10
        case .noTeilnehmerPlanned: 11
        case .hoechstzahlExceeded: 12
        case .notYetBegun: 13
        case .late: 14
        case .kursbeginnNoTeachingDay, .unterbrechungenOverlap, .kursbeginnFar: 5
        }
    }

    public var severity: Severity {
        switch kind {
        case .notIntegrationskurs, .alreadyReported, .noTraegernummer, .kursortNotOfMandant,
             .kursdatenIncomplete, .kursplanungCancelled, .noTeilnehmer: .fehler
        case .noKursplanung, .noLehrkraft, .notAdmitted, .aktenzeichenMissing, .noTeilnehmerPlanned,
             .hoechstzahlExceeded, .notYetBegun, .late, .kursbeginnNoTeachingDay, .unterbrechungenOverlap,
             .kursbeginnFar: .warnung
        }
    }
}
