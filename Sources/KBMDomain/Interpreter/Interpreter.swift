// The meaning of domain commands: (command, session) → outcome, with no I/O.

import KBMLanguage
import KBMModel

public enum Interpreter {
    public static func execute(_ command: ParsedCommand, on session: inout Session,
                               inge: any InGe = SimulatedInGe()) throws(DomainError) -> Outcome {
        guard case .domain(let name) = command.name else { preconditionFailure("shell command \(command.spec.phrase) reached the interpreter") }
        switch name {
        case .kursdaten: return try kursdaten(command, &session)
        case .unterbrechung: return try unterbrechung(command, &session)
        case .addLehrkraft: return try addLehrkraft(command, &session)
        case .editLehrkraft: return try editLehrkraft(command, &session)
        case .removeLehrkraft: return try removeLehrkraft(command, &session)
        case .assign: return try assign(command, &session)
        case .unassign: return try unassign(command, &session)
        case .addTeilnehmer: return try addTeilnehmer(command, &session)
        case .editTeilnehmer: return try editTeilnehmer(command, &session)
        case .removeTeilnehmer: return try removeTeilnehmer(command, &session)
        case .book: return try book(command, &session)
        case .unbook: return try unbook(command, &session)
        case .status: return try status(command, &session)
        case .anmelden: return try anmelden(command, &session)
        case .admit: return try admit(command, &session, inge)
        case .plan: return try plan(&session, inge)
        case .planStorno: return try planStorno(&session, inge)
        case .check: return try check(session)
        case .melden: return try melden(&session, inge)
        case .anmeldungen: return try anmeldungen(command, session)
        case .listLehrkraefte: return Outcome(output: [.listing(.lehrkraefte)])
        case .listTeilnehmer: return try listTeilnehmer(command, session)
        case .bamf: return bamf(command, &session)
        case .bamfTestdaten: return bamfTestdaten(&session)
        case .bamfRegisterTraeger: return bamfRegister(command[Keys.BamfRegisterTraeger.nummer], "Träger", in: \.traeger, &session)
        case .bamfRegisterKursort: return bamfRegister(command[Keys.BamfRegisterKursort.kennung], "Kursort", in: \.kursorte, &session)
        case .bamfRegisterLehrkraft:
            return bamfRegister(command[Keys.BamfRegisterLehrkraft.kennung], "Lehrkraft", in: \.lehrkraefte, &session)
        case .bamfRegisterTeilnehmer: return bamfRegisterTeilnehmer(command, &session)
        case .bamfHoechstzahl: return bamfHoechstzahl(command, &session)
        case .bamfStoerung: return try bamfStoerung(command, &session)
        case .bamfOffline: return bamfOffline(command, &session)
        case .bamfVerzoegerung: return bamfVerzoegerung(command, &session)
        case .mandant: return mandant(command, &session)
        case .addKursort: return try addKursort(command, &session)
        case .newAuftrag: return try newAuftrag(command, &session)
        case .openAuftrag: return try openAuftrag(command, &session)
        case .editAuftrag: return try editAuftrag(command, &session)
        case .removeAuftrag: return try removeAuftrag(command, &session)
        case .listAuftraege: return Outcome(output: [.listing(.auftraege(typ: command[Keys.ListAuftraege.typ], kursart: command[Keys.ListAuftraege.kursart],
                                                                     gemeldet: command[Keys.ListAuftraege.gemeldet]))])
        case .report: return Outcome(output: [.listing(.report)])
        case .listKursorte: return Outcome(output: [.listing(.kursorte)])
        case .show:
            return show(try openedAuftrag(session))
        case .showAuftrag:
            return show(try lookupAuftrag(command[Keys.OpenAuftrag.nummer], session))
        case .setToday:
            let today = command[Keys.SetToday.datum]
            session.today = today
            return Outcome(output: [.notice(.todaySet(today))], touched: [.today])
        case .restoreZulassung: return try restoreZulassung(command, &session)
        case .restoreKursplanung: return try restoreKursplanung(command, &session)
        case .restoreGeplant: return try restoreGeplant(command, &session)
        case .restoreKbm: return try restoreKbm(command, &session)
        case .restoreAnmeldung: return try restoreAnmeldung(command, &session)
        case .setTnNummer: return try setTnNummer(command, &session)
        case .closeAuftrag: return try closeAuftrag(&session)
        case .bamfRestoreZulassung: return bamfRestoreZulassung(command, &session)
        case .bamfRestorePlan: return try bamfRestorePlan(command, &session)
        case .bamfRestoreKursnummer: return try bamfRestoreKursnummer(command, &session)
        case .bamfRestoreZaehler: return try bamfRestoreZaehler(command, &session)
        case .showTeilnehmer:
            return Outcome(output: [.listing(.teilnehmer(nummer: try lookupTeilnehmer(command[Keys.EditTeilnehmer.tn], session).nummer))])
        case .showLehrkraft:
            return Outcome(output: [.listing(.lehrkraft(kennung: try lookupLehrkraft(command[Keys.EditLehrkraft.kennung], session).kennung))])
        }
    }

    private static func listTeilnehmer(_ command: ParsedCommand, _ session: Session) throws(DomainError) -> Outcome {
        guard let nr = session.openAuftrag, let auftrag = session.auftraege[nr] else {
            // A person may be booked in several Aufträge: which booking a filter of the booking means is not to be guessed.
            let bookingFilters = [Keys.ListTeilnehmer.status.spec, Keys.ListTeilnehmer.kostentraeger.spec, Keys.ListTeilnehmer.a.spec]
                .filter { command.value(of: $0) != nil }.map(\.name)
            if !bookingFilters.isEmpty { throw .filterNeedsAuftrag(bookingFilters) }
            return Outcome(output: [.listing(.personen(zugelassen: command[Keys.ListTeilnehmer.zugelassen]))])
        }
        guard auftrag.typ == .integrationskurs else { throw .notIntegrationskurs(auftrag.nummer, auftrag.typ) }
        let filter = Listed.Filter(status: command[Keys.ListTeilnehmer.status], kostentraeger: command[Keys.ListTeilnehmer.kostentraeger],
                                   a: command[Keys.ListTeilnehmer.a], zugelassen: command[Keys.ListTeilnehmer.zugelassen])
        return Outcome(output: [.listing(.kursteilnehmer(auftrag: auftrag.nummer, filter))])
    }

    private static func bamf(_ command: ParsedCommand, _ session: inout Session) -> Outcome {
        guard let modus = command[Keys.Bamf.modus] else { return Outcome(output: [.listing(.bamf)]) }
        session.bamf.modus = modus
        return Outcome(output: [.notice(.bamfModusSet(modus))], touched: [.bamfSettings])
    }

    private static func bamfTestdaten(_ session: inout Session) -> Outcome {
        Testdaten.register(in: &session.bamf)
        return Outcome(output: [.notice(.testdatenRegistered)],
                       touched: [.bamfRegister] + Testdaten.teilnehmer.map { .bamfTeilnehmer($0.az) })
    }

    /// A Trägernummer, Kursortkennung or Lehrkraftkennung the simulated BAMF knows from now on.
    private static func bamfRegister(_ id: String, _ what: String, in ids: WritableKeyPath<BamfSide, Set<String>>,
                                     _ session: inout Session) -> Outcome {
        session.bamf[keyPath: ids].insert(id)
        return Outcome(output: [.notice(.bamfRegistered(what, id))], touched: [.bamfRegister])
    }

    private static func bamfRegisterTeilnehmer(_ command: ParsedCommand, _ session: inout Session) -> Outcome {
        let az = command[Keys.BamfRegisterTeilnehmer.az]
        session.bamf.teilnehmer[az] = command[Keys.BamfRegisterTeilnehmer.geboren]
        return Outcome(output: [.notice(.bamfRegistered("Teilnehmer", az))], touched: [.bamfTeilnehmer(az)])
    }

    private static func bamfHoechstzahl(_ command: ParsedCommand, _ session: inout Session) -> Outcome {
        let kursart = command[Keys.BamfHoechstzahl.kursart], anzahl = command[Keys.BamfHoechstzahl.anzahl]
        session.bamf.hoechstTeilnehmer[kursart] = anzahl
        return Outcome(output: [.notice(.hoechstzahlSet(kursart, anzahl))], touched: [.bamfSettings])
    }

    private static func bamfStoerung(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let typ = command[Keys.BamfStoerung.typ]
        if command[Keys.BamfStoerung.wert] == false {
            let pending = session.bamf.stoerungen.removeValue(forKey: typ)
            return Outcome(output: [.notice(.stoerungCleared(typ, pending))], touched: [.bamfSettings])
        }
        guard let fehler = command[Keys.BamfStoerung.fehler] else { throw .stoerungNeedsFehler(typ) }
        session.bamf.stoerungen[typ] = fehler
        return Outcome(output: [.notice(.stoerungSet(typ, fehler))], touched: [.bamfSettings])
    }

    private static func bamfOffline(_ command: ParsedCommand, _ session: inout Session) -> Outcome {
        session.bamf.offline = command[Keys.BamfOffline.wert]
        return Outcome(output: [.notice(.offlineSet(session.bamf.offline))], touched: [.bamfSettings])
    }

    private static func bamfVerzoegerung(_ command: ParsedCommand, _ session: inout Session) -> Outcome {
        session.bamf.verzoegerungMs = command[Keys.BamfVerzoegerung.ms]
        return Outcome(output: [.notice(.verzoegerungSet(session.bamf.verzoegerungMs))], touched: [.bamfSettings])
    }

    /// `show`: an Integrationskurs's schedule is worked out here; data entered before kbm refused it (a course past
    /// 31.12.9999) costs the schedule, not the rest of `show`.
    private static func show(_ auftrag: Auftrag) -> Outcome {
        let plan = Result<Abschnittsplan?, DomainError> { () throws(DomainError) in
            auftrag.typ == .integrationskurs ? try schedule(auftrag) : nil
        }
        return Outcome(output: [.listing(.show(auftrag: auftrag.nummer, schedule: plan))])
    }

    static func lookupAuftrag(_ nummer: String, _ session: Session) throws(DomainError) -> Auftrag {
        guard let key = session.auftraege.storedKey(for: nummer), let auftrag = session.auftraege[key] else { throw .unknownAuftrag(nummer) }
        return auftrag
    }

    private static func mandant(_ command: ParsedCommand, _ session: inout Session) -> Outcome {
        guard command.hasValues else {
            return Outcome(output: [.listing(.mandant)])
        }
        if let nr = command[Keys.Mandant.traegernummer] { session.mandant.traegernummer = nr }
        if let nr = command[Keys.Mandant.testnummer] { session.mandant.testnummer = nr }
        if let on = command[Keys.Mandant.testumgebung] { session.mandant.testumgebung = on }
        if let on = command[Keys.Mandant.nurValidieren] { session.mandant.nurValidieren = on }
        return Outcome(output: [.notice(.mandantSaved)], touched: [.mandant])
    }

    private static func addKursort(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let kennung = command[Keys.AddKursort.kennung]
        if let existing = session.kursorte.storedKey(for: kennung) { throw .kursortExists(existing) }
        let name = command[Keys.AddKursort.name]
        if let name, name.allSatisfy(\.isWhitespace) { throw .emptyText(key: Keys.AddKursort.name.name) }
        session.kursorte[kennung] = Kursort(kennung: kennung, name: name)
        return Outcome(output: [.notice(.kursortAdded(kennung))], touched: [.kursort(kennung)])
    }

    private static func newAuftrag(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let nummer = command[Keys.NewAuftrag.nummer]
        if let existing = session.auftraege.storedKey(for: nummer) { throw .auftragExists(existing) }
        let typ = command[Keys.NewAuftrag.typ]
        let titel = command[Keys.NewAuftrag.titel]
        if let titel, titel.allSatisfy(\.isWhitespace) { throw .emptyText(key: Keys.NewAuftrag.titel.name) }
        session.auftraege[nummer] = Auftrag(nummer: nummer, typ: typ, titel: titel)
        session.openAuftrag = nummer
        return Outcome(output: [.notice(.auftragCreated(nummer, typ))], touched: [.auftrag(nummer), .openAuftrag])
    }

    private static func openAuftrag(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let auftrag = try lookupAuftrag(command[Keys.OpenAuftrag.nummer], session)
        session.openAuftrag = auftrag.nummer
        return Outcome(output: [.notice(.auftragOpened(auftrag.nummer))], touched: [.openAuftrag])
    }

    private static func editAuftrag(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var auftrag = try lookupAuftrag(command[Keys.EditAuftrag.nummer], session)
        let titel = command[Keys.EditAuftrag.titel]
        if titel.allSatisfy(\.isWhitespace) { throw .emptyText(key: Keys.EditAuftrag.titel.name) }
        auftrag.titel = titel
        session.auftraege[auftrag.nummer] = auftrag
        return Outcome(output: [.notice(.auftragEdited(auftrag.nummer))], touched: [.auftrag(auftrag.nummer)])
    }

    private static func removeAuftrag(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let auftrag = try lookupAuftrag(command[Keys.OpenAuftrag.nummer], session)
        if session.anmeldungen.contains(where: { $0.auftrag == auftrag.nummer }) { throw .auftragHasMessages(auftrag.nummer) }
        session.auftraege.removeValue(forKey: auftrag.nummer)
        var touched: [Touched] = [.auftrag(auftrag.nummer)]
        if session.openAuftrag == auftrag.nummer {
            session.openAuftrag = nil
            touched.append(.openAuftrag)
        }
        return Outcome(output: [.notice(.auftragRemoved(auftrag.nummer))], touched: touched)
    }
}
