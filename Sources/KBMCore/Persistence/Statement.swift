// A prepared SQLite statement: bind, step, read columns.

import CSQLite

public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    private let parameterCount: Int
    /// The text of the bound values, copied here so SQLite need not copy each one: valid until the next bind.
    private var textBuffer: UnsafeMutablePointer<UInt8>
    private var textCapacity = 256

    init(handle: OpaquePointer, database: Database) {
        self.handle = handle
        self.database = database
        parameterCount = Int(sqlite3_bind_parameter_count(handle))
        textBuffer = .allocate(capacity: textCapacity)
    }

    deinit {
        sqlite3_finalize(handle)
        textBuffer.deallocate()
    }

    /// Binds values to ?1, ?2, … in order; nil binds NULL.
    @discardableResult
    public func bind(_ values: [SQLValue?]) -> Statement {
        sqlite3_reset(handle)
        // Every parameter gets a value below, so old ones need clearing only when fewer are given.
        if values.count < parameterCount { sqlite3_clear_bindings(handle) }
        var needed = 0
        for case .text(let s)? in values { needed += s.utf8.count }
        if needed > textCapacity {
            textBuffer.deallocate()
            textCapacity = max(needed, textCapacity * 2)
            textBuffer = .allocate(capacity: textCapacity)
        }
        var offset = 0
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case nil: sqlite3_bind_null(handle, index)
            case .int(let n)?: sqlite3_bind_int64(handle, index, Int64(n))
            case .text(let s)?:
                let start = textBuffer + offset
                let count = s.utf8.withContiguousStorageIfAvailable { bytes in
                    start.update(from: bytes.baseAddress!, count: bytes.count)
                    return bytes.count
                } ?? copied(s.utf8, to: start)
                let pointer = UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self)
                sqlite3_bind_text(handle, index, pointer, Int32(count), kbm_sqlite_static())
                offset += count
            }
        }
        return self
    }

    private func copied(_ bytes: String.UTF8View, to start: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        for b in bytes { start[count] = b; count += 1 }
        return count
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
