// Questions to the person watching a step-mode demo: the script is a file, so the answers come from stdin.

import Glibc
import KBMCore

enum Keyboard {
    /// Prints the question and reads the answer: one key at a terminal (Enter or blank "", `c`, `q`; other keys
    /// are ignored), else one line. The question is erased once answered, so the scrollback keeps only the demo.
    /// nil at the end of input or on Ctrl-C.
    static func ask(_ question: String) -> String? {
        write(1, question)
        guard isatty(0) != 0 else { return readLine() }
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return readLine() }
        var raw = saved
        // No line discipline and no echo; ISIG stays, so Ctrl-C still interrupts the read.
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSANOW, &raw)
        defer {
            tcsetattr(0, TCSANOW, &saved)
            // The cursor is still behind the question: go back and erase it.
            if isatty(1) != 0 { write(1, "\r\u{1B}[K") }
        }
        var byte: UInt8 = 0
        while true {
            let n = read(0, &byte, 1)
            if n < 0 && errno == EINTR { return nil }
            if n <= 0 { return nil }
            switch byte {
            case 10, 13, 32: return ""
            case UInt8(ascii: "c"), UInt8(ascii: "C"): return "c"
            case UInt8(ascii: "q"), UInt8(ascii: "Q"), 4: return "q"
            default: continue
            }
        }
    }

    /// One line from stdin (a pipe): nil at its end or on Ctrl-C.
    private static func readLine() -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = read(0, &byte, 1)
            if n < 0 && errno == EINTR { return nil }
            if n <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == 10 { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }

    private static func write(_ fd: Int32, _ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }
}
