// Commands on the open Auftrag: Integrationskursdaten, breaks, Zuständigkeiten and bookings. Each changes the
// Auftrag where it is stored (`Session.modifyAuftrag(at:)`), after every check that can refuse the command.

import KBMLanguage
import KBMModel

extension Interpreter {
    static func kursdaten(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let index = try openedIntegrationskursIndex(session)
        guard command.hasValues else {
            return Outcome(output: [.listing(.kursdaten(auftrag: session.auftraege.keys[index]))])
        }
        let daten = try changed(session.auftraege.values[index].kursdaten ?? Kursdaten(), by: command)
        session.modifyAuftrag(at: index) { $0.kursdaten = daten }
        let nummer = session.auftraege.keys[index]
        var output: [Output] = [.notice(.kursdatenSaved(nummer))]
        if let kursort = command[Keys.Kursdaten.kursort], session.kursorte[kursort] == nil {
            output.append(.notice(.unknownKursortHint(kursort)))
        }
        return Outcome(output: output, touched: [.auftrag(nummer)])
    }

    private static func changed(_ daten: Kursdaten, by command: ParsedCommand) throws(DomainError) -> Kursdaten {
        var daten = daten
        if let kursart = command[Keys.Kursdaten.kursart] {
            daten.kursart = kursart
            // A Beginnabschnitt of another Kursart may not exist in this one.
            if let a = daten.beginnabschnitt, !a.isValid(in: kursart), command[Keys.Kursdaten.abschnitt] == nil {
                throw .invalidAbschnitt(String(a.number), kursart)
            }
        }
        if let text = command[Keys.Kursdaten.abschnitt] { daten.beginnabschnitt = try parseAbschnitt(text, daten.kursart) }
        if let beginn = command[Keys.Kursdaten.beginn] { daten.kursbeginn = beginn }
        if let kursort = command[Keys.Kursdaten.kursort] { daten.kursort = kursort }
        if let ue = command[Keys.Kursdaten.ueWoche] { daten.ueProWoche = ue }
        if let tage = command[Keys.Kursdaten.tage] { daten.unterrichtstage = try parseWeekdays(tage) }
        if let max = command[Keys.Kursdaten.max] { daten.hoechstTeilnehmer = max }
        if let lehrwerk = command[Keys.Kursdaten.lehrwerk] { daten.lehrwerk = lehrwerk.isEmpty ? nil : lehrwerk }
        return daten
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
        let index = try openedIntegrationskursIndex(session)
        let von = command[Keys.Unterbrechung.von], bis = command[Keys.Unterbrechung.bis]
        guard von <= bis else { throw .invalidUnterbrechung(von: von, bis: bis) }
        let unterbrechung = Unterbrechung(von: von, bis: bis, grund: command[Keys.Unterbrechung.grund])
        session.modifyAuftrag(at: index) { auftrag in
            auftrag.unterbrechungen.append(unterbrechung)
            auftrag.unterbrechungen.sort { $0.von < $1.von }
        }
        return Outcome(output: [.notice(.unterbrechungSaved(von, bis))], touched: [.auftrag(session.auftraege.keys[index])])
    }

    static func assign(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let index = try openedAuftragIndex(session)
        let lk = try lookupLehrkraft(command[Keys.Assign.kennung], session)
        let art = command[Keys.Assign.art] ?? .lehrkraft
        let nummer = session.auftraege.keys[index]
        try session.modifyAuftrag(at: index) { (auftrag: inout Auftrag) throws(DomainError) in
            guard !auftrag.zustaendigkeiten.contains(where: { $0.kennung == lk.kennung && $0.art == art }) else {
                throw .alreadyAssigned(lk.kennung)
            }
            auftrag.zustaendigkeiten.append(Zustaendigkeit(kennung: lk.kennung, art: art))
        }
        return Outcome(output: [.notice(.assigned(lk.name, lk.kennung, art, nummer))], touched: [.auftrag(nummer)])
    }

    static func unassign(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let index = try openedAuftragIndex(session)
        let kennung = command[Keys.Assign.kennung]
        let nummer = session.auftraege.keys[index]
        try session.modifyAuftrag(at: index) { (auftrag: inout Auftrag) throws(DomainError) in
            guard auftrag.zustaendigkeiten.contains(where: { $0.kennung == kennung }) else { throw .notAssigned(kennung) }
            auftrag.zustaendigkeiten.removeAll { $0.kennung == kennung }
        }
        return Outcome(output: [.notice(.unassigned(kennung, nummer))], touched: [.auftrag(nummer)])
    }

    static func book(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let index = try openedAuftragIndex(session)
        let tn = try lookupTeilnehmer(command[Keys.Book.tn], session)
        let nummer = session.auftraege.keys[index]
        // In place: a copy of the Auftrag would copy all its bookings to add one.
        let teilnahme = try session.modifyAuftrag(at: index) { (auftrag: inout Auftrag) throws(DomainError) -> Teilnahme in
            guard auftrag.teilnahmen[tn.nummer] == nil else { throw .alreadyBooked(tn.nummer, auftrag: nummer) }
            if let kursnummer = auftrag.kbm.kursnummer { throw .kbmAlreadyReported(nummer, kursnummer: kursnummer) }
            var eintritt: Abschnitt?
            if let text = command[Keys.Book.abschnitt] { eintritt = try parseAbschnitt(text, auftrag.kursdaten?.kursart) }
            let teilnahme = Teilnahme(teilnehmer: tn.nummer,
                                      status: command[Keys.Book.status] ?? .wartet,
                                      kostentraeger: command[Keys.Book.kostentraeger],
                                      eintrittsabschnitt: eintritt)
            auftrag.teilnahmen[tn.nummer] = teilnahme
            return teilnahme
        }
        return Outcome(output: [.notice(.booked(tn.nummer, tn.name, nummer, teilnahme.kostentraeger, teilnahme.anmelden))],
                       touched: [.teilnahme(nummer, tn.nummer)])
    }

    static func unbook(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let index = try openedAuftragIndex(session)
        let tn = try lookupTeilnehmer(command[Keys.Book.tn], session)
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
        let tn = try lookupTeilnehmer(command[Keys.Status.tn], session)
        let nummer = session.auftraege.keys[index]
        let neu = command[Keys.Status.status]
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
        let tn = try lookupTeilnehmer(command[Keys.Anmelden.tn], session)
        let nummer = session.auftraege.keys[index]
        let wert = command[Keys.Anmelden.wert]
        try session.modifyAuftrag(at: index) { (auftrag: inout Auftrag) throws(DomainError) in
            guard let index = auftrag.teilnahmen.index(forKey: tn.nummer) else { throw .notBooked(tn.nummer, auftrag: nummer) }
            auftrag.teilnahmen.values[index].anmelden = wert
        }
        return Outcome(output: [.notice(.anmeldenSet(tn.nummer, wert))], touched: [.teilnahme(nummer, tn.nummer)])
    }
}
