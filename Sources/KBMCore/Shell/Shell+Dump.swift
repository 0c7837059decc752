// `dump [DATEI]` and `dump --anonym [DATEI]`: the session as a script, on the output or into a new file.

import KBMDomain
import KBMLanguage
import KBMRender

extension Shell {
    func dump(_ command: ParsedCommand, anonym: Bool) throws(ShellError) -> Outcome {
        let script = anonym ? Dump.anonymScript(session) : Dump.script(session)
        guard let path = command[Keys.Dump.datei] else { return Outcome(output: [.text(script)]) }
        try refuseSessionFiles(path, command: command)
        // Whole or not at all: a dump cut short by a full disk or a kill would restore half a session.
        let file = try TextFile(path: path, mode: .whole, command: command.spec.phrase)
        file.write(script)
        try file.finish(command: command.spec.phrase)
        return Outcome(output: [.notice(.dumpWritten(path))])
    }
}
