// A text file kbm writes: recordings, exported scripts and dumps, redirected output. New files get mode 0600.

import Glibc
import KBMPersistence
import KBMRender

public final class TextFile {
    public enum Mode: Equatable {
        /// A new file, written line by line as things happen (a recording).
        case new
        /// A new file that appears under its name only whole, at `finish()` (an export, a dump).
        case whole
        /// Where `output`/`once` send text: a new file, a device or pipe (/dev/null, /dev/stdout), or, with
        /// `replace`, an existing regular file, emptied first. Never through a symlink to a file.
        case output(replace: Bool)
    }

    public let path: String
    private let fd: Int32
    /// The name the text is written under until `finish()` gives it `path` (mode `whole`).
    private var temporary: String?
    /// The first write error (errno), kept so a finished file can be checked once instead of every line.
    public private(set) var failure: Int32?

    /// `command` names the command in messages (which command refused to overwrite a file).
    init(path: String, mode: Mode, command: String, header: String = "") throws(ShellError) {
        self.path = path
        switch mode {
        case .new:
            do { try FileSystem.makeParentDirectories(of: path) } catch { throw .cannotWrite(path: path, reason: Wording.message(error)) }
            // O_EXCL refuses an existing name, a symlink (even a dangling one) included.
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw Self.openFailure(path: path, command: command) }
        case .whole:
            if Self.lexists(path) { throw .fileExists(path: path, command: command) }
            do {
                let created = try AtomicFile.createTemporary(beside: path)
                fd = created.fd
                temporary = created.path
            } catch {
                throw .cannotWrite(path: path, reason: error.text)
            }
        case .output(let replace):
            fd = try Self.openOutput(path, replace: replace, command: command)
        }
        if !header.isEmpty { append(header) }
    }

    deinit {
        close(fd)
        if let temporary { AtomicFile.discard(temporary) }
    }

    private static func lexists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    private static func openFailure(path: String, command: String) -> ShellError {
        errno == EEXIST ? .fileExists(path: path, command: command) : .cannotWrite(path: path, reason: FileSystem.lastErrorText())
    }

    /// The file opened for `output`/`once`. An existing file is opened without truncating, and emptied only
    /// once fstat shows it is the regular file looked at (a swap for a symlink in between is refused).
    private static func openOutput(_ path: String, replace: Bool, command: String) throws(ShellError) -> Int32 {
        var seen = stat()
        guard lstat(path, &seen) == 0 else {
            guard errno == ENOENT else { throw .cannotWrite(path: path, reason: FileSystem.lastErrorText()) }
            do { try FileSystem.makeParentDirectories(of: path) } catch { throw .cannotWrite(path: path, reason: Wording.message(error)) }
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw openFailure(path: path, command: command) }
            return fd
        }
        let kind = seen.st_mode & S_IFMT
        if kind == S_IFREG && !replace { throw .replaceRefused(path: path, command: command) }
        // A symlink is followed only to a device or a pipe (/dev/stdout is one): it cannot lead into a file.
        var target = stat()
        if kind == S_IFLNK && (stat(path, &target) != 0 || !isStream(target.st_mode)) { throw .symlinkRefused(path: path) }
        // Non-blocking, so a pipe nobody reads is an error, not a hang.
        let follow = kind == S_IFLNK ? 0 : O_NOFOLLOW
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NONBLOCK | follow)
        guard fd >= 0 else {
            if errno == ELOOP { throw .symlinkRefused(path: path) }
            if errno == ENXIO { throw .cannotWrite(path: path, reason: "niemand liest aus der Pipe") }
            throw .cannotWrite(path: path, reason: FileSystem.lastErrorText())
        }
        var opened = stat()
        guard fstat(fd, &opened) == 0 else {
            let reason = FileSystem.lastErrorText()
            close(fd)
            throw .cannotWrite(path: path, reason: reason)
        }
        _ = fcntl(fd, F_SETFL, O_APPEND)
        if isStream(opened.st_mode) { return fd }
        let sameFile = kind == S_IFREG && (opened.st_mode & S_IFMT) == S_IFREG
            && opened.st_dev == seen.st_dev && opened.st_ino == seen.st_ino
        guard sameFile else {
            close(fd)
            if kind == S_IFLNK { throw .symlinkRefused(path: path) }
            throw .cannotWrite(path: path, reason: kind == S_IFDIR ? FileSystem.errorText(EISDIR) : "keine gewöhnliche Datei")
        }
        guard ftruncate(fd, 0) == 0 else {
            let reason = FileSystem.lastErrorText()
            close(fd)
            throw .cannotWrite(path: path, reason: reason)
        }
        // kbm's own file, which may hold personal data now, is closed to others; someone else's file
        // (root replacing it) keeps its owner's mode.
        if opened.st_uid == geteuid() { FileSystem.restrictToOwner(fd) }
        return fd
    }

    /// A character device or a pipe: written to as it is, never created, emptied or replaced.
    private static func isStream(_ mode: mode_t) -> Bool {
        let kind = mode & S_IFMT
        return kind == S_IFCHR || kind == S_IFIFO
    }

    /// Writes text as it is; a short or failed write is remembered in `failure`, and what of the text got into
    /// a file is cut off again: a recording or a report ends with the last whole line or output, never half a one.
    func write(_ text: String) {
        guard failure == nil else { return }
        var bytes = Array(text.utf8)[...]
        let start = lseek(fd, 0, SEEK_END)
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                failure = errno == 0 ? ENOSPC : errno
                if start >= 0 { _ = ftruncate(fd, start) }
                return
            }
            bytes = bytes.dropFirst(n)
        }
    }

    /// The reason of the first failed write, in German words.
    var failureText: String? { failure.map(FileSystem.errorText) }

    /// For a file of mode `whole`: throws if any write failed, leaving no file; otherwise gives it its name,
    /// which a file that appeared there meanwhile keeps.
    func finish(command: String) throws(ShellError) {
        if let failureText { throw .cannotWrite(path: path, reason: failureText) }
        guard let temporary else { return }
        self.temporary = nil
        do {
            try AtomicFile.publish(temporary, as: path)
        } catch {
            if error.code == EEXIST { throw .fileExists(path: path, command: command) }
            throw .cannotWrite(path: path, reason: error.text)
        }
    }

    /// Writes one line, adding the line end.
    func append(_ line: String) {
        write(line.hasSuffix("\n") ? line : line + "\n")
    }
}
