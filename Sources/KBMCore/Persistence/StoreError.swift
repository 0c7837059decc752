// What can go wrong with a session file.

public enum StoreError: Error, Equatable, Sendable {
    case locked(path: String, pid: Int32?)
    case cannotOpen(path: String, reason: String)
    case notASession(path: String)
    case corrupt(path: String, detail: String)
    case newerVersion(path: String, found: Int, supported: Int)
    case writeFailed(detail: String)
    case targetExists(path: String)
}
