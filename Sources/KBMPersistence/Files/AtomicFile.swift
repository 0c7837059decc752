// A new file that appears whole or not at all: written under a temporary name beside it, then linked into place.

import Glibc

public enum AtomicFile {
    /// A failed system call, by its errno.
    public struct Failure: Error {
        public let code: Int32
        /// The reason in German words, for a message that names the file.
        public let text: String
        init(code: Int32) { self.code = code; text = FileSystem.errorText(code) }
        init(text: String) { code = EIO; self.text = text }
    }

    /// The temporary name beside `path`: hidden, and telling by its name what left it (a process killed while writing)
    /// and which process did: `.NAME.kbm-tmp-PID-RANDOM`.
    static func temporaryName(for path: String) -> String {
        let directory = FileSystem.directory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let temporary = ".\(name).kbm-tmp-\(getpid())-\(random)"
        return path.contains("/") ? directory + "/" + temporary : temporary
    }

    /// Creates an empty temporary file (mode 0600, never an existing file or a symlink) beside `path`. Until it is
    /// published or `discard`ed, a SIGTERM or SIGHUP removes it (PendingFile).
    public static func createTemporary(beside path: String) throws(Failure) -> (fd: Int32, path: String) {
        do { try FileSystem.makeParentDirectories(of: path) } catch {
            guard case .cannotOpen(_, let reason) = error else { throw Failure(code: EACCES) }
            throw Failure(text: reason)
        }
        for _ in 0..<8 {
            let temporary = temporaryName(for: path)
            // Named for a SIGTERM or SIGHUP before it exists: a signal between the two would leave it otherwise.
            PendingFile.register(temporary)
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { return (fd, temporary) }
            PendingFile.clear()
            if errno != EEXIST { throw Failure(code: errno) }
        }
        throw Failure(code: EEXIST)
    }

    /// Gives the finished temporary file its name, which must not exist yet: a file that appeared there meanwhile
    /// (or a symlink) is never replaced. Syncs the file before and its directory after, so a crash leaves either
    /// no file or the whole one. The temporary name is gone afterwards, whether it succeeded or not.
    public static func publish(_ temporary: String, as path: String) throws(Failure) {
        defer { unlink(temporary); PendingFile.clear() }
        let fd = open(temporary, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(code: errno) }
        let synced = fsync(fd) == 0 ? 0 : errno
        close(fd)
        if synced != 0 && synced != EINVAL { throw Failure(code: synced) }
        // link refuses an existing name, symlinks included; rename would replace it.
        if link(temporary, path) != 0 {
            let code = errno
            // A file system without hard links (FAT, some network shares): rename after a last look.
            guard [EPERM, EOPNOTSUPP, ENOSYS].contains(code), access(path, F_OK) != 0, errno == ENOENT else {
                throw Failure(code: code)
            }
            guard rename(temporary, path) == 0 else { throw Failure(code: errno) }
        }
        syncDirectory(of: path)
    }

    /// Removes a temporary file that will not be published, and the files SQLite kept beside it.
    public static func discard(_ temporary: String) {
        for side in PendingFile.sides { unlink(temporary + side) }
        PendingFile.clear()
    }

    /// The directory's entry for a new name is on disk only once the directory is synced; a file system that
    /// cannot sync a directory has nothing to lose by it.
    static func syncDirectory(of path: String) {
        let fd = open(FileSystem.directory(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
