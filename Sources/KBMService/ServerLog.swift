// The logger kbm-bamf gives Hummingbird: nothing on stdout (the ready line is kbm's own, in German), and an error of
// the server library in one German line on stderr, the library's own words as the detail.

import Glibc
import KBMCore
import Logging

struct ServerLog: LogHandler {
    static let logger = Logger(label: "kbm-bamf") { _ in ServerLog() }

    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .error

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        guard event.level >= .error else { return }
        var detail = "\(event.message)"
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        if !all.isEmpty { detail += " (" + all.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")" }
        var line = Wording.Served.libraryError(detail)
        _ = line.withUTF8 { write(2, $0.baseAddress, $0.count) }
    }
}
