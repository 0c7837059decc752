// The meaning of domain commands: (command, session) → outcome, with no I/O.

public enum Interpreter {
    public static func execute(_ command: ParsedCommand, on session: inout Session) throws(DomainError) -> Outcome {
        switch command.name {
        case .mandant: return mandant(command, &session)
        case .addKursort: return try addKursort(command, &session)
        case .newAuftrag: return try newAuftrag(command, &session)
        case .openAuftrag: return try openAuftrag(command, &session)
        case .editAuftrag: return try editAuftrag(command, &session)
        case .removeAuftrag: return try removeAuftrag(command, &session)
        case .listAuftraege: return Outcome(output: [.table(Listing.auftraege(session))])
        case .listKursorte: return Outcome(output: [.table(Listing.kursorte(session))])
        case .show:
            guard let nr = session.openAuftrag, let auftrag = session.auftraege[nr] else { throw .noOpenAuftrag }
            return Outcome(output: Listing.show(auftrag, session))
        case .showAuftrag:
            let auftrag = try lookupAuftrag(command.text("nummer")!, session)
            return Outcome(output: Listing.show(auftrag, session))
        case .setToday:
            session.today = command.date("datum")
            return Outcome(output: [.notice(.todaySet(session.today!))], touched: [.today])
        case .help, .exit, .run, .save, .setFormat, .setBail, .setEcho:
            preconditionFailure("shell command \(command.name) reached the interpreter")
        }
    }

    static func lookupAuftrag(_ nummer: String, _ session: Session) throws(DomainError) -> Auftrag {
        guard let auftrag = session.auftraege[nummer] else { throw .unknownAuftrag(nummer) }
        return auftrag
    }

    private static func mandant(_ command: ParsedCommand, _ session: inout Session) -> Outcome {
        guard !command.values.isEmpty else {
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
        session.auftraege.removeValue(forKey: auftrag.nummer)
        var touched: [Touched] = [.auftrag(auftrag.nummer)]
        if session.openAuftrag == auftrag.nummer {
            session.openAuftrag = nil
            touched.append(.openAuftrag)
        }
        return Outcome(output: [.notice(.auftragRemoved(auftrag.nummer))], touched: touched)
    }
}
