// A sink for the fuzzers: output is dropped, every error report is kept on its own for checking.

#if !KBM_FUZZ_SINGLE_MODULE
import KBMCore
#endif

final class ErrorCollectingSink: Sink {
    private(set) var errors: [String] = []
    private(set) var outputBytes = 0

    func out(_ text: String) { outputBytes += text.utf8.count }
    func err(_ text: String) { errors.append(text) }
}
