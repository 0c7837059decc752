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
    case expectationFailed(expected: String, actual: String)
    case cannotWrite(path: String, reason: String)
    case alreadyRecording(path: String)
    case notRecording
    case queryRefused(reason: String)
    case fileExists(path: String, command: String)
}
