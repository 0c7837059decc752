// Recording a session as a script, and reading back what was done: `record`, `verlauf`, `verlauf --export`.

import KBMDomain
import KBMLanguage
import KBMPersistence
import KBMRender

extension Shell {
    func startRecording(_ command: ParsedCommand) throws -> Outcome {
        if let recording { throw ShellError.alreadyRecording(path: recording.path) }
        let path = command[Keys.Run.datei]
        try refuseSessionFiles(path, command: command)
        recording = try TextFile(path: path, mode: .new, command: command.spec.phrase, header: scriptHeader("Aufzeichnung"))
        return Outcome(output: [.notice(.recordingStarted(path))])
    }

    func stopRecording() throws -> Outcome {
        guard let recording else { throw ShellError.notRecording }
        self.recording = nil
        if let reason = recording.failureText { throw ShellError.recordingIncomplete(path: recording.path, reason: reason) }
        return Outcome(output: [.notice(.recordingStopped(recording.path))])
    }

    func showLog(_ command: ParsedCommand) throws -> Outcome {
        let entries = try commandLog(last: command[Keys.Verlauf.anzahl])
        var table = Table(headers: ["Zeit", "Quelle", "Ergebnis", "Zeile"], keys: ["zeit", "quelle", "ergebnis", "zeile"])
        for e in entries { table.rows.append([.text(e.zeit), .text(e.quelle), .text(e.ergebnis), .text(e.zeile)]) }
        return Outcome(output: [.table(table)])
    }

    func exportLog(_ command: ParsedCommand) throws -> Outcome {
        let path = command[Keys.VerlaufExport.datei]
        try refuseSessionFiles(path, command: command)
        let entries = try commandLog(last: nil)
        let replayed = entries.filter { Self.isReplayed($0.zeile) }
        // Pseudonyms are chosen so that none equals a value of the session or of the history.
        var anonymizer = command.has(Keys.VerlaufExport.anonym) ? Anonymizer(session: session, commandLines: replayed.map(\.zeile)) : nil
        let export = try TextFile(path: path, mode: .whole, command: command.spec.phrase,
                                  header: scriptHeader(anonymizer == nil ? "Verlauf" : "Verlauf (anonymisiert)"))
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
            if let omitted = Self.omittedFromReplay(line, try? Parser.parse(line)) { export.append(omitted); continue }
            export.append(line)
            if e.ergebnis != "ok" {
                // A message that holds a personal value cannot be quoted: its pseudonym need not be the one the
                // replayed command line gets ("Zoë2" in a message, "Dudima0" in the line). The check stays bare.
                let text = anonymizer == nil ? e.fehler : e.fehler.flatMap { anonymizer!.freeText($0) == $0 ? $0 : nil }
                export.append(Self.expectFailure(text))
            }
            written += 1
        }
        try export.finish(command: command.spec.phrase)
        return Outcome(output: [.notice(.verlaufExported(path, written))])
    }

    /// Stands in the log for a line that was no kbm command: its text may be anything, even a line of a password file.
    static let refusedLine = "# Zeile nicht gespeichert: kein kbm-Befehl"

    /// A line typed with a blank in front is private, as with bash's ignorespace: it runs, but neither the history
    /// nor the command log keeps it.
    public static func isPrivate(_ line: String) -> Bool { line.first == " " || line.first == "\t" }

    /// A replayed export or recording writes no file in the folder of whoever runs it: a command that would is
    /// written as a comment. nil for every other line.
    static func omittedFromReplay(_ line: String, _ command: ParsedCommand?) -> String? {
        guard let command, writesFile(command) else { return nil }
        // Nor does it reach a network service by itself (and it would need a password the log never holds).
        if command.name == .shell(.bamfVerbinden) { return "# ausgelassen (verbindet mit einem BAMF-Dienst): " + line }
        return "# ausgelassen (schreibt eine Datei): " + line
    }

    static func writesFile(_ command: ParsedCommand) -> Bool {
        switch command.spec.replay {
        case .commentedOut(always: true): true
        case .commentedOut(always: false): command.namesFile
        case .replayed, .skipped: false
        }
    }

    /// Appends a line to the recording (`command` is the line parsed, if it is a command). The first write that
    /// fails is returned, to be reported; the recording stays incomplete from there, which `record stop` says again.
    /// A failed command is followed by the `expect fehler` that its replay must meet.
    func record(_ line: String, _ command: ParsedCommand?, failed: Bool = false, failureText: String? = nil) -> ShellError? {
        guard let recording, recording.failure == nil else { return nil }
        if let omitted = Self.omittedFromReplay(line, command) {
            recording.append(omitted)
        } else {
            recording.append(line)
            if failed { recording.append(Self.expectFailure(failureText)) }
        }
        return recording.failureText.map { .recordingFailed(path: recording.path, reason: $0) }
    }

    /// The log holds both a `run FILE` line and the script's own lines; a replay takes the script's lines.
    /// Commands that manage the log itself are left out too (the table says which).
    static func isReplayed(_ line: String) -> Bool {
        if line == refusedLine { return false }
        guard let command = try? Parser.parse(line) else { return true }
        return command.spec.replay != .skipped
    }

    func commandLog(last: Int?) throws -> [LoggedCommand] {
        if let store { return try store.commandLog(last: last) }
        return last.map { Array(memoryLog.suffix($0)) } ?? memoryLog
    }

    /// The head of a generated script: what it is, when, which kbm, and the clock it starts from.
    func scriptHeader(_ what: String) -> String {
        var header = "# kbm-\(what) vom \(Clock.timestamp()) (kbm \(KBMVersion.string))\n"
        header += "set today \(session.today)\n"
        return header
    }
}
