// The command log in the session file: each line with its time, source and result, many lines to a statement.

import CSQLite

final class CommandLogWriter {
    private let db: Database
    private var pending: [LoggedCommand] = []
    /// The numbers of the log's sources in the table `quelle` that this writer has used; forgotten with a unit
    /// that is not committed, which may have added them.
    private var quellen: [String: Int] = [:]
    private var single: Statement?
    private var batch: Statement?
    private var uniformBatch: Statement?
    private var addQuelle: Statement?
    private var findQuelle: Statement?

    init(db: Database) {
        self.db = db
    }

    /// Lines inserted by one statement within a unit: a script of 100,000 lines spends less on its log.
    static let batchSize = 64
    private static let insert = "INSERT INTO befehl(zeit, quelle, zeile, ergebnis, fehler) VALUES"

    /// Keeps a line. Outside a unit it is inserted at once; within one, when a batch is full or at `flush()`.
    /// Either way it is in the file with the unit, and in the table before anything reads it.
    func append(_ entry: LoggedCommand, inUnit: Bool) throws(StoreError) {
        pending.append(entry)
        if pending.count >= Self.batchSize || !inUnit { try flush() }
    }

    /// The pending lines into the table; kept pending if that fails, so the unit's end fails too.
    func flush() throws(StoreError) {
        var start = 0
        while start < pending.count {
            let rows = pending.count - start >= Self.batchSize ? Self.batchSize : 1
            let lines = pending[start..<start + rows]
            do throws(SQLiteError) {
                if rows == 1 {
                    try insert(lines.first!)
                } else if let first = lines.first,
                          lines.allSatisfy({ $0.zeit == first.zeit && $0.quelle == first.quelle && $0.ergebnis == "ok" }) {
                    try insertUniform(lines)
                } else {
                    try insertBatch(lines)
                }
            } catch {
                throw SessionStore.writeFailure(error)
            }
            start += rows
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// A unit rolled back or not committed: its lines and the sources it may have added are gone.
    func discard() {
        pending.removeAll()
        quellen.removeAll()
    }

    private func insert(_ line: LoggedCommand) throws(SQLiteError) {
        let statement = try prepared(&single, Self.insert + "(:zeit, :quelle, :zeile, :ergebnis, :fehler)")
        statement.reset()
        statement.bind(":zeit", line.zeit)
        statement.bind(":quelle", try number(ofQuelle: line.quelle))
        statement.bind(":zeile", line.zeile)
        statement.bind(":ergebnis", line.ergebnis)
        statement.bind(":fehler", line.fehler)
        try statement.runBound()
    }

    /// The usual batch of a script: every line from the same file within the same second, and all of them ok.
    /// Time and file are bound once (?1, ?2), not 64 times; line i is ?(i + 3).
    private func insertUniform(_ lines: ArraySlice<LoggedCommand>) throws(SQLiteError) {
        let statement = try prepared(&uniformBatch, Self.insert
            + (0..<Self.batchSize).map { "(?1, ?2, ?\($0 + 3), 'ok', NULL)" }.joined(separator: ", "))
        statement.reset()
        statement.bind(1, lines.first!.zeit)
        statement.bind(2, try number(ofQuelle: lines.first!.quelle))
        for (i, line) in lines.enumerated() { statement.bind(Int32(i + 3), line.zeile) }
        try statement.runBound()
    }

    /// Any other batch: line i fills ?(5i + 1) to ?(5i + 5).
    private func insertBatch(_ lines: ArraySlice<LoggedCommand>) throws(SQLiteError) {
        let statement = try prepared(&batch, Self.insert
            + (0..<Self.batchSize).map { i in "(" + (1...5).map { "?\(5 * i + $0)" }.joined(separator: ", ") + ")" }
                .joined(separator: ", "))
        statement.reset()
        for (i, line) in lines.enumerated() {
            let first = Int32(5 * i + 1)
            statement.bind(first, line.zeit)
            statement.bind(first + 1, try number(ofQuelle: line.quelle))
            statement.bind(first + 2, line.zeile)
            statement.bind(first + 3, line.ergebnis)
            statement.bind(first + 4, line.fehler)
        }
        try statement.runBound()
    }

    /// The number of a log source, added to `quelle` the first time it is used.
    private func number(ofQuelle name: String) throws(SQLiteError) -> Int {
        if let known = quellen[name] { return known }
        let add = try prepared(&addQuelle, "INSERT INTO quelle(name) VALUES(:name) ON CONFLICT(name) DO NOTHING")
        add.reset()
        add.bind(":name", name)
        try add.runBound()
        let find = try prepared(&findQuelle, "SELECT id FROM quelle WHERE name = ?1")
        guard let id = try find.firstInteger(for: name) else {
            throw SQLiteError(code: SQLITE_CORRUPT, message: "Quelle \(name) fehlt")
        }
        quellen[name] = id
        return id
    }

    private func prepared(_ statement: inout Statement?, _ sql: @autoclosure () -> String) throws(SQLiteError) -> Statement {
        if let statement { return statement }
        let made = try db.prepare(sql())
        statement = made
        return made
    }

    /// The logged lines, oldest first; with `last`, only that many of the newest.
    func read(last: Int?) throws(SQLiteError) -> [LoggedCommand] {
        var entries: [LoggedCommand] = []
        let statement = try db.prepare(last == nil
            ? "SELECT zeit, quelle, zeile, ergebnis, fehler FROM befehle"
            : "SELECT zeit, quelle, zeile, ergebnis, fehler FROM (SELECT * FROM befehle ORDER BY nr DESC LIMIT \(last!)) ORDER BY nr")
        while try statement.step() {
            entries.append(LoggedCommand(zeit: statement.text(0) ?? "", quelle: statement.text(1) ?? "",
                                         zeile: statement.text(2) ?? "", ergebnis: statement.text(3) ?? "",
                                         fehler: statement.text(4)))
        }
        return entries
    }
}
