// Power-user output: read-only SQL over the reporting views, and output routed to files.

extension Shell {
    func performReportCommand(_ command: ParsedCommand, from source: LineSource) throws -> Outcome {
        switch command.name {
        case .sql:
            let query = command.text("abfrage")!
            // A session without a file is copied into a private in-memory database for the query.
            let target = try store ?? SessionStore.snapshot(of: session)
            // Ctrl-C stops a query at a terminal; a batch run that nobody watches has a budget of steps instead.
            var limits = QueryGuard.Limits(interrupted: interruptRequested)
            if !source.isInteractive { limits.steps = QueryGuard.Limits.batchSteps }
            return Outcome(output: [.table(try target.query(query, limits: limits))])
        case .output:
            if let path = command.text("datei") {
                outputFile = try TextFile(path: path, exclusive: false)
                return Outcome()
            }
            outputFile = nil
            return Outcome()
        default:
            onceFile = try TextFile(path: command.text("datei")!, exclusive: false)
            return Outcome()
        }
    }

    /// Text a command printed goes to the screen, or where `output`/`once` sent it; `once` waits for a command that prints.
    func emit(_ text: String, after command: CommandName) {
        if command == .once || command == .output { sink.out(text); return }
        if text.isEmpty { return }
        if let onceFile {
            onceFile.write(text)
            self.onceFile = nil
        } else if let outputFile {
            outputFile.write(text)
        } else {
            sink.out(text)
        }
    }
}
