// One result of the pre-send check: which rule, how serious, and about whom.

public struct Finding: Equatable, Sendable {
    public enum Severity: String, Sendable {
        case fehler = "Fehler"
        case warnung = "Warnung"
    }

    public enum Kind: Equatable, Sendable {
        case keinIntegrationskurs(Auftrag.Typ)
        case bereitsGemeldet(String)
        case keineTraegernummer
        case kursortNichtBeimMandanten(String)
        case kursdatenUnvollstaendig([String])
        case keineKursplanung
        case kursplanungStorniert
        case keineLehrkraft
        case nichtZugelassen(nummer: String, name: String)
        case aktenzeichenFehlt(nummer: String, name: String)
        case keinTeilnehmer
        case keinerGeplant
        case hoechstzahl(anzahl: Int, hoechstens: Int)
        case nochNichtBegonnen(Day)
        case verspaetet(beginn: Day, tage: Int)
    }

    public var kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    /// The rule of domain.md (R1–R16) this finding applies.
    public var regel: Int {
        switch kind {
        case .keinIntegrationskurs: 1
        case .bereitsGemeldet: 2
        case .keineTraegernummer, .kursortNichtBeimMandanten: 4
        case .kursdatenUnvollstaendig: 5
        case .keineKursplanung: 6
        case .kursplanungStorniert: 7
        case .keineLehrkraft: 8
        case .nichtZugelassen, .aktenzeichenFehlt: 9
        case .keinTeilnehmer: 10
        case .keinerGeplant: 11
        case .hoechstzahl: 12
        case .nochNichtBegonnen: 13
        case .verspaetet: 14
        }
    }

    public var severity: Severity {
        switch kind {
        case .keinIntegrationskurs, .bereitsGemeldet, .keineTraegernummer, .kursortNichtBeimMandanten,
             .kursdatenUnvollstaendig, .kursplanungStorniert, .keinTeilnehmer: .fehler
        case .keineKursplanung, .keineLehrkraft, .nichtZugelassen, .aktenzeichenFehlt, .keinerGeplant,
             .hoechstzahl, .nochNichtBegonnen, .verspaetet: .warnung
        }
    }
}
