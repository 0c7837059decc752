// Asks for a password at the terminal without echo; nothing of it reaches the history or the log.

import Glibc

public enum PasswordPrompt {
    /// The password typed at the terminal on stdin, echo off; nil when stdin is no terminal or input ended.
    public static func ask(_ prompt: String) -> String? {
        guard isatty(0) != 0 else { return nil }
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ICANON)
        var text = prompt
        _ = text.withUTF8 { write(2, $0.baseAddress, $0.count) }
        guard tcsetattr(0, TCSAFLUSH, &quiet) == 0 else { return nil }
        defer {
            tcsetattr(0, TCSAFLUSH, &saved)
            _ = write(2, "\n", 1)
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = read(0, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n == 1 else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
