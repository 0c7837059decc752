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
        let auftrag = session.auftraege.values[index]
        try refuseAfterKbm(auftrag)
        var daten = try changed(auftrag.kursdaten ?? Kursdaten(), by: command)
        // The Mandant's spelling of the Kursortkennung, however it was typed.
        if let kursort = daten.kursort, let stored = session.kursorte.storedKey(for: kursort) { daten.kursort = stored }
        // A schedule that cannot be computed (a course past 31.12.9999) is refused here, not found later by `show`.
        _ = try schedule(daten, auftrag.unterbrechungen)
        session.modifyAuftrag(at: index) { $0.kursdaten = daten }
        let nummer = session.auftraege.keys[index]
        var output: [Output] = [.notice(.kursdatenSaved(nummer))]
        if let kursort = daten.kursort, command[Keys.Kursdaten.kursort] != nil, session.kursorte[kursort] == nil {
            output.append(.notice(.unknownKursortHint(kursort)))
        }
        if let max = command[Keys.Kursdaten.max], let kursart = daten.kursart, max > session.bamf.hoechstTeilnehmer(for: kursart) {
            output.append(.notice(.hoechstzahlAboveVorgabe(max, vorgabe: session.bamf.hoechstTeilnehmer(for: kursart), kursart)))
        }
        // Overlapping breaks were named when the second was entered; here only what this command can have caused.
        var warnings = Checker.kursdatenWarnings(daten, auftrag.unterbrechungen).filter {
            if case .kursbeginnNoTeachingDay = $0.kind { true } else { false }
        }
        let today = session.today ?? Clock.today()
        if let beginn = command[Keys.Kursdaten.beginn], abs(beginn - today) > Self.kursbeginnFarDays {
            warnings.append(Finding(.kursbeginnFar(kursbeginn: beginn, heute: today)))
        }
        if !warnings.isEmpty { output.append(.warnings(warnings)) }
        return Outcome(output: output, touched: [.auftrag(nummer)])
    }

    /// "More than a few years" from the session's day: a course is planned months ahead, not years.
    static let kursbeginnFarDays = 2 * 365

    /// R2: what the BAMF received with the Kursbeginnmeldung (and the Kursplanung before it) stays as it was sent.
    static func refuseAfterKbm(_ auftrag: Auftrag) throws(DomainError) {
        if let kursnummer = auftrag.kbm.kursnummer { throw .kbmAlreadyReported(auftrag.nummer, kursnummer: kursnummer) }
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
        let auftrag = session.auftraege.values[index]
        try refuseAfterKbm(auftrag)
        if let same = auftrag.unterbrechungen.first(where: { $0.von == von && $0.bis == bis }) {
            throw .unterbrechungExists(von: von, bis: bis, grund: same.grund)
        }
        let unterbrechung = Unterbrechung(von: von, bis: bis, grund: command[Keys.Unterbrechung.grund])
        let unterbrechungen = (auftrag.unterbrechungen + [unterbrechung]).sorted { $0.von < $1.von }
        if let daten = auftrag.kursdaten { _ = try schedule(daten, unterbrechungen) }
        session.modifyAuftrag(at: index) { $0.unterbrechungen = unterbrechungen }
        // Only what the new break causes: an overlap with it, or a first teaching day it moves.
        let daten = auftrag.kursdaten ?? Kursdaten()
        let before = Checker.kursdatenWarnings(daten, auftrag.unterbrechungen)
        let warnings = Checker.kursdatenWarnings(daten, unterbrechungen).filter {
            switch $0.kind {
            case .unterbrechungenOverlap(let a, let b): a == unterbrechung || b == unterbrechung
            case .kursbeginnNoTeachingDay: !before.contains($0)
            default: false
            }
        }
        var output: [Output] = [.notice(.unterbrechungSaved(von, bis))]
        if !warnings.isEmpty { output.append(.warnings(warnings)) }
        return Outcome(output: output, touched: [.auftrag(session.auftraege.keys[index])])
    }

    static func assign(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let index = try openedAuftragIndex(session)
        let lk = try lookupLehrkraft(command[Keys.Assign.kennung], session)
        let art = command[Keys.Assign.art] ?? .lehrkraft
        let nummer = session.auftraege.keys[index]
        if art == .lehrkraft { try refuseAfterKbm(session.auftraege.values[index]) }
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
        let typed = command[Keys.Assign.kennung]
        let nummer = session.auftraege.keys[index]
        let auftrag = session.auftraege.values[index]
        guard let kennung = auftrag.zustaendigkeiten.first(where: { Identifier.same($0.kennung, typed) })?.kennung else {
            throw .notAssigned(typed)
        }
        // R2: the Lehrkräfte went to the BAMF with the Kursbeginnmeldung; other Zuständigkeiten may still change.
        if auftrag.zustaendigkeiten.contains(where: { $0.kennung == kennung && $0.art == .lehrkraft }) { try refuseAfterKbm(auftrag) }
        session.modifyAuftrag(at: index) { $0.zustaendigkeiten.removeAll { $0.kennung == kennung } }
        return Outcome(output: [.notice(.unassigned(kennung, nummer))], touched: [.auftrag(nummer)])
    }

    static func book(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let index = try openedAuftragIndex(session)
        let tn = try lookupTeilnehmer(command[Keys.Book.tn], session)
        let nummer = session.auftraege.keys[index]
        // In place: a copy of the Auftrag would copy all its bookings to add one.
        let teilnahme = try session.modifyAuftrag(at: index) { (auftrag: inout Auftrag) throws(DomainError) -> Teilnahme in
            guard auftrag.teilnahmen[tn.nummer] == nil else { throw .alreadyBooked(tn.nummer, auftrag: nummer) }
            try refuseAfterKbm(auftrag)
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
            try refuseAfterKbm(auftrag)
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
        try refuseAfterKbm(session.auftraege.values[index])
        try session.modifyAuftrag(at: index) { (auftrag: inout Auftrag) throws(DomainError) in
            guard let index = auftrag.teilnahmen.index(forKey: tn.nummer) else { throw .notBooked(tn.nummer, auftrag: nummer) }
            auftrag.teilnahmen.values[index].anmelden = wert
        }
        return Outcome(output: [.notice(.anmeldenSet(tn.nummer, wert))], touched: [.teilnahme(nummer, tn.nummer)])
    }
}
