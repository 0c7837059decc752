// How the session file is journaled, and the settings that go with each way: one place for both.

import Glibc

enum JournalMode: Equatable {
    /// Commands acknowledged one by one: each is a small commit into the WAL, synced at checkpoints
    /// (`synchronous=NORMAL`). Up to 16 MiB of pages stay in memory (SQLite's default is 2 MiB): with a small cache a
    /// long unit's changed pages go to the WAL early and are read back and written again. A writer never waits.
    case wal
    /// A script's unit may write a whole file's worth of pages in one transaction. In WAL mode each of them is written
    /// and synced twice, into the WAL and again into the file at the checkpoint; a rollback journal writes each once
    /// and keeps only the pages the file had before (SQLite's own advice for large transactions). It is safe against
    /// power loss only when synced at every step. Writing into the file needs readers gone: a report someone runs
    /// meanwhile delays the commit, it does not fail it. Up to 64 MiB of changed pages wait for the commit; beyond
    /// the cache SQLite spills them early, syncing the journal each time and writing again the pages changed afterwards.
    case rollback

    /// What `PRAGMA journal_mode` sets and answers.
    var name: String {
        switch self {
        case .wal: "wal"
        case .rollback: "delete"
        }
    }

    /// Pages kept in memory, in KiB (SQLite's negative `cache_size`).
    var cacheKiB: Int {
        switch self {
        case .wal: 16384
        case .rollback: 65536
        }
    }

    /// Everything that goes with the mode, set together with it.
    var settings: String {
        switch self {
        case .wal: "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=0; PRAGMA cache_size=-\(cacheKiB)"
        case .rollback: "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA cache_size=-\(cacheKiB)"
        }
    }

    /// The mode for a script's unit. Under a file size limit (`ulimit -f`) pages written in place beyond it fail
    /// where the same unit in a small WAL would be committed; such a process keeps WAL for its scripts.
    static let forScript: JournalMode = {
        var limit = rlimit()
        let limited = getrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max
        return limited ? .wal : .rollback
    }()
}
