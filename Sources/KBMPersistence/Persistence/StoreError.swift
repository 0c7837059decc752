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
    /// A file kbm would write to that someone else may control; it is not used and stays as it is.
    case untrusted(path: String, reason: Distrust)
    /// The WAL beside the session was not left by a process on this file; neither file is touched.
    case foreignWAL(path: String, reason: WALMismatch)
    /// The session holds a schema object kbm did not create (a trigger, a changed view); nothing is run or written.
    case foreignSchema(path: String, type: String, name: String)
    /// `sql` ran nothing, or stopped before its last row.
    case queryRefused(QueryRefusal)
    /// Bringing an older file up to date failed: SQLite's message and code; the file stays as it was.
    case migrationFailed(path: String, from: Int, to: Int, message: String, code: Int32)

    public enum Distrust: Equatable, Sendable {
        case symlink
        case notRegular
        case otherOwner(uid: UInt32)
        /// More than one name (hard links) for a file kbm writes beside the session.
        case linked(count: Int)
        case writableByOthers(mode: UInt32)
    }

    public enum WALMismatch: Equatable, Sendable {
        case pageSize(wal: Int, file: Int)
        /// Changes that are not in the file, without the index (-shm) of the process that wrote them.
        case notLeftHere
    }

    public enum QueryRefusal: Equatable, Sendable {
        case moreThanOne
        case notReadOnly
        /// Anything but the session's tables and views (table-valued functions, schema changes).
        case outsideSession
        case forbiddenFunction(name: String)
        case tooManyRows(limit: Int)
        case tooLong(steps: Int)
        case tooMuchMemory(megabytes: Int)
        case valueTooLong(megabytes: Int)
        /// Ctrl-C at the terminal.
        case interrupted
        /// SQLite's own reason (a syntax error, an unknown column), in its words; the render layer translates it.
        case sqlite(message: String, code: Int32)
    }
}
