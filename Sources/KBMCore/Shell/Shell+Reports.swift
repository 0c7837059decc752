// Power-user output: read-only SQL over the reporting views, and output routed to files.

import KBMDomain
import KBMLanguage
import KBMPersistence
import KBMRender

extension Shell {
    func query(_ command: ParsedCommand, from source: LineSource) throws -> Outcome {
        let query = command[Keys.Sql.abfrage]
        // A session without a file is copied into a private in-memory database for the query.
        let target = try store ?? SessionStore.snapshot(of: session)
        // Ctrl-C stops a query at a terminal; a batch run that nobody watches has a budget of steps instead.
        var limits = QueryGuard.Limits(interrupted: interruptRequested)
        if !source.isInteractive { limits.steps = QueryGuard.Limits.batchSteps }
        let rows: QueryRows
        do { rows = try target.query(query, limits: limits) } catch {
            // Stopped by Ctrl-C: the shell answers it as it answers Ctrl-C between commands.
            if case .queryRefused(.interrupted) = error { throw ShellError.interrupted }
            throw error
        }
        return Outcome(output: [.table(Self.table(rows))])
    }

    func redirectOutput(_ command: ParsedCommand) throws -> Outcome {
        guard let path = command[Keys.Output.datei] else { outputFile = nil; return Outcome() }
        outputFile = try redirection(path, command)
        return Outcome()
    }

    func redirectOnce(_ command: ParsedCommand) throws -> Outcome {
        onceFile = try redirection(command[Keys.Once.datei], command)
        return Outcome()
    }

    /// A query's rows as printed: the column names are the headers and the keys (for --format json/csv).
    static func table(_ result: QueryRows) -> Table {
        var table = Table(headers: result.columns, keys: result.columns)
        table.rows = result.rows.map { row in
            row.map { value in
                switch value {
                case nil: .empty
                case .int(let n)?: .number(n)
                case .text(let s)?: .text(s)
                }
            }
        }
        return table
    }

    private func redirection(_ path: String, _ command: ParsedCommand) throws -> TextFile {
        // `output --ersetzen` took the option for the file's name.
        if path == "--ersetzen" { throw LanguageError.missingArgument("DATEI", usage: command.spec.usage) }
        try refuseSessionFiles(path, command: command)
        return try TextFile(path: path, mode: .output(replace: command.has(Keys.Output.ersetzen)), command: command.spec.phrase)
    }

    /// No command writes a file onto the open session or one of its companion files, under any name.
    func refuseSessionFiles(_ path: String, command: ParsedCommand) throws(ShellError) {
        guard let store, SessionFiles(session: store.path).contains(path) else { return }
        throw .sessionFileTarget(path: path, command: command.spec.phrase)
    }

    /// Text a command printed goes to the screen, or where `output`/`once` sent it; `once` waits for a command
    /// that prints. A failed write ends the redirection and is returned, to be reported as the command's failure.
    func emit(_ text: String, onScreen: String, after command: CommandName) -> ShellError? {
        if command.isShell(.once) || command.isShell(.output) { sink.out(onScreen); return nil }
        if text.isEmpty { return nil }
        guard let file = onceFile ?? outputFile else { sink.out(onScreen); return nil }
        file.write(text)
        if onceFile != nil { onceFile = nil }
        guard let reason = file.failureText else { return nil }
        if outputFile === file { outputFile = nil }
        return .outputLost(path: file.path, reason: reason)
    }
}
