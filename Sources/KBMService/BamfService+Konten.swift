// Administration of the served BAMF: accounts, and the shell's simulator commands (`bamf testdaten`, `bamf stoerung
// …`) run on one Träger's BAMF side or on all of them. A Träger may change its own side; only an admin account, or
// whoever holds the file (`kbm bamf verwalten`), may name another Träger or all.

import KBMCore

extension BamfService {
    /// An account as `kbm bamf traeger list` shows it: no password, not even its hash.
    public struct Konto: Equatable, Sendable {
        public var benutzer: String
        public var admin: Bool
        public var angelegt: String
        public var nachrichten: Int
    }

    public func konten() throws -> [Konto] {
        try store.konten().map { Konto(benutzer: $0.benutzer, admin: $0.admin, angelegt: $0.angelegt, nachrichten: $0.nachrichten) }
    }

    /// What the BAMF knows of one Träger (its side as stored).
    public func side(of traeger: String) throws -> BamfSide { try store.loadSide(of: traeger) }

    /// Whose BAMF side a management command is for.
    public enum Ziel: Equatable, Sendable {
        /// The sender's own (a Träger account).
        case eigen
        case traeger(String)
        case alle

        /// "alle", a Trägernummer, or nothing for the sender's own.
        public init(_ text: String?) {
            switch text?.trimmingBlanks {
            case nil, "": self = .eigen
            case let t? where t.lowercased() == "alle": self = .alle
            case let t?: self = .traeger(t)
            }
        }
    }

    public enum Verwaltung: Equatable, Sendable {
        /// What the command said, per Träger it was run for (the shell's own wording).
        case ausgefuehrt([Ausgabe])
        /// A Träger account named another Träger (Meldung 1063).
        case abgelehnt(BamfMessage)
        /// Not a simulator command, no such Träger, a command the shell would refuse too: in German.
        case fehler(String)
    }

    public struct Ausgabe: Equatable, Sendable {
        public var traeger: String
        public var text: String
    }

    /// Runs `befehl` (a line as typed in kbm, e.g. "bamf stoerung kursbeginnmeldung fehler=1042") for `ziel`, sent by
    /// the account `benutzer` (already authenticated: a management message), or by whoever holds the file when
    /// `benutzer` is nil (`kbm bamf verwalten --daten`). The one path for both; the page shows each changed side.
    public func verwalte(_ befehl: String, von benutzer: String?, fuer ziel: Ziel, heute: Day? = nil) -> Verwaltung {
        let command: ParsedCommand
        do {
            guard let parsed = try Parser.parse(befehl) else { return .fehler(Wording.Served.verwaltungLeer) }
            command = parsed
        } catch {
            // "new auftrag" without typ= is first of all not a simulator command.
            let first = befehl.trimmingBlanks.prefix { !$0.isWhitespace }.lowercased()
            return .fehler(first == "bamf" ? Wording.message(error) : Wording.Served.verwaltungNurSimulator(befehl))
        }
        guard case .domain(let name) = command.name, Self.simulatorCommands.contains(name) else {
            return .fehler(Wording.Served.verwaltungNurSimulator(befehl))
        }
        let today = heute ?? Clock.today()
        let targets: [String]
        do {
            let konten = try store.konten()
            let admin = benutzer.map { b in konten.contains { $0.benutzer == b && $0.admin } } ?? true
            let traeger = konten.filter { !$0.admin }.map(\.benutzer)
            switch ziel {
            case .eigen:
                guard let benutzer, !admin else { return .fehler(Wording.Served.verwaltungZielFehlt) }
                targets = [benutzer]
            case .traeger(let t):
                if !admin, t != benutzer { return .abgelehnt(.foreignTraeger(user: benutzer ?? "", traeger: t)) }
                guard traeger.contains(t) else { return .fehler(Wording.Served.verwaltungUnbekannt(t)) }
                targets = [t]
            case .alle:
                if !admin { return .abgelehnt(.foreignTraeger(user: benutzer ?? "", traeger: "alle")) }
                guard !traeger.isEmpty else { return .fehler(Wording.Served.verwaltungKeineTraeger) }
                targets = traeger
            }
        } catch {
            return .fehler(Wording.Served.verwaltungGescheitert(error.message))
        }
        // The shell's own Interpreter on each side, as `bamf …` works in kbm. A refusal (a Störung without fehler=)
        // is the same for every side: the first one ends the whole change and nothing is stored.
        var refusal: String?
        let texts: [String]
        do {
            texts = try store.change(targets) { (t, side) throws(SQLiteError) -> String in
                var session = Session(today: today)
                session.bamf = side
                session.verbindung = BamfVerbindung(url: Wording.Served.dieserDienst, benutzer: t)
                do {
                    let outcome = try Interpreter.execute(command, on: &session)
                    side = session.bamf
                    return Renderer.render(Listing.expanded(outcome.output, in: session), format: .table, in: session)
                } catch {
                    refusal = Wording.message(error)
                    throw SQLiteError(code: 4, message: refusal ?? "")  // SQLITE_ABORT: rolls the change back
                }
            }
        } catch {
            return .fehler(refusal ?? Wording.Served.verwaltungGescheitert(error.message))
        }
        for t in targets { announceChange(of: t) }
        return .ausgefuehrt(zip(targets, texts).map { Ausgabe(traeger: $0, text: $1) })
    }

    /// What a served BAMF lets be changed from outside a message: the simulator's settings and register, never what
    /// it received (`bamf restore …` belongs to a session's own history).
    /// The shell sends the same ones while connected, less the two switches a network makes real.
    static let simulatorCommands = Interpreter.servedCommands.union([.bamfOffline, .bamfVerzoegerung])
}
