// Commands on people: Lehrkräfte and Teilnehmer, created, corrected and removed.

import KBMLanguage
import KBMModel

extension Interpreter {
    /// A name as typed, without the blanks around it; R16 refuses one the BAMF would.
    static func checkedName(_ command: ParsedCommand, _ key: RequiredKey<String>) throws(DomainError) -> String {
        try checkedName(command[key], key.name)
    }

    static func checkedName(_ command: ParsedCommand, _ key: Key<String>) throws(DomainError) -> String? {
        guard let raw = command[key] else { return nil }
        return try checkedName(raw, key.name)
    }

    private static func checkedName(_ raw: String, _ key: String) throws(DomainError) -> String {
        let name = raw.trimmingBlanks
        guard Teilnehmer.isValidName(name) else { throw .invalidName(key: key, value: raw) }
        return name
    }

    static func addLehrkraft(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let kennung = command[Keys.AddLehrkraft.kennung]
        if let existing = session.lehrkraefte.storedKey(for: kennung) { throw .lehrkraftExists(existing) }
        let lk = Lehrkraft(kennung: kennung, vorname: try checkedName(command, Keys.AddLehrkraft.vorname),
                           nachname: try checkedName(command, Keys.AddLehrkraft.nachname), alpha: command[Keys.AddLehrkraft.alpha] ?? false)
        session.lehrkraefte[kennung] = lk
        return Outcome(output: [.notice(.lehrkraftAdded(lk.name, kennung))], touched: [.lehrkraft(kennung)])
    }

    static func editLehrkraft(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var lk = try lookupLehrkraft(command[Keys.EditLehrkraft.kennung], session)
        if let v = try checkedName(command, Keys.EditLehrkraft.vorname) { lk.vorname = v }
        if let n = try checkedName(command, Keys.EditLehrkraft.nachname) { lk.nachname = n }
        if let a = command[Keys.EditLehrkraft.alpha] { lk.alpha = a }
        session.lehrkraefte[lk.kennung] = lk
        return Outcome(output: [.notice(.lehrkraftEdited(lk.kennung))], touched: [.lehrkraft(lk.kennung)])
    }

    static func removeLehrkraft(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let lk = try lookupLehrkraft(command[Keys.EditLehrkraft.kennung], session)
        let using = session.auftraege.values.filter { $0.zustaendigkeiten.contains { $0.kennung == lk.kennung } }
        if let gemeldet = using.first(where: { $0.kbm.isGemeldet }) { throw .lehrkraftReported(gemeldet.nummer) }
        guard using.isEmpty else { throw .lehrkraftInUse(lk.kennung, auftraege: using.map(\.nummer)) }
        session.lehrkraefte.removeValue(forKey: lk.kennung)
        return Outcome(output: [.notice(.lehrkraftRemoved(lk.kennung))], touched: [.lehrkraft(lk.kennung)])
    }

    static func addTeilnehmer(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let (nummer, naechste) = try newTeilnehmerNummer(command, session)
        var tn = Teilnehmer(nummer: nummer, vorname: try checkedName(command, Keys.AddTeilnehmer.vorname),
                            nachname: try checkedName(command, Keys.AddTeilnehmer.nachname), geboren: command[Keys.AddTeilnehmer.geboren])
        try applyOptional(command, to: &tn, session)
        let name = tn.name
        // The last use of `tn`: it moves into the register instead of being copied.
        session.teilnehmer[nummer] = tn
        session.naechsteTeilnehmerNummer = naechste
        // The counter is not written: the file holds the new Tn-Nr, and opening counts on from the highest one.
        return Outcome(output: [.notice(.teilnehmerAdded(nummer, name))], touched: [.teilnehmer(nummer)])
    }

    static func editTeilnehmer(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var tn = try lookupTeilnehmer(command[Keys.EditTeilnehmer.tn], session)
        let oldAz = tn.az
        if let v = try checkedName(command, Keys.EditTeilnehmer.vorname) { tn.vorname = v }
        if let n = try checkedName(command, Keys.EditTeilnehmer.nachname) { tn.nachname = n }
        if let g = command[Keys.EditTeilnehmer.geboren] { tn.geboren = g }
        try applyOptional(command, to: &tn, session)
        var output: [Output] = [.notice(.teilnehmerEdited(tn.nummer))]
        // The BAMF admitted the old Aktenzeichen; under a new one the Tn must be admitted again.
        if tn.zulassung != nil, oldAz != nil, tn.az != oldAz {
            tn.zulassung = nil
            output.append(.notice(.zulassungRevoked(tn.nummer)))
        }
        session.teilnehmer[tn.nummer] = tn
        return Outcome(output: output, touched: [.teilnehmer(tn.nummer)])
    }

    /// The data `add teilnehmer` and `edit teilnehmer` share: the same keys in both.
    private static func applyOptional(_ command: ParsedCommand, to tn: inout Teilnehmer, _ session: Session) throws(DomainError) {
        if let az = command[Keys.AddTeilnehmer.az] {
            if let owner = session.teilnehmer.with(aktenzeichen: az), owner.nummer != tn.nummer {
                throw .aktenzeichenExists(az, owner: owner.nummer)
            }
            tn.az = az
        }
        if let s = command[Keys.AddTeilnehmer.strasse] { tn.strasse = s.isEmpty ? nil : s }
        if let p = command[Keys.AddTeilnehmer.plz] { tn.plz = p.isEmpty ? nil : p }
        if let o = command[Keys.AddTeilnehmer.ort] { tn.ort = o.isEmpty ? nil : o }
    }

    static func removeTeilnehmer(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let tn = try lookupTeilnehmer(command[Keys.EditTeilnehmer.tn], session)
        if tn.zulassung != nil { throw .teilnehmerReported(tn.nummer) }
        let booked = session.auftraege.values.filter { $0.teilnahmen[tn.nummer] != nil }.map(\.nummer)
        guard booked.isEmpty else { throw .teilnehmerBooked(tn.nummer, auftraege: booked) }
        session.teilnehmer.removeValue(forKey: tn.nummer)
        // With the Tn-Nr gone from the file, only the written counter keeps it from being given out again.
        return Outcome(output: [.notice(.teilnehmerRemoved(tn.nummer))], touched: [.teilnehmer(tn.nummer), .naechsteTeilnehmerNummer])
    }
}
