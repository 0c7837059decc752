// Questions to the person watching a step-mode demo: the script is a file, so the answers come from stdin.

import Glibc
import KBMCore

enum Keyboard {
    /// Prints the question and reads one line from stdin; nil at the end of input or on Ctrl-C.
    static func ask(_ question: String) -> String? {
        _ = Array(question.utf8).withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
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
}
