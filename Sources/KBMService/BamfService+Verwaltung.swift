// Management messages: a command of kbm's BAMF simulator (`bamf modus=strict`, `bamf testdaten` …) for the sender's
// own BAMF side, or an admin account's for another Träger or all; authenticated here, run by `verwalte` (the same
// path as `kbm bamf verwalten` on the file). Plus the test hook that loses an answer after the commit.

import KBMCore
import KBMSoap

extension BamfService {
    /// Authenticates like a message, then runs the command for the sender's own BAMF side (or, an admin's, for
    /// `Fuer`) and commits.
    public nonisolated func verwalten(_ verwaltung: SoapVerwaltung) async -> Reply {
        let reply = { (ok: Bool, text: String) in
            Reply(fault: false, text: Soap.envelope(verwaltung: ok, text: text, relatesTo: verwaltung.messageID))
        }
        switch await authenticate(verwaltung.zugang) {
        case .refused(let m): return reply(false, m.line)
        case .failed(let error): return Self.serverFault(error)
        case .known: break
        }
        switch await verwalte(verwaltung.befehl, von: verwaltung.zugang.benutzer, fuer: Ziel(verwaltung.fuer), heute: verwaltung.heute) {
        case .ausgefuehrt(let ausgaben): return reply(true, Self.text(ausgaben, fuer: verwaltung.fuer))
        case .abgelehnt(let meldung): return reply(false, meldung.line)
        case .fehler(let text): return reply(false, text)
        }
    }

    /// What the command printed: for the sender's own side as kbm prints it, for others under each Trägernummer.
    public static func text(_ ausgaben: [Ausgabe], fuer: String?) -> String {
        guard fuer != nil else { return ausgaben.map(\.text).joined() }
        return ausgaben.map { Wording.Served.fuerTraeger($0.traeger) + $0.text }.joined()
    }

    /// Test hook: the next message of this account is committed and answered with a connection that breaks off.
    public func loseNextAnswer(of user: String) {
        lostAnswers.insert(user)
    }

    func takeLostAnswer(of user: String) -> Bool {
        lostAnswers.remove(user) != nil
    }
}
