// Read-only SQL for reports: one query, nothing that writes.

import CSQLite

extension SessionStore {
    /// Runs a single read-only query and returns its rows as a table; anything else is refused unexecuted.
    public func query(_ sql: String) throws(ShellError) -> Table {
        // The log lines of the unit so far belong in `befehle`; should they not go in, the unit's end reports it.
        try? insertPendingLog()
        var handle: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let rc = sql.withCString { sqlite3_prepare_v2(db.handle, $0, -1, &handle, &tail) }
        guard rc == SQLITE_OK, let handle else {
            throw .queryRefused(reason: db.lastMessage)
        }
        defer { sqlite3_finalize(handle) }
        let rest = tail.map { String(cString: $0) } ?? ""
        guard rest.allSatisfy({ $0.isWhitespace || $0 == ";" }) else { throw .queryRefused(reason: "nur eine Abfrage auf einmal") }
        let first = Keyword.normalize(String(sql.trimmingBlanks.prefix { $0.isLetter }))
        guard sqlite3_stmt_readonly(handle) != 0, first == "select" || first == "with" else {
            throw .queryRefused(reason: "nur lesende Abfragen (SELECT) sind erlaubt")
        }
        let count = sqlite3_column_count(handle)
        let names = (0..<count).map { String(cString: sqlite3_column_name(handle, $0)) }
        var table = Table(headers: names, keys: names)
        while true {
            let step = sqlite3_step(handle)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw .queryRefused(reason: db.lastMessage) }
            table.rows.append((0..<count).map { column in
                switch sqlite3_column_type(handle, column) {
                case SQLITE_NULL: return .empty
                case SQLITE_INTEGER: return .number(Int(sqlite3_column_int64(handle, column)))
                default: return sqlite3_column_text(handle, column).map { .text(String(cString: $0)) } ?? .empty
                }
            })
        }
        return table
    }

    /// A private in-memory copy of a session, for queries on a session that has no file.
    static func snapshot(of session: Session) throws(StoreError) -> SessionStore {
        let db: Database
        do { db = try Database(path: ":memory:", create: true) } catch { throw .writeFailed(detail: error.message) }
        let store = SessionStore(path: ":memory:", db: db, lock: nil)
        try store.createSchema()
        try store.beginUnit()
        try store.writeAll(session)
        try store.endUnit()
        return store
    }
}
