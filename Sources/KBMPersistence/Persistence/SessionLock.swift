// The locks that keep a second process off a session: flock on FILE-lock, which holds the holder's PID, and flock
// on the session file itself, so that every name of the file (a symlink, a hard link) is one session.
// flock, not POSIX locks: SQLite drops every POSIX lock of the process on a file when it unlocks, and takes no flock
// itself; the kernel drops a flock when its holder dies, so a killed process never leaves the session locked.

import Glibc

final class SessionLock {
    let fd: Int32
    /// The session file, open only to hold its flock; -1 until `lockFile` (and for `save`'s new file).
    private var fileFD: Int32 = -1

    static func lockPath(for path: String) -> String { path + "-lock" }

    /// Opens (creating with mode 0600) and locks FILE-lock; throws `locked` with the holder's PID.
    /// A planted FILE-lock is never written: not through a symlink, not into a FIFO, a hard link or another's file.
    static func acquire(path: String) throws(StoreError) -> SessionLock {
        let lockPath = lockPath(for: path)
        let fd = Glibc.open(lockPath, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == ELOOP { throw .untrusted(path: lockPath, reason: .symlink) }
            throw .cannotOpen(path: path, reason: FileSystem.lastErrorText())
        }
        var st = stat()
        let distrust = fstat(fd, &st) == 0 ? FileTrust.problem(st, singleName: true) : .notRegular
        if let distrust {
            close(fd)
            throw .untrusted(path: lockPath, reason: distrust)
        }
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

    /// Locks the session file itself through `fd`, which the lock keeps open (and closes, also when it throws).
    /// Another name for the same file has another FILE-lock; this lock is on the file, whatever its name.
    func lockFile(_ fd: Int32, path: String) throws(StoreError) {
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let pid = Self.flockHolder(of: fd)
            close(fd)
            throw .locked(path: path, pid: pid)
        }
        fileFD = fd
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

    /// The process holding a flock on the file of `fd`, as the kernel lists it in /proc/locks
    /// ("1: FLOCK  ADVISORY  WRITE 4711 08:02:1311 0 EOF"): the holder under another name wrote its PID
    /// into another FILE-lock.
    private static func flockHolder(of fd: Int32) -> Int32? {
        var st = stat()
        guard fstat(fd, &st) == 0, let bytes = FileSystem.read("/proc/locks") else { return nil }
        let dev = UInt64(st.st_dev)
        let major = (dev >> 8) & 0xFFF | (dev >> 32) & ~0xFFF
        let minor = dev & 0xFF | (dev >> 12) & ~0xFF
        let file = String(major, radix: 16).leftPadded(to: 2) + ":" + String(minor, radix: 16).leftPadded(to: 2) + ":\(st.st_ino)"
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 6, fields[1] == "FLOCK", fields[5] == file, let pid = Int32(fields[4]), pid != getpid() else { continue }
            return pid
        }
        return nil
    }

    private init(fd: Int32) { self.fd = fd }

    deinit {
        close(fd)
        if fileFD >= 0 { close(fileFD) }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
