// Management messages: a command of kbm's BAMF simulator (`bamf modus=strict`, `bamf testdaten` …), parsed with
// kbm's own Parser and applied by kbm's own Interpreter to the sender's BAMF side, so rules and numbers stay one.
// Plus the test hook that loses an answer after the commit.

import KBMCore
import KBMSoap

extension BamfService {
    /// Authenticates like a message, then applies the command to the sender's own BAMF side and commits.
    public nonisolated func verwalten(_ verwaltung: SoapVerwaltung) async -> Reply {
        let reply = { (ok: Bool, text: String) in
            Reply(fault: false, text: Soap.envelope(verwaltung: ok, text: text, relatesTo: verwaltung.messageID))
        }
        switch await authenticate(verwaltung.zugang) {
        case .refused(let m): return reply(false, m.line)
        case .failed(let error): return Self.serverFault(error)
        case .known: break
        }
        guard let command = try? Parser.parse(verwaltung.befehl), case .domain(let name) = command.name,
              Interpreter.servedCommands.contains(name) else {
            return reply(false, "„\(verwaltung.befehl.prefix(200))“ ist kein Befehl des BAMF-Simulators; der Dienst nimmt nur "
                + "bamf, bamf testdaten, bamf register …, bamf hoechstzahl und bamf stoerung an.")
        }
        do {
            let (ok, text) = try await apply(command, of: verwaltung.zugang.benutzer, today: verwaltung.heute ?? Clock.today())
            return reply(ok, text)
        } catch {
            return Self.serverFault(error)
        }
    }

    private func apply(_ command: ParsedCommand, of user: String, today: Day) throws -> (Bool, String) {
        try store.transaction { () throws(SQLiteError) -> (Bool, String) in
            var session = Session(today: today)
            session.bamf = try store.loadSide(of: user)
            session.verbindung = BamfVerbindung(url: "dieser BAMF-Dienst", benutzer: user)
            let result: (Bool, String)
            do {
                let outcome = try Interpreter.execute(command, on: &session)
                result = (true, Renderer.render(Listing.expanded(outcome.output, in: session), format: .table, in: session))
            } catch {
                result = (false, Wording.message(error))
            }
            try store.saveSide(session.bamf, of: user)
            return result
        }
    }

    /// Test hook: the next message of this account is committed and answered with a connection that breaks off.
    public func loseNextAnswer(of user: String) {
        lostAnswers.insert(user)
    }

    func takeLostAnswer(of user: String) -> Bool {
        lostAnswers.remove(user) != nil
    }
}
