// The command history in kbm's own file: one entry per line, appended before a command runs, mode 0600.

import CEditLine
import Glibc
import KBMCore

final class History {
    let handle: OpaquePointer
    private let path: String
    private var event = HistEvent()

    init?(path: String) {
        guard let h = history_init() else { return nil }
        handle = h
        self.path = path
        kbm_history_setsize(h, &event, 1000)
        kbm_history_setunique(h, &event, 1)
        if let bytes = FileSystem.read(path, limit: ByteLineSource.maxScriptBytes) {
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                kbm_history_enter(h, &event, String(line))
            }
        }
    }

    deinit { history_end(handle) }

    /// Private lines (a blank in front) stay out of the history, and so does the Testträgernummer of `mandant`:
    /// the history file outlives the session and is no place for it.
    func add(_ line: String) {
        guard !Shell.isPrivate(line), !line.allSatisfy(\.isWhitespace) else { return }
        if let command = try? Parser.parse(line), command.name == .domain(.mandant), command.has(Keys.Mandant.testnummer) { return }
        kbm_history_enter(handle, &event, line)
        try? FileSystem.makeParentDirectories(of: path)
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        FileSystem.restrictToOwner(fd)
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
