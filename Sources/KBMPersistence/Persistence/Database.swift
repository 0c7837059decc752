// The one small wrapper over SQLite's C API.

import CSQLite
import Glibc

public struct SQLiteError: Error, Sendable {
    public var code: Int32
    public var message: String
    /// The errno of the system call that failed (ENOSPC, EFBIG …); meaningful only for I/O errors.
    public var systemErrno: Int32 = 0

    public init(code: Int32, message: String, systemErrno: Int32 = 0) {
        self.code = code
        self.message = message
        self.systemErrno = systemErrno
    }
}

public final class Database {
    let handle: OpaquePointer

    /// Opens (or with `create`, creates) a database; `path` ":memory:" gives a private in-memory one.
    /// Set once, before SQLite is first used.
    private static let configured: Bool = kbm_sqlite_without_memory_statistics() == SQLITE_OK

    public init(path: String, create: Bool, readOnly: Bool = false) throws(SQLiteError) {
        _ = Self.configured
        var db: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "sqlite3_open_v2 \(rc)"
            // Why the system refused (too many open files, no permission): read before the handle is gone.
            let system = db.map { sqlite3_system_errno($0) } ?? errno
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message, systemErrno: system)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        // What `sql` could reach in a crafted session: fts3_tokenizer with two arguments takes a function pointer
        // from SQL, load_extension loads code, and without defensive mode SQL may write the schema or raw pages.
        _ = kbm_sqlite_db_config(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0)
        _ = kbm_sqlite_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0)
        _ = kbm_sqlite_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    public func execute(_ sql: String) throws(SQLiteError) {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let system = systemErrno
            let message = error.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(error)
            throw SQLiteError(code: rc, message: message, systemErrno: system)
        }
    }

    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw SQLiteError(code: rc, message: lastMessage) }
        return Statement(handle: statement, database: self)
    }

    /// The first column of the first row of a query, as an integer.
    public func scalar(_ sql: String) throws(SQLiteError) -> Int {
        let statement = try prepare(sql)
        guard try statement.step() else { return 0 }
        return statement.int(0)
    }

    /// The first column of the first row of a query, as text.
    public func text(_ sql: String) throws(SQLiteError) -> String? {
        let statement = try prepare(sql)
        guard try statement.step() else { return nil }
        return statement.text(0)
    }

    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// Read right after a failed call: SQLite's record of the system error, else the errno the failed call left.
    var systemErrno: Int32 {
        let recorded = sqlite3_system_errno(handle)
        return recorded != 0 ? recorded : errno
    }
}
