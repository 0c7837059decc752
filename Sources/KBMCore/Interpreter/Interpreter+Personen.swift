// Commands on people: Lehrkräfte and Teilnehmer, created, corrected and removed.

extension Interpreter {
    static func checkedName(_ command: ParsedCommand, _ key: String) throws(DomainError) -> String? {
        guard let raw = command.text(key) else { return nil }
        let name = raw.trimmingBlanks
        guard Teilnehmer.isValidName(name) else { throw .invalidName(key: key, value: raw) }
        return name
    }

    static func addLehrkraft(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let kennung = command.text("kennung")!
        guard session.lehrkraefte[kennung] == nil else { throw .lehrkraftExists(kennung) }
        let lk = Lehrkraft(kennung: kennung, vorname: try checkedName(command, "vorname")!,
                           nachname: try checkedName(command, "nachname")!, alpha: command.bool("alpha") ?? false)
        session.lehrkraefte[kennung] = lk
        return Outcome(output: [.notice(.lehrkraftAdded(lk.name, kennung))], touched: [.lehrkraft(kennung)])
    }

    static func editLehrkraft(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var lk = try lookupLehrkraft(command.text("kennung")!, session)
        if let v = try checkedName(command, "vorname") { lk.vorname = v }
        if let n = try checkedName(command, "nachname") { lk.nachname = n }
        if let a = command.bool("alpha") { lk.alpha = a }
        session.lehrkraefte[lk.kennung] = lk
        return Outcome(output: [.notice(.lehrkraftEdited(lk.kennung))], touched: [.lehrkraft(lk.kennung)])
    }

    static func removeLehrkraft(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let lk = try lookupLehrkraft(command.text("kennung")!, session)
        let using = session.auftraege.values.filter { $0.zustaendigkeiten.contains { $0.kennung == lk.kennung } }
        if let gemeldet = using.first(where: { $0.kbm.isGemeldet }) { throw .lehrkraftReported(gemeldet.nummer) }
        guard using.isEmpty else { throw .lehrkraftInUse(lk.kennung, auftraege: using.map(\.nummer)) }
        session.lehrkraefte.removeValue(forKey: lk.kennung)
        return Outcome(output: [.notice(.lehrkraftRemoved(lk.kennung))], touched: [.lehrkraft(lk.kennung)])
    }

    static func addTeilnehmer(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let (nummer, naechste) = try newTeilnehmerNummer(command, session)
        var tn = Teilnehmer(nummer: nummer, vorname: try checkedName(command, "vorname")!,
                            nachname: try checkedName(command, "nachname")!, geboren: command.date("geboren")!)
        try applyOptional(command, to: &tn, session)
        let name = tn.name
        // The last use of `tn`: it moves into the register instead of being copied.
        session.teilnehmer[nummer] = tn
        session.naechsteTeilnehmerNummer = naechste
        // The counter is not written: the file holds the new Tn-Nr, and opening counts on from the highest one.
        return Outcome(output: [.notice(.teilnehmerAdded(nummer, name))], touched: [.teilnehmer(nummer)])
    }

    static func editTeilnehmer(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var tn = try lookupTeilnehmer(command.text("tn")!, session)
        let oldAz = tn.az
        if let v = try checkedName(command, "vorname") { tn.vorname = v }
        if let n = try checkedName(command, "nachname") { tn.nachname = n }
        if let g = command.date("geboren") { tn.geboren = g }
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

    private static func applyOptional(_ command: ParsedCommand, to tn: inout Teilnehmer, _ session: Session) throws(DomainError) {
        if let az = command.text("az") {
            if let owner = session.teilnehmer.with(aktenzeichen: az), owner.nummer != tn.nummer {
                throw .aktenzeichenExists(az, owner: owner.nummer)
            }
            tn.az = az
        }
        if let s = command.text("strasse") { tn.strasse = s.isEmpty ? nil : s }
        if let p = command.text("plz") { tn.plz = p.isEmpty ? nil : p }
        if let o = command.text("ort") { tn.ort = o.isEmpty ? nil : o }
    }

    static func removeTeilnehmer(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let tn = try lookupTeilnehmer(command.text("tn")!, session)
        if tn.zulassung != nil { throw .teilnehmerReported(tn.nummer) }
        let booked = session.auftraege.values.filter { $0.teilnahmen[tn.nummer] != nil }.map(\.nummer)
        guard booked.isEmpty else { throw .teilnehmerBooked(tn.nummer, auftraege: booked) }
        session.teilnehmer.removeValue(forKey: tn.nummer)
        // With the Tn-Nr gone from the file, only the written counter keeps it from being given out again.
        return Outcome(output: [.notice(.teilnehmerRemoved(tn.nummer))], touched: [.teilnehmer(tn.nummer), .naechsteTeilnehmerNummer])
    }
}
