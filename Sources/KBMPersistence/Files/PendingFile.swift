// The temporary file a write has under way, kept where a SIGTERM or SIGHUP handler can remove it.

import Glibc

/// A handler may only read memory that exists before the signal comes and call functions that are safe in it
/// (unlink is): the names are copied into one buffer allocated once, and marked valid only once whole, so a
/// signal during `register` never removes a half-written name. Only one such file is under way at a time
/// (`save`, `dump DATEI`, `verlauf --export`); with it go the files SQLite keeps beside a copy being built.
public enum PendingFile {
    static let capacity = Int(PATH_MAX) + 16
    static let sides = ["", "-wal", "-shm", "-journal"]
    nonisolated(unsafe) private static var names: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var valid: sig_atomic_t = 0

    /// Remembers `path` until `clear`; a path too long to keep is not kept (a signal then leaves it, as SIGKILL would).
    static func register(_ path: String) {
        valid = 0
        let count = path.utf8.count
        guard count + 16 < capacity else { return }
        if names == nil { names = .allocate(capacity: capacity * sides.count) }
        guard let names else { return }
        for (i, side) in sides.enumerated() {
            let slot = names + i * capacity
            var n = 0
            for byte in (path + side).utf8 { slot[n] = CChar(bitPattern: byte); n += 1 }
            slot[n] = 0
        }
        valid = 1
    }

    static func clear() { valid = 0 }

    /// Called from a signal handler: removes the file under way, if any. Nothing here allocates or locks.
    public static func removeInSignalHandler() {
        guard valid != 0, let names else { return }
        for i in 0..<sides.count { unlink(names + i * capacity) }
    }
}
