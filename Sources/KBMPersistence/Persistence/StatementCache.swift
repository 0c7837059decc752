// Prepared statements found again by their SQL: a literal by its address, without hashing its text.

final class StatementCache {
    /// Open addressing over the literals' addresses: each command looks up two or three statements, and a
    /// dictionary's hashing cost more than binding a value. Room for more literals than the store has.
    private static let slots = 128
    private let keys: UnsafeMutablePointer<UInt>
    private let values: UnsafeMutablePointer<Statement?>
    private var used = 0
    /// Statements put together at run time (table names), and literals beyond the slots.
    private var byText: [String: Statement] = [:]

    init() {
        keys = .allocate(capacity: Self.slots)
        keys.initialize(repeating: 0, count: Self.slots)
        values = .allocate(capacity: Self.slots)
        values.initialize(repeating: nil, count: Self.slots)
    }

    deinit {
        values.deinitialize(count: Self.slots)
        values.deallocate()
        keys.deallocate()
    }

    /// The statement for a literal, prepared by `prepare` the first time.
    func statement(_ sql: StaticString, prepare: (String) throws(StoreError) -> Statement) throws(StoreError) -> Statement {
        let key = UInt(bitPattern: sql.utf8Start)
        var slot = Int(truncatingIfNeeded: key >> 3) & (Self.slots - 1)
        while keys[slot] != 0 {
            if keys[slot] == key { return values[slot].unsafelyUnwrapped }
            slot = (slot + 1) & (Self.slots - 1)
        }
        let made = try statement(built: sql.description, prepare: prepare)
        // Kept at least a quarter free, so that a search ends soon at an empty slot.
        if used < Self.slots * 3 / 4 {
            keys[slot] = key
            values[slot] = made
            used += 1
        }
        return made
    }

    /// The statement for SQL put together at run time, prepared by `prepare` the first time.
    func statement(built sql: String, prepare: (String) throws(StoreError) -> Statement) throws(StoreError) -> Statement {
        if let known = byText[sql] { return known }
        let made = try prepare(sql)
        byText[sql] = made
        return made
    }
}
