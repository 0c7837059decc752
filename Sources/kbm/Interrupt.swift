// Ctrl-C: a SIGINT handler without SA_RESTART, so a blocked read returns and the shell decides what to do.
// SIGTERM and SIGHUP end kbm as before, but first remove a file being written under its temporary name.

import Glibc
import KBMCore

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

    /// A copy, dump or export under way is removed, then the signal ends kbm as it would have: its default action,
    /// so the parent sees the same status. An acknowledged command is in the file already (SQLite's journal).
    static func installTermination() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            PendingFile.removeInSignalHandler()
            Glibc.signal(signal, SIG_DFL)
            raise(signal)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        for signal in [SIGTERM, SIGHUP] { sigaction(signal, &action, nil) }
    }

        /// Reads and clears the flag.
    static func take() -> Bool {
        defer { pending = 0 }
        return pending != 0
    }
}
