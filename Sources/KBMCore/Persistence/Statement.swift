// A prepared SQLite statement: bind, step, read columns.

import CSQLite

public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database

    init(handle: OpaquePointer, database: Database) {
        self.handle = handle
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds values to ?1, ?2, … in order; nil binds NULL.
    @discardableResult
    public func bind(_ values: [SQLValue?]) -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case nil: sqlite3_bind_null(handle, index)
            case .int(let n)?: sqlite3_bind_int64(handle, index, Int64(n))
            case .text(var s)?:
                // The bytes with their length: no C string is made, and SQLite copies them (transient).
                s.withUTF8 { bytes in
                    guard let base = bytes.baseAddress else { sqlite3_bind_text(handle, index, "", 0, nil); return }
                    let pointer = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                    sqlite3_bind_text(handle, index, pointer, Int32(bytes.count), kbm_sqlite_transient())
                }
            }
        }
        return self
    }

    /// true while there is a row to read.
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { sqlite3_reset(handle); return false }
        let system = database.systemErrno
        let error = SQLiteError(code: rc, message: database.lastMessage, systemErrno: system)
        sqlite3_reset(handle)
        throw error
    }

    /// Runs a statement that returns no rows.
    public func run(_ values: [SQLValue?] = []) throws(SQLiteError) {
        bind(values)
        while try step() {}
    }

    public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    public func text(_ column: Int32) -> String? {
        guard let bytes = bytes(column) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The column's text as SQLite holds it, valid until the next step: opening a large session reads
    /// hundreds of thousands of values, and the length SQLite knows spares a scan for the terminating zero.
    public func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let p = sqlite3_column_text(handle, column) else { return nil }
        return UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, column)))
    }

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    public var columnCount: Int32 { sqlite3_column_count(handle) }

    public func columnName(_ column: Int32) -> String { String(cString: sqlite3_column_name(handle, column)) }
}

public enum SQLValue: Sendable {
    case int(Int)
    case text(String)
}
