// `dump [DATEI]` and `dump --anonym [DATEI]`: the session as a script, on the output or into a new file.

extension Shell {
    func dump(_ command: ParsedCommand) throws(ShellError) -> Outcome {
        let script = command.name == .dumpAnonym ? Dump.anonymScript(session) : Dump.script(session)
        guard let path = command.text("datei") else { return Outcome(output: [.text(script)]) }
        // Named before trying, so the message says why; TextFile creates exclusively all the same (mode 0600).
        if FileSystem.exists(path) { throw .fileExists(path: path, command: command.spec.phrase) }
        try TextFile(path: path).write(script)
        return Outcome(output: [.notice(.dumpWritten(path))])
    }
}
