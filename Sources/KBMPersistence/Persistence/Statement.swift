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
    /// The literal (`:nummer`) last bound to each parameter, by index - 1: each name is looked up in SQLite once.
    private let parameterNames: UnsafeMutablePointer<UnsafeRawPointer?>
    /// The parameter the next name is expected for: SQLite numbers named parameters in the order they first appear
    /// in the SQL, and the write path binds them in that order.
    private var nextParameter = 0

    init(handle: OpaquePointer, database: Database) {
        self.handle = handle
        self.database = database
        parameterCount = Int(sqlite3_bind_parameter_count(handle))
        textBuffer = .allocate(capacity: textCapacity)
        parameterNames = .allocate(capacity: parameterCount)
        parameterNames.initialize(repeating: nil, count: parameterCount)
    }

    deinit {
        sqlite3_finalize(handle)
        textBuffer.deallocate()
        parameterNames.deallocate()
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
        nextParameter = 0
        if !retiredBuffers.isEmpty {
            for buffer in retiredBuffers { buffer.deallocate() }
            retiredBuffers.removeAll(keepingCapacity: true)
        }
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

    /// Binds a named parameter of the statement's SQL (`:nummer`); nil binds NULL. Names are written in the source
    /// (static strings), so a name is found again by its address.
    public func bind(_ name: StaticString, _ text: String?) { bind(index(of: name), text) }

    public func bind(_ name: StaticString, _ n: Int?) { bind(index(of: name), n) }

    /// Stored as 1 or 0.
    public func bind(_ name: StaticString, _ flag: Bool) { bind(index(of: name), flag ? 1 : 0) }

    private func index(of name: StaticString) -> Int32 {
        let expected = nextParameter
        if expected < parameterCount && parameterNames[expected] == UnsafeRawPointer(name.utf8Start) {
            nextParameter = expected + 1
            return Int32(expected + 1)
        }
        return lookUp(name)
    }

    @inline(never)
    private func lookUp(_ name: StaticString) -> Int32 {
        let key = UnsafeRawPointer(name.utf8Start)
        var index = (0..<parameterCount).first { parameterNames[$0] == key }.map { Int32($0 + 1) } ?? 0
        if index == 0 {
            // A literal's bytes end with a zero byte.
            index = sqlite3_bind_parameter_index(handle, key.assumingMemoryBound(to: CChar.self))
            precondition(index > 0, "Parameter \(name) fehlt in der Anweisung")
            parameterNames[Int(index) - 1] = key
        }
        nextParameter = Int(index)
        return index
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

public enum SQLValue: Equatable, Sendable {
    case int(Int)
    case text(String)
}
