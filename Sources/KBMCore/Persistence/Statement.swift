// A prepared SQLite statement: bind, step, read columns.

import CSQLite

public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    private let parameterCount: Int
    /// The text of the bound values, copied here so SQLite need not copy each one: valid until the next reset.
    private var textBuffer: UnsafeMutablePointer<UInt8>
    private var textCapacity = 256
    private var textUsed = 0
    /// Buffers outgrown while binding: SQLite still points into them until the next reset.
    private var retiredBuffers: [UnsafeMutablePointer<UInt8>] = []

    init(handle: OpaquePointer, database: Database) {
        self.handle = handle
        self.database = database
        parameterCount = Int(sqlite3_bind_parameter_count(handle))
        textBuffer = .allocate(capacity: textCapacity)
    }

    deinit {
        sqlite3_finalize(handle)
        textBuffer.deallocate()
        for buffer in retiredBuffers { buffer.deallocate() }
    }

    /// Binds values to ?1, ?2, … in order; nil binds NULL.
    @discardableResult
    public func bind(_ values: [SQLValue?]) -> Statement {
        reset()
        // Every parameter gets a value below, so old ones need clearing only when fewer are given.
        if values.count < parameterCount { sqlite3_clear_bindings(handle) }
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case nil: bindNull(index)
            case .int(let n)?: bind(index, n)
            case .text(let s)?: bind(index, s)
            }
        }
        return self
    }

    /// Ready for new values; the statements every command runs bind them one by one (`bind(_:_:)`), without
    /// an array of values per row.
    public func reset() {
        sqlite3_reset(handle)
        textUsed = 0
        for buffer in retiredBuffers { buffer.deallocate() }
        retiredBuffers.removeAll(keepingCapacity: true)
    }

    public func bind(_ index: Int32, _ text: String) {
        var text = text
        let count = text.withUTF8 { bytes in
            if textUsed + bytes.count > textCapacity {
                retiredBuffers.append(textBuffer)
                textCapacity = max(bytes.count, textCapacity * 2)
                textBuffer = .allocate(capacity: textCapacity)
                textUsed = 0
            }
            let start = textBuffer + textUsed
            if let base = bytes.baseAddress { start.update(from: base, count: bytes.count) }
            return bytes.count
        }
        let pointer = UnsafeRawPointer(textBuffer + textUsed).assumingMemoryBound(to: CChar.self)
        sqlite3_bind_text(handle, index, pointer, Int32(count), kbm_sqlite_static())
        textUsed += count
    }

    public func bind(_ index: Int32, _ text: String?) {
        if let text { bind(index, text) } else { bindNull(index) }
    }

    public func bind(_ index: Int32, _ n: Int) { sqlite3_bind_int64(handle, index, Int64(n)) }

    public func bind(_ index: Int32, _ n: Int?) {
        if let n { bind(index, n) } else { bindNull(index) }
    }

    public func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

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
        try runBound()
    }

    /// For a query with one text parameter: the first column of its first row as an integer, nil without a row.
    public func firstInteger(for text: String) throws(SQLiteError) -> Int? {
        reset()
        bind(1, text)
        guard try step() else { return nil }
        let value = int(0)
        reset()
        return value
    }

    /// Runs a statement that returns no rows with the values bound since `reset()`.
    public func runBound() throws(SQLiteError) {
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
