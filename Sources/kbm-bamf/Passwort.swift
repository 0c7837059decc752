// An account's password for `kbm bamf traeger add`: typed twice at a prompt without echo when stdin is a terminal,
// otherwise KBM_BAMF_PASSWORT. Never an argument: the command line is visible to every user of the machine.

import Glibc
import KBMCore

enum Passwort {
    struct Refusal: Error { var text: String }

    static func lesen() -> Result<String, Refusal> {
        guard isatty(0) == 1 else {
            guard let value = getenv("KBM_BAMF_PASSWORT").map({ String(cString: $0) }) else {
                return .failure(Refusal(text: Wording.Served.passwortFehlt))
            }
            return value.isEmpty ? .failure(Refusal(text: Wording.Served.passwortLeer)) : .success(value)
        }
        guard let first = silentLine(Wording.Served.passwortPrompt), !first.isEmpty else {
            return .failure(Refusal(text: Wording.Served.passwortLeer))
        }
        guard silentLine(Wording.Served.passwortWiederholung) == first else {
            return .failure(Refusal(text: Wording.Served.passwortUngleich))
        }
        return .success(first)
    }

    /// One line from the terminal with echo off, restored afterwards; the prompt goes to stderr.
    private static func silentLine(_ prompt: String) -> String? {
        printError(prompt)
        var saved = termios()
        tcgetattr(0, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(0, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(0, TCSAFLUSH, &saved)
            printError("\n")
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(0, &byte, 1) == 1 {
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
