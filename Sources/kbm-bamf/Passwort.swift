// A password for kbm-bamf: for a new account (`traeger add`) typed twice at a prompt without echo when stdin is a
// terminal, otherwise KBM_BAMF_PASSWORT; for logging in (`verwalten --url`) KBM_BAMF_PASSWORT or the prompt once.
// Never an argument: the command line is visible to every user of the machine.

import Glibc
import KBMCore

enum Passwort {
    struct Refusal: Error { var text: String }

    /// A new account's password.
    static func lesen() -> Result<String, Refusal> {
        guard isatty(0) == 1 else { return ausUmgebung() }
        return abfragen(Wording.Served.passwortPrompt).flatMap { first in
            abfragen(Wording.Served.passwortWiederholung).flatMap { second in
                second == first ? .success(first) : .failure(Refusal(text: Wording.Served.passwortUngleich))
            }
        }
    }

    /// The password of an existing account, to log in with.
    static func anmelden(_ benutzer: String) -> Result<String, Refusal> {
        guard getenv("KBM_BAMF_PASSWORT") == nil, isatty(0) == 1 else { return ausUmgebung() }
        return abfragen(Wording.Client.passwordPrompt(benutzer))
    }

    private static func ausUmgebung() -> Result<String, Refusal> {
        guard let value = getenv("KBM_BAMF_PASSWORT").map({ String(cString: $0) }) else {
            return .failure(Refusal(text: Wording.Served.passwortFehlt))
        }
        return value.isEmpty ? .failure(Refusal(text: Wording.Served.passwortLeer)) : .success(value)
    }

    private static func abfragen(_ prompt: String) -> Result<String, Refusal> {
        switch PasswordPrompt.read(prompt, interrupt: .end(message: Wording.Served.refusal(Wording.Served.passwortAbgebrochen))) {
        case .password(let p) where !p.isEmpty: .success(p)
        case .password, .none: .failure(Refusal(text: Wording.Served.passwortLeer))
        case .cancelled: .failure(Refusal(text: Wording.Served.passwortAbgebrochen))
        }
    }
}
