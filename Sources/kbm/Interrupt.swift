// Ctrl-C: a SIGINT handler without SA_RESTART, so a blocked read returns and the shell decides what to do.

import Glibc

enum Interrupt {
    /// A signal handler can reach nothing else; this flag is the one piece of global state kbm has.
    nonisolated(unsafe) static var pending: sig_atomic_t = 0

    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interrupt.pending = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Reads and clears the flag.
    static func take() -> Bool {
        defer { pending = 0 }
        return pending != 0
    }
}
