// A script being written by `record FILE`: every successful command, appended as it succeeds.

import Glibc

public final class Recording {
    public let path: String
    private let fd: Int32

    /// Creates the file (mode 0600); refuses one that exists, since a recording never overwrites.
    init(path: String, header: String) throws(ShellError) {
        do { try FileSystem.makeParentDirectories(of: path) } catch { throw .cannotWrite(path: path, reason: Wording.message(error)) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: FileSystem.lastErrorText()) }
        self.path = path
        self.fd = fd
        append(header)
    }

    deinit { close(fd) }

    func append(_ line: String) {
        let bytes = Array((line.hasSuffix("\n") ? line : line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
