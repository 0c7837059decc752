// A sink for the fuzzers: output is dropped, every error report is kept on its own for checking, and both
// are checked for characters that would reach a terminal raw after the escaping every real sink applies.

#if !KBM_FUZZ_SINGLE_MODULE
import KBMCore
#endif

final class ErrorCollectingSink: Sink {
    private(set) var errors: [String] = []
    private(set) var outputBytes = 0

    /// Texts that still held a control, C1 or bidi-override character after `Unprintable.escaped`.
    private(set) var unescaped: [String] = []

    func out(_ text: String) {
        outputBytes += text.utf8.count
        check(text)
    }

    func err(_ text: String) {
        errors.append(text)
        check(text)
    }

    private func check(_ text: String) {
        let raw = Unprintable.escaped(text).unicodeScalars.contains { u in
            (u.value < 0x20 && u != "\n" && u != "\t") || (0x7F...0x9F).contains(u.value)
                || (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value)
        }
        if raw { unescaped.append(text) }
    }
}
