// The booking of a Teilnehmer into an Auftrag: status, Kostenträger and the A flag.

public struct Teilnahme: Equatable, Sendable {
    public enum Status: String, CaseIterable, Sendable {
        case wartet, aktiv, unterbrochen, abgebrochen, beendet

        /// The Kursteilnehmer view shows only these.
        public var isCurrent: Bool { self == .wartet || self == .aktiv }
    }

    public enum Kostentraeger: String, CaseIterable, Sendable {
        case bamf, selbstzahler, jobcenter, sonstige

        public var name: String {
            switch self {
            case .bamf: "BAMF"
            case .selbstzahler: "Selbstzahler"
            case .jobcenter: "Jobcenter"
            case .sonstige: "Sonstige"
            }
        }
    }

    public var teilnehmer: String
    public var status: Status
    public var kostentraeger: Kostentraeger
    public var eintrittsabschnitt: Abschnitt?
    /// "Anmelden": only Tn with this flag are transmitted. On by default exactly for BAMF-funded Tn.
    public var anmelden: Bool
    /// Once aktiv, a Teilnahme never returns to wartet, also not by way of another status.
    public var warAktiv: Bool

    public init(teilnehmer: String, status: Status, kostentraeger: Kostentraeger, eintrittsabschnitt: Abschnitt? = nil) {
        self.teilnehmer = teilnehmer
        self.status = status
        self.kostentraeger = kostentraeger
        self.eintrittsabschnitt = eintrittsabschnitt
        self.anmelden = kostentraeger == .bamf
        self.warAktiv = status == .aktiv
    }
}
