// Bringing a session file of an older schema up to the current one, in one transaction, before it is read.

extension SessionStore {
    /// Step N takes a file from version N to N + 1. Steps are never edited once released; a change is a new step.
    static let migrations: [Int: String] = [
        // 2: the `bericht` view (one row per Auftrag, as `report` prints it), an index for "where is Tn X booked?",
        // and one booking per Auftrag and Tn enforced, so a booking can be written as one row.
        1: """
        CREATE INDEX teilnahme_tn ON teilnahme(tn);
        CREATE UNIQUE INDEX teilnahme_auftrag_tn ON teilnahme(auftrag, tn);
        CREATE VIEW bericht AS SELECT a.nummer AS auftrag, a.typ, a.kursart, a.kursbeginn,
            (SELECT count(*) FROM teilnahme t WHERE t.auftrag = a.nummer AND t.status IN ('wartet', 'aktiv')) AS gesamt_tn,
            (SELECT count(*) FROM teilnahme t WHERE t.auftrag = a.nummer AND t.status IN ('wartet', 'aktiv') AND t.anmelden)
                AS uebermittelte_tn,
            a.plan_status AS kursplanung,
            CASE WHEN a.kursnummer IS NULL THEN 'nicht gemeldet' ELSE 'gemeldet' END AS kursbeginnmeldung,
            a.kursnummer,
            (SELECT count(*) FROM anmeldung m WHERE m.auftrag = a.nummer AND m.typ = 'Kursbeginnmeldung'
                AND m.ergebnis = 'abgelehnt') AS abgelehnte_meldungen
            FROM auftrag a ORDER BY a.id;
        """,
    ]

    /// Runs every step from the file's version to the current one; all or nothing.
    func migrate() throws(StoreError) {
        let version: Int
        do { version = try db.scalar("PRAGMA user_version") } catch { throw Self.classify(error, path: path) }
        guard version < Self.schemaVersion else { return }
        guard version >= 1 else { throw .corrupt(path: path, detail: "Schemaversion \(version) unbekannt") }
        try run("BEGIN IMMEDIATE")
        do throws(SQLiteError) {
            for step in version..<Self.schemaVersion {
                guard let sql = Self.migrations[step] else { throw SQLiteError(code: 0, message: "Schritt \(step) fehlt") }
                try db.execute(sql)
            }
            try db.execute("PRAGMA user_version=\(Self.schemaVersion)")
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw .writeFailed(detail: "Aktualisierung von Schema \(version) auf \(Self.schemaVersion): \(error.message)")
        }
    }
}
