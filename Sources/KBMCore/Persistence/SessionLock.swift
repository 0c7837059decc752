// The lock that keeps a second process off a session: flock on FILE-lock, which holds the holder's PID.
// A separate file, because SQLite drops every POSIX lock of the process on the database file when it unlocks;
// the kernel drops a flock when its holder dies, so a killed process never leaves the session locked.

import Glibc

final class SessionLock {
    let fd: Int32

    static func lockPath(for path: String) -> String { path + "-lock" }

    /// Opens (creating with mode 0600) and locks FILE-lock; throws `locked` with the holder's PID.
    static func acquire(path: String) throws(StoreError) -> SessionLock {
        let lockPath = lockPath(for: path)
        let fd = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: FileSystem.lastErrorText()) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let pid = holderPID(fd)
            close(fd)
            throw .locked(path: path, pid: pid)
        }
        // The PID first, then cut what an earlier holder left: the file is never empty for a reader.
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        _ = ftruncate(fd, off_t(pid.count))
        return SessionLock(fd: fd)
    }

    /// The holder writes its PID just after it takes the lock; a process that lost a race for it may read
    /// before that (nothing, or the PID of an earlier holder that is gone), so it reads again for a moment.
    private static func holderPID(_ fd: Int32) -> Int32? {
        for attempt in 0..<40 {
            if attempt > 0 { usleep(5_000) }
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buffer, buffer.count, 0)
            guard n > 0 else { continue }
            let line = buffer[0..<n].prefix { $0 != UInt8(ascii: "\n") }
            if let pid = Int32(String(decoding: line, as: UTF8.self).trimmingBlanks), pid > 0,
               kill(pid, 0) == 0 || errno == EPERM {
                return pid
            }
        }
        return nil
    }

    private init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }
}
