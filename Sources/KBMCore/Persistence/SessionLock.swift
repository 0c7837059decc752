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
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buffer, buffer.count, 0)
            close(fd)
            let pid = n > 0 ? Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingBlanks.filter(\.isNumber)) : nil
            throw .locked(path: path, pid: pid)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return SessionLock(fd: fd)
    }

    private init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }
}
