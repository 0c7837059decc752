// The meaning of domain commands: (command, session) → outcome, with no I/O.

public enum Interpreter {
    public static func execute(_ command: ParsedCommand, on session: inout Session,
                               inge: any InGe = SimulatedInGe()) throws(DomainError) -> Outcome {
        switch command.name {
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
        case .plan: return try plan(command, &session, inge)
        case .planStorno: return try planStorno(command, &session, inge)
        case .check: return try check(session)
        case .melden: return try melden(command, &session, inge)
        case .anmeldungen: return try anmeldungen(command, session)
        case .listLehrkraefte: return Outcome(output: [.table(Listing.lehrkraefte(session))])
        case .listTeilnehmer: return try listTeilnehmer(command, session)
        case .bamf, .bamfTestdaten, .bamfRegisterTraeger, .bamfRegisterKursort, .bamfRegisterLehrkraft,
             .bamfRegisterTeilnehmer, .bamfHoechstzahl, .bamfStoerung, .bamfOffline, .bamfVerzoegerung:
            return bamf(command, &session)
        case .mandant: return mandant(command, &session)
        case .addKursort: return try addKursort(command, &session)
        case .newAuftrag: return try newAuftrag(command, &session)
        case .openAuftrag: return try openAuftrag(command, &session)
        case .editAuftrag: return try editAuftrag(command, &session)
        case .removeAuftrag: return try removeAuftrag(command, &session)
        case .listAuftraege: return Outcome(output: [.table(Listing.auftraege(session, filter: command))])
        case .report: return Outcome(output: [.table(Listing.report(session))])
        case .listKursorte: return Outcome(output: [.table(Listing.kursorte(session))])
        case .show:
            return Outcome(output: try Listing.show(try openedAuftrag(session), session))
        case .showAuftrag:
            return Outcome(output: try Listing.show(try lookupAuftrag(command.text("nummer")!, session), session))
        case .setToday:
            session.today = command.date("datum")
            return Outcome(output: [.notice(.todaySet(session.today!))], touched: [.today])
        case .restoreZulassung, .restoreKursplanung, .restoreGeplant, .restoreKbm, .restoreAnmeldung, .setTnNummer, .closeAuftrag,
             .bamfRestoreZulassung, .bamfRestorePlan, .bamfRestoreKursnummer, .bamfRestoreZaehler:
            return try restore(command, &session)
        case .help, .exit, .run, .save, .echo, .pause, .record, .recordStop, .verlauf, .verlaufExport, .sql, .output, .once, .setTimer, .complete, .setFormat, .setBail, .setEcho, .expectOk, .expectFehler, .expectWarnung,
             .expectAusgabe, .expectAnzahl, .expectKursnummer, .expectKeineKursnummer, .dump, .dumpAnonym:
            preconditionFailure("shell command \(command.name) reached the interpreter")
        }
    }

    private static func listTeilnehmer(_ command: ParsedCommand, _ session: Session) throws(DomainError) -> Outcome {
        guard let nr = session.openAuftrag, let auftrag = session.auftraege[nr] else {
            return Outcome(output: [.table(Listing.personen(session, zugelassen: command.bool("zugelassen")))])
        }
        guard auftrag.typ == .integrationskurs else { throw .notIntegrationskurs(auftrag.nummer, auftrag.typ) }
        return Outcome(output: Listing.kursteilnehmer(auftrag, session, filter: command))
    }

    private static func bamf(_ command: ParsedCommand, _ session: inout Session) -> Outcome {
        switch command.name {
        case .bamfTestdaten:
            Testdaten.register(in: &session.bamf)
            return Outcome(output: [.notice(.testdatenRegistered)],
                           touched: [.bamfRegister] + Testdaten.teilnehmer.map { .bamfTeilnehmer($0.az) })
        case .bamfRegisterTraeger:
            session.bamf.traeger.insert(command.text("nummer")!)
            return Outcome(output: [.notice(.bamfRegistered("Träger", command.text("nummer")!))], touched: [.bamfRegister])
        case .bamfRegisterKursort:
            session.bamf.kursorte.insert(command.text("kennung")!)
            return Outcome(output: [.notice(.bamfRegistered("Kursort", command.text("kennung")!))], touched: [.bamfRegister])
        case .bamfRegisterLehrkraft:
            session.bamf.lehrkraefte.insert(command.text("kennung")!)
            return Outcome(output: [.notice(.bamfRegistered("Lehrkraft", command.text("kennung")!))], touched: [.bamfRegister])
        case .bamfRegisterTeilnehmer:
            let az = command.text("az")!
            session.bamf.teilnehmer[az] = command.date("geboren")!
            return Outcome(output: [.notice(.bamfRegistered("Teilnehmer", az))], touched: [.bamfTeilnehmer(az)])
        case .bamfHoechstzahl:
            let kursart = Kursart(key: command.text("kursart")!)!
            session.bamf.hoechstTeilnehmer[kursart] = command.integer("anzahl")!
            return Outcome(output: [.notice(.hoechstzahlSet(kursart, command.integer("anzahl")!))], touched: [.bamfSettings])
        case .bamfStoerung:
            let typ = Anmeldung.Typ.allCases.first { $0.rawValue.lowercased() == command.text("typ") }!
            session.bamf.stoerungen[typ] = command.integer("fehler")!
            return Outcome(output: [.notice(.stoerungSet(typ, command.integer("fehler")!))], touched: [.bamfSettings])
        case .bamfOffline:
            session.bamf.offline = command.bool("wert")!
            return Outcome(output: [.notice(.offlineSet(session.bamf.offline))], touched: [.bamfSettings])
        case .bamfVerzoegerung:
            session.bamf.verzoegerungMs = command.integer("ms")!
            return Outcome(output: [.notice(.verzoegerungSet(session.bamf.verzoegerungMs))], touched: [.bamfSettings])
        default:
            guard let modus = command.text("modus").flatMap(BamfSide.Modus.init(rawValue:)) else {
                return Outcome(output: [.record(Listing.bamf(session))])
            }
            session.bamf.modus = modus
            return Outcome(output: [.notice(.bamfModusSet(modus))], touched: [.bamfSettings])
        }
    }

    static func lookupAuftrag(_ nummer: String, _ session: Session) throws(DomainError) -> Auftrag {
        guard let auftrag = session.auftraege[nummer] else { throw .unknownAuftrag(nummer) }
        return auftrag
    }

    private static func mandant(_ command: ParsedCommand, _ session: inout Session) -> Outcome {
        guard command.hasValues else {
            return Outcome(output: [.record(Listing.mandant(session))])
        }
        if let nr = command.text("traegernummer") { session.mandant.traegernummer = nr }
        if let nr = command.text("testnummer") { session.mandant.testnummer = nr }
        if let on = command.bool("testumgebung") { session.mandant.testumgebung = on }
        if let on = command.bool("nur-validieren") { session.mandant.nurValidieren = on }
        return Outcome(output: [.notice(.mandantSaved)], touched: [.mandant])
    }

    private static func addKursort(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let kennung = command.text("kennung")!
        guard session.kursorte[kennung] == nil else { throw .kursortExists(kennung) }
        let name = command.text("name")
        if let name, name.allSatisfy(\.isWhitespace) { throw .emptyText(key: "name") }
        session.kursorte[kennung] = Kursort(kennung: kennung, name: name)
        return Outcome(output: [.notice(.kursortAdded(kennung))], touched: [.kursort(kennung)])
    }

    private static func newAuftrag(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let nummer = command.text("nummer")!
        guard session.auftraege[nummer] == nil else { throw .auftragExists(nummer) }
        let typ = Auftrag.Typ(rawValue: command.text("typ")!)!
        let titel = command.text("titel")
        if let titel, titel.allSatisfy(\.isWhitespace) { throw .emptyText(key: "titel") }
        session.auftraege[nummer] = Auftrag(nummer: nummer, typ: typ, titel: titel)
        session.openAuftrag = nummer
        return Outcome(output: [.notice(.auftragCreated(nummer, typ))], touched: [.auftrag(nummer), .openAuftrag])
    }

    private static func openAuftrag(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let auftrag = try lookupAuftrag(command.text("nummer")!, session)
        session.openAuftrag = auftrag.nummer
        return Outcome(output: [.notice(.auftragOpened(auftrag.nummer))], touched: [.openAuftrag])
    }

    private static func editAuftrag(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var auftrag = try lookupAuftrag(command.text("nummer")!, session)
        let titel = command.text("titel")!
        if titel.allSatisfy(\.isWhitespace) { throw .emptyText(key: "titel") }
        auftrag.titel = titel
        session.auftraege[auftrag.nummer] = auftrag
        return Outcome(output: [.notice(.auftragEdited(auftrag.nummer))], touched: [.auftrag(auftrag.nummer)])
    }

    private static func removeAuftrag(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let auftrag = try lookupAuftrag(command.text("nummer")!, session)
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
