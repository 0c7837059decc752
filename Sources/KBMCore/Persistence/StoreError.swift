// What can go wrong with a session file.

public enum StoreError: Error, Equatable, Sendable {
    case locked(path: String, pid: Int32?)
    case cannotOpen(path: String, reason: String)
    case notASession(path: String)
    case corrupt(path: String, detail: String)
    case newerVersion(path: String, found: Int, supported: Int)
    /// A command's changes could not be written; none of them are in the file.
    case writeFailed(detail: String)
    /// A script's unit could not be written; none of its changes are in the file.
    case scriptNotSaved(detail: String)
    /// `save FILE` could not write the copy; no file is left behind.
    case saveFailed(path: String, detail: String)
    case targetExists(path: String)
}
