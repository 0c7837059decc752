// Questions to the person watching a step-mode demo: asked on the terminal even while the script is the input.

import Glibc
import KBMCore

enum Keyboard {
    /// Prints the question on /dev/tty and reads one line there; without a terminal, from stdin. nil at end of input.
    static func ask(_ question: String) -> String? {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        let inFd = tty >= 0 ? tty : 0
        let outFd = tty >= 0 ? tty : 1
        defer { if tty >= 0 { close(tty) } }
        _ = Array(question.utf8).withUnsafeBytes { write(outFd, $0.baseAddress, $0.count) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = read(inFd, &byte, 1)
            if n < 0 && errno == EINTR { return nil }
            if n <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == 10 { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }
}
