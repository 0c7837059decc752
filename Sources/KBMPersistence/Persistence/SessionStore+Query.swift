// Read-only SQL for reports: one query, nothing that writes, within limits; rows as SQLite gives them.

import CSQLite
import KBMLanguage
import KBMModel

extension SessionStore {
    /// Runs a single read-only query and returns its rows; anything else is refused unexecuted.
    package func query(_ sql: String, limits: QueryGuard.Limits = QueryGuard.Limits()) throws(StoreError) -> QueryRows {
        // The log lines of the unit so far belong in `befehle`; should they not go in, the unit's end reports it.
        try? flushLog()
        let guardian = QueryGuard(db.handle, limits: limits)
        defer { guardian.remove() }
        var handle: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let rc = sql.withCString { sqlite3_prepare_v2(db.handle, $0, -1, &handle, &tail) }
        guard rc == SQLITE_OK, let handle else {
            throw .queryRefused(refusal(rc, stop: guardian.stop, limits: limits))
        }
        defer { sqlite3_finalize(handle) }
        let rest = tail.map { String(cString: $0) } ?? ""
        guard rest.allSatisfy({ $0.isWhitespace || $0 == ";" }) else { throw .queryRefused(.moreThanOne) }
        let first = Keyword.normalize(String(sql.trimmingBlanks.prefix { $0.isLetter }))
        guard sqlite3_stmt_readonly(handle) != 0, first == "select" || first == "with" else {
            throw .queryRefused(.notReadOnly)
        }
        let count = sqlite3_column_count(handle)
        var result = QueryRows(columns: (0..<count).map { String(cString: sqlite3_column_name(handle, $0)) })
        var bytes = 0
        while true {
            let step = sqlite3_step(handle)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw .queryRefused(refusal(step, stop: guardian.stop, limits: limits)) }
            // Rows are kept until they are printed: an endless query must end here, not in the memory limit.
            guard result.rows.count < limits.rows else { throw .queryRefused(.tooManyRows(limit: limits.rows)) }
            result.rows.append((0..<count).map { column in
                bytes += Int(sqlite3_column_bytes(handle, column))
                switch sqlite3_column_type(handle, column) {
                case SQLITE_NULL: return nil
                case SQLITE_INTEGER: return .int(Int(sqlite3_column_int64(handle, column)))
                default: return sqlite3_column_text(handle, column).map { .text(String(cString: $0)) }
                }
            })
            guard bytes <= limits.memoryBytes else { throw .queryRefused(.tooMuchMemory(megabytes: limits.memoryBytes >> 20)) }
        }
        return result
    }

    /// Why a prepare or step failed: the guard's reason if it stopped the query, else SQLite's.
    private func refusal(_ rc: Int32, stop: QueryGuard.Stop?, limits: QueryGuard.Limits) -> StoreError.QueryRefusal {
        switch stop {
        case .function(let name)?: return .forbiddenFunction(name: name)
        // Table-valued functions (json_each, pragma_table_info, dbstat …) first ask to write the schema.
        case .action?: return .outsideSession
        case .interrupted?: return .interrupted
        case .steps?: return .tooLong(steps: limits.steps ?? 0)
        case .memory?: return .tooMuchMemory(megabytes: limits.memoryBytes >> 20)
        case nil where rc & 0xff == SQLITE_TOOBIG: return .valueTooLong(megabytes: Int(limits.valueBytes) >> 20)
        case nil: return .sqlite(message: db.lastMessage, code: rc)
        }
    }

    /// A private in-memory copy of a session, for queries on a session that has no file.
    package static func snapshot(of session: Session) throws(StoreError) -> SessionStore {
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
