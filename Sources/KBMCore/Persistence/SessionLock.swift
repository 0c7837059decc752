// The advisory lock that keeps a second process off a session file; the kernel drops it when the holder dies.

import Glibc

final class SessionLock {
    /// A byte range far from the ones SQLite locks, so `sqlite3` can still read the file for reports.
    private static let offset: off_t = 0x7FFF_0000

    let fd: Int32

    /// Opens (creating with mode 0600) and locks the file; throws `locked` with the holder's PID.
    static func acquire(path: String) throws(StoreError) -> SessionLock {
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = offset
        lock.l_len = 1
        if fcntl(fd, F_SETLK, &lock) != 0 {
            var probe = flock()
            probe.l_type = Int16(F_WRLCK)
            probe.l_whence = Int16(SEEK_SET)
            probe.l_start = offset
            probe.l_len = 1
            let pid: Int32? = fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != Int16(F_UNLCK) ? probe.l_pid : nil
            close(fd)
            throw .locked(path: path, pid: pid)
        }
        return SessionLock(fd: fd)
    }

    private init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }
}
