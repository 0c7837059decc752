// `dump [DATEI]` and `dump --anonym [DATEI]`: the session as a script, on the output or into a new file.

extension Shell {
    func dump(_ command: ParsedCommand) throws(ShellError) -> Outcome {
        let script = command.name == .dumpAnonym ? Dump.anonymScript(session) : Dump.script(session)
        guard let path = command.text("datei") else { return Outcome(output: [.text(script)]) }
        do throws(FileSystem.CreateError) {
            try FileSystem.createNew(path, text: script)
        } catch {
            switch error {
            case .exists: throw .fileExists(path: path, command: command.spec.phrase)
            case .failed(let reason): throw .cannotWrite(path: path, reason: reason)
            }
        }
        return Outcome(output: [.notice(.dumpWritten(path))])
    }
}
