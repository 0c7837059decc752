// What a list or show command asks to see: the render layer lays it out, with its German headers, from the session.

import KBMModel

public enum Listed: Equatable, Sendable {
    case auftraege(typ: Auftrag.Typ?, kursart: Kursart?, gemeldet: Bool?)
    case kursorte
    case mandant
    case lehrkraefte
    case report
    /// Every person, when no Auftrag is open.
    case personen(zugelassen: Bool?)
    case kursteilnehmer(auftrag: String, Filter)
    case anmeldungen
    /// The message numbered `nummer` (from 1).
    case anmeldung(nummer: Int)
    case bamf
    case kursdaten(auftrag: String)
    /// An Auftrag in full; its schedule is worked out by the domain, or why there is none.
    case show(auftrag: String, schedule: Result<Abschnittsplan?, DomainError>)
    /// A person in full: data, Zulassung, bookings.
    case teilnehmer(nummer: String)
    /// A Lehrkraft and where she is zuständig.
    case lehrkraft(kennung: String)

    /// Which of an Auftrag's Teilnahmen the Kursteilnehmer view shows; no status means the current ones.
    public struct Filter: Equatable, Sendable {
        public var status: Teilnahme.Status?
        public var kostentraeger: Teilnahme.Kostentraeger?
        public var a: Bool?
        public var zugelassen: Bool?

        public init(status: Teilnahme.Status? = nil, kostentraeger: Teilnahme.Kostentraeger? = nil, a: Bool? = nil,
                    zugelassen: Bool? = nil) {
            self.status = status
            self.kostentraeger = kostentraeger
            self.a = a
            self.zugelassen = zugelassen
        }
    }
}
