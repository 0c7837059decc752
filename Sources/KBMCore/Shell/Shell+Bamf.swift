// The shell as a client of a served BAMF: `bamf verbinden`, `bamf lokal`, and the simulator's commands sent to the
// Träger's own BAMF side in the service. The password is kept in memory only.

import Glibc
import KBMDomain
import KBMLanguage
import KBMModel
import KBMPersistence
import KBMRender

extension Shell {
    /// The simulator's commands that act on the served BAMF's side when connected.
    static var servedCommands: Set<DomainCommand> { Interpreter.servedCommands }
    /// The commands that send a message to the BAMF.
    static let sending: Set<DomainCommand> = [.admit, .plan, .planStorno, .melden]
    /// Switches of the embedded simulator only: with a service, a failure of the network is the real thing.
    static let embeddedOnly: Set<DomainCommand> = [.bamfOffline, .bamfVerzoegerung]

    /// Where the BAMF's messages go: the embedded simulator, or the connected service (asking for its password once).
    func currentInGe() throws -> any InGe {
        guard let verbindung = session.verbindung else { return inge }
        return ServedInGe(verbindung: verbindung, passwort: try password(for: verbindung.benutzer))
    }

    /// The password of this run: remembered, from KBM_BAMF_PASSWORT, or asked for at the terminal.
    private func password(for benutzer: String) throws -> String {
        if let known = bamfPasswort, known.benutzer == benutzer { return known.passwort }
        let found = Paths.environment("KBM_BAMF_PASSWORT") ?? askPassword(Wording.Client.passwordPrompt(benutzer))
        guard let found, !found.isEmpty else { throw ServedError.noPassword(benutzer: benutzer) }
        bamfPasswort = (benutzer, found)
        return found
    }

    func connect(_ command: ParsedCommand) throws -> Outcome {
        let url = command[Keys.BamfVerbinden.url]
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), url.utf8.count > 8, !url.contains(where: \.isWhitespace) else {
            throw ServedError.invalidURL(url)
        }
        var ca = command[Keys.BamfVerbinden.ca]
        if let path = ca {
            guard access(path, R_OK) == 0 else { throw ServedError.caUnreadable(path: path, reason: FileSystem.errorText(errno)) }
            // kbm-bamf runs in the same directory, but the session may be reopened elsewhere.
            ca = FileSystem.canonical(path) ?? path
        }
        let verbindung = BamfVerbindung(url: url, benutzer: command[Keys.BamfVerbinden.benutzer], ca: ca,
                                        zeitlimit: command[Keys.BamfVerbinden.zeitlimit] ?? BamfVerbindung.standardZeitlimit)
        bamfPasswort = nil
        let served = ServedInGe(verbindung: verbindung, passwort: try password(for: verbindung.benutzer))
        // The service is asked once: a wrong password or address shows now, not at the first Kursbeginnmeldung.
        let state = try answer(served.verwalten("bamf", today: session.today))
        session.verbindung = verbindung
        return Outcome(output: [.text(Wording.Client.connected(url: url, benutzer: verbindung.benutzer) + state)],
                       touched: [.verbindung])
    }

    func disconnect() -> Outcome {
        bamfPasswort = nil
        guard session.verbindung != nil else { return Outcome(output: [.text(Wording.Client.alreadyLocal)]) }
        session.verbindung = nil
        return Outcome(output: [.text(Wording.Client.local)], touched: [.verbindung])
    }

    /// A simulator command while connected: the service applies it to this Träger's BAMF side and says what it did.
    func served(_ name: DomainCommand, line: String, _ command: ParsedCommand) throws -> Outcome {
        if Self.embeddedOnly.contains(name) { throw ServedError.onlyEmbedded(command.spec.phrase) }
        guard let served = try currentInGe() as? ServedInGe else { preconditionFailure("served without a connection") }
        let text = try answer(served.verwalten(line, today: session.today))
        if name == .bamf && !command.hasValues {
            return Outcome(output: [.text(Wording.Client.inUse(url: served.verbindung.url, benutzer: served.verbindung.benutzer) + text)])
        }
        // kbm's own checks read what it set at the BAMF (R12 the Höchstteilnehmerzahl): the session keeps the same.
        let local = try Interpreter.execute(command, on: &session, inge: inge)
        return Outcome(output: [.text(text)], touched: local.touched)
    }

    private func answer(_ result: SendResult) throws -> String {
        switch result {
        case .verwaltung(true, let text): return text
        case .verwaltung(false, let text): throw ServedError.refused(text)
        case .undelivered(let message): throw ServedError.undelivered(message.line)
        case .antwort(let response):
            // A BAMF that refuses the account answers like a message: 1061, 1062.
            throw ServedError.refused(response.meldungen.map(\.line).joined(separator: " "))
        }
    }
}
