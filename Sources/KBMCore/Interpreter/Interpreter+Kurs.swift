// Commands on the open Auftrag: Integrationskursdaten, breaks, Zuständigkeiten and bookings.

extension Interpreter {
    static func kursdaten(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var auftrag = try openedIntegrationskurs(session)
        guard command.hasValues else {
            return Outcome(output: Listing.kursdaten(auftrag, session))
        }
        var daten = auftrag.kursdaten ?? Kursdaten()
        if let key = command.text("kursart") {
            daten.kursart = Kursart(key: key)
            // A Beginnabschnitt of another Kursart may not exist in this one.
            if let a = daten.beginnabschnitt, let k = daten.kursart, !a.isValid(in: k), command.text("abschnitt") == nil {
                throw .invalidAbschnitt(String(a.number), k)
            }
        }
        if let text = command.text("abschnitt") { daten.beginnabschnitt = try parseAbschnitt(text, daten.kursart) }
        if let beginn = command.date("beginn") { daten.kursbeginn = beginn }
        if let kursort = command.text("kursort") { daten.kursort = kursort }
        if let ue = command.integer("ue-woche") { daten.ueProWoche = ue }
        if let tage = command.text("tage") { daten.unterrichtstage = try parseWeekdays(tage) }
        if let max = command.integer("max") { daten.hoechstTeilnehmer = max }
        if let lehrwerk = command.text("lehrwerk") { daten.lehrwerk = lehrwerk.isEmpty ? nil : lehrwerk }
        auftrag.kursdaten = daten
        session.auftraege[auftrag.nummer] = auftrag
        var output: [Output] = [.notice(.kursdatenSaved(auftrag.nummer))]
        if let kursort = command.text("kursort"), session.kursorte[kursort] == nil {
            output.append(.notice(.unknownKursortHint(kursort)))
        }
        return Outcome(output: output, touched: [.auftrag(auftrag.nummer)])
    }

    static func parseWeekdays(_ text: String) throws(DomainError) -> Set<Int> {
        var days = Set<Int>()
        for part in text.split(separator: ",") {
            guard let index = Kursdaten.weekdayKeys.firstIndex(of: Keyword.normalize(String(part).trimmingBlanks)) else {
                throw .invalidWeekdays(text)
            }
            days.insert(index + 1)
        }
        guard !days.isEmpty else { throw .invalidWeekdays(text) }
        return days
    }

    static func unterbrechung(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var auftrag = try openedIntegrationskurs(session)
        let von = command.date("von")!, bis = command.date("bis")!
        guard von <= bis else { throw .invalidUnterbrechung(von: von, bis: bis) }
        auftrag.unterbrechungen.append(Unterbrechung(von: von, bis: bis, grund: command.text("grund")))
        auftrag.unterbrechungen.sort { $0.von < $1.von }
        session.auftraege[auftrag.nummer] = auftrag
        return Outcome(output: [.notice(.unterbrechungSaved(von, bis))], touched: [.auftrag(auftrag.nummer)])
    }

    static func assign(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var auftrag = try openedAuftrag(session)
        let lk = try lookupLehrkraft(command.text("kennung")!, session)
        let art = Zustaendigkeit.Art(rawValue: command.text("art") ?? "lehrkraft")!
        guard !auftrag.zustaendigkeiten.contains(where: { $0.kennung == lk.kennung && $0.art == art }) else {
            throw .alreadyAssigned(lk.kennung)
        }
        auftrag.zustaendigkeiten.append(Zustaendigkeit(kennung: lk.kennung, art: art))
        session.auftraege[auftrag.nummer] = auftrag
        return Outcome(output: [.notice(.assigned(lk.name, lk.kennung, art, auftrag.nummer))], touched: [.auftrag(auftrag.nummer)])
    }

    static func unassign(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var auftrag = try openedAuftrag(session)
        let kennung = command.text("kennung")!
        guard auftrag.zustaendigkeiten.contains(where: { $0.kennung == kennung }) else { throw .notAssigned(kennung) }
        auftrag.zustaendigkeiten.removeAll { $0.kennung == kennung }
        session.auftraege[auftrag.nummer] = auftrag
        return Outcome(output: [.notice(.unassigned(kennung, auftrag.nummer))], touched: [.auftrag(auftrag.nummer)])
    }

    static func book(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let index = try openedAuftragIndex(session)
        let tn = try lookupTeilnehmer(command.text("tn")!, session)
        let nummer = session.auftraege.keys[index]
        // In place: a copy of the Auftrag would copy all its bookings to add one.
        let teilnahme = try session.modifyAuftrag(at: index) { (auftrag: inout Auftrag) throws(DomainError) -> Teilnahme in
            guard auftrag.teilnahmen[tn.nummer] == nil else { throw .alreadyBooked(tn.nummer, auftrag: nummer) }
            if let kursnummer = auftrag.kbm.kursnummer { throw .kbmAlreadyReported(nummer, kursnummer: kursnummer) }
            var eintritt: Abschnitt?
            if let text = command.text("abschnitt") { eintritt = try parseAbschnitt(text, auftrag.kursdaten?.kursart) }
            let teilnahme = Teilnahme(teilnehmer: tn.nummer,
                                      status: Teilnahme.Status(rawValue: command.text("status") ?? "wartet")!,
                                      kostentraeger: Teilnahme.Kostentraeger(rawValue: command.text("kostentraeger")!)!,
                                      eintrittsabschnitt: eintritt)
            auftrag.teilnahmen[tn.nummer] = teilnahme
            return teilnahme
        }
        return Outcome(output: [.notice(.booked(tn.nummer, tn.name, nummer, teilnahme.kostentraeger, teilnahme.anmelden))],
                       touched: [.teilnahme(nummer, tn.nummer)])
    }

    static func unbook(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let index = try openedAuftragIndex(session)
        let tn = try lookupTeilnehmer(command.text("tn")!, session)
        let nummer = session.auftraege.keys[index]
        try session.modifyAuftrag(at: index) { (auftrag: inout Auftrag) throws(DomainError) in
            guard auftrag.teilnahmen[tn.nummer] != nil else { throw .notBooked(tn.nummer, auftrag: nummer) }
            // R2: after a successful KBM nothing about its participants may change; a dropout is a status.
            if let kursnummer = auftrag.kbm.kursnummer { throw .kbmAlreadyReported(nummer, kursnummer: kursnummer) }
            auftrag.teilnahmen.removeValue(forKey: tn.nummer)
        }
        return Outcome(output: [.notice(.unbooked(tn.nummer, nummer))], touched: [.teilnahme(nummer, tn.nummer)])
    }

    static func status(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let index = try openedAuftragIndex(session)
        let tn = try lookupTeilnehmer(command.text("tn")!, session)
        let nummer = session.auftraege.keys[index]
        let neu = Teilnahme.Status(rawValue: command.text("status")!)!
        try session.modifyAuftrag(at: index) { (auftrag: inout Auftrag) throws(DomainError) in
            guard let index = auftrag.teilnahmen.index(forKey: tn.nummer) else { throw .notBooked(tn.nummer, auftrag: nummer) }
            if auftrag.teilnahmen.values[index].warAktiv && neu == .wartet { throw .noReturnToWartet(tn.nummer) }
            auftrag.teilnahmen.values[index].status = neu
            if neu == .aktiv { auftrag.teilnahmen.values[index].warAktiv = true }
        }
        return Outcome(output: [.notice(.statusSet(tn.nummer, neu))], touched: [.teilnahme(nummer, tn.nummer)])
    }

    static func anmelden(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let index = try openedAuftragIndex(session)
        let tn = try lookupTeilnehmer(command.text("tn")!, session)
        let nummer = session.auftraege.keys[index]
        let wert = command.bool("wert")!
        try session.modifyAuftrag(at: index) { (auftrag: inout Auftrag) throws(DomainError) in
            guard let index = auftrag.teilnahmen.index(forKey: tn.nummer) else { throw .notBooked(tn.nummer, auftrag: nummer) }
            auftrag.teilnahmen.values[index].anmelden = wert
        }
        return Outcome(output: [.notice(.anmeldenSet(tn.nummer, wert))], touched: [.teilnahme(nummer, tn.nummer)])
    }
}
