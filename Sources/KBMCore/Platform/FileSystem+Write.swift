// Writing a new file that holds personal data: created exclusively, mode 0600, never over an existing one.

import Glibc

extension FileSystem {
    public enum CreateError: Error, Equatable, Sendable {
        case exists
        case failed(reason: String)
    }

    /// Creates `path` with `text` as its content. Fails when the file exists; a half-written file is removed.
    public static func createNew(_ path: String, text: String) throws(CreateError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw .exists }
            throw .failed(reason: lastErrorText())
        }
        // The umask could take bits away, never add them; make it exactly 0600.
        fchmod(fd, 0o600)
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = lastErrorText()
                close(fd)
                unlink(path)
                throw .failed(reason: reason)
            }
            offset += n
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            let reason = lastErrorText()
            unlink(path)
            throw .failed(reason: reason)
        }
    }
}
