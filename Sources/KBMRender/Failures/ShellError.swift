// What can go wrong in the shell itself: files, includes, options.

public enum ShellError: Error, Equatable, Sendable {
    case unreadableScript(path: String, reason: String)
    case includeCycle(chain: [String])
    case includeTooDeep(limit: Int)
    case invalidUTF8
    case nulByte
    case lineTooLong(limit: Int)
    case notSaved(detail: String)
    case noSessionFile
    case expectationFailed(ExpectedOutcome, found: ExpectedOutcome.Found)
    case cannotWrite(path: String, reason: String)
    case alreadyRecording(path: String)
    case notRecording
    case fileExists(path: String, command: String)
    /// Ctrl-C stopped a command that was running; the shell answers it like Ctrl-C between commands.
    case interrupted
    case scriptNotAFile(path: String)
    case scriptTooLarge(path: String, megabytes: Int)
    case notAScript(path: String)
    /// A file-writing command named the open session or one of its companion files.
    case sessionFileTarget(path: String, command: String)
    /// `output`/`once` onto an existing regular file without `--ersetzen`.
    case replaceRefused(path: String, command: String)
    case symlinkRefused(path: String)
    /// The output of a command that ran could not be written where `output`/`once` sent it.
    case outputLost(path: String, reason: String)
    case recordingFailed(path: String, reason: String)
    case recordingIncomplete(path: String, reason: String)
}
