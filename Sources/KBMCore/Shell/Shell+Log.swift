// Recording a session as a script, and reading back what was done: `record`, `verlauf`, `verlauf --export`.

extension Shell {
    func performLogCommand(_ command: ParsedCommand) throws -> Outcome {
        switch command.name {
        case .record:
            if let recording { throw ShellError.alreadyRecording(path: recording.path) }
            let path = command.text("datei")!
            recording = try TextFile(path: path, header: scriptHeader("Aufzeichnung"))
            return Outcome(output: [.notice(.recordingStarted(path))])
        case .recordStop:
            guard let recording else { throw ShellError.notRecording }
            self.recording = nil
            return Outcome(output: [.notice(.recordingStopped(recording.path))])
        case .verlauf:
            let entries = try commandLog(last: command.integer("anzahl"))
            var table = Table(headers: ["Zeit", "Quelle", "Ergebnis", "Zeile"], keys: ["zeit", "quelle", "ergebnis", "zeile"])
            for e in entries { table.rows.append([.text(e.zeit), .text(e.quelle), .text(e.ergebnis), .text(e.zeile)]) }
            return Outcome(output: [.table(table)])
        default:
            let path = command.text("datei")!
            let entries = try commandLog(last: nil)
            let replayed = entries.filter { Self.isReplayed($0.zeile) }
            // Pseudonyms are chosen so that none equals a value of the session or of the history.
            var anonymizer = command.has("anonym") ? Anonymizer(session: session, commandLines: replayed.map(\.zeile)) : nil
            let export = try TextFile(path: path, header: scriptHeader(anonymizer == nil ? "Verlauf" : "Verlauf (anonymisiert)"))
            var written = 0
            for e in replayed {
                var line = e.zeile
                if anonymizer != nil {
                    guard let pseudonymised = anonymizer!.commandLine(e.zeile) else {
                        // A line that is no valid command cannot be told apart into personal and other words.
                        export.append("# \(e.zeit) \(e.quelle): eine ungültige Zeile ausgelassen")
                        continue
                    }
                    if pseudonymised.isEmpty { continue }
                    line = pseudonymised
                }
                // A script's name is free text too (`oeztuerk-12041990.kbm`).
                export.append("# \(e.zeit) \(anonymizer?.freeText(e.quelle) ?? e.quelle)")
                export.append(line)
                if e.ergebnis != "ok" { export.append("expect fehler") }
                written += 1
            }
            try export.finish()
            return Outcome(output: [.notice(.verlaufExported(path, written))])
        }
    }

    /// Commands that manage the log itself are left out of a replay.
    static let logCommands: Set<CommandName> = [.record, .recordStop, .verlauf, .verlaufExport]

    /// Stands in the log for a line that was no kbm command: its text may be anything, even a line of a password file.
    static let refusedLine = "# Zeile nicht gespeichert: kein kbm-Befehl"

    /// A line typed with a blank in front is private, as with bash's ignorespace: it runs, but neither the history
    /// nor the command log keeps it.
    public static func isPrivate(_ line: String) -> Bool { line.first == " " || line.first == "\t" }

    /// The log holds both a `run FILE` line and the script's own lines; a replay takes the script's lines.
    static func isReplayed(_ line: String) -> Bool {
        if line == refusedLine { return false }
        guard let command = try? Parser.parse(line) else { return true }
        return !logCommands.contains(command.name) && command.name != .run
    }

    func commandLog(last: Int?) throws -> [LoggedCommand] {
        if let store { return try store.commandLog(last: last) }
        return last.map { Array(memoryLog.suffix($0)) } ?? memoryLog
    }

    /// The head of a generated script: what it is, when, which kbm, and the clock it starts from.
    func scriptHeader(_ what: String) -> String {
        var header = "# kbm-\(what) vom \(Clock.timestamp()) (kbm \(KBMVersion.string))\n"
        if let today = session.today { header += "set today \(today)\n" }
        return header
    }
}
