// A text file kbm writes line by line: recordings, exported scripts, redirected output. Mode 0600.

import Glibc

public final class TextFile {
    public let path: String
    private let fd: Int32
    /// The first write error (errno), kept so a finished file can be checked once instead of every line.
    public private(set) var failure: Int32?

    /// Creates the file (mode 0600). `exclusive` refuses an existing file (recordings and exports never overwrite);
    /// otherwise it is emptied first, as sqlite's `.output` does.
    init(path: String, exclusive: Bool = true, header: String = "") throws(ShellError) {
        do { try FileSystem.makeParentDirectories(of: path) } catch { throw .cannotWrite(path: path, reason: Wording.message(error)) }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC), 0o600)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: FileSystem.lastErrorText()) }
        // An existing file keeps its mode when it is overwritten: one that others may read is closed to them.
        FileSystem.restrictToOwner(fd)
        self.path = path
        self.fd = fd
        if !header.isEmpty { append(header) }
    }

    deinit { close(fd) }

    /// Writes text as it is; a short or failed write is remembered in `failure`.
    func write(_ text: String) {
        guard failure == nil else { return }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { failure = errno == 0 ? ENOSPC : errno; return }
            bytes = bytes.dropFirst(n)
        }
    }

    /// For a file that must be whole (an export, a dump): throws, and removes the partial file, if any write failed.
    func finish() throws(ShellError) {
        guard let failure else { return }
        unlink(path)
        errno = failure
        throw .cannotWrite(path: path, reason: FileSystem.lastErrorText())
    }

    /// Writes one line, adding the line end.
    func append(_ line: String) {
        write(line.hasSuffix("\n") ? line : line + "\n")
    }
}
