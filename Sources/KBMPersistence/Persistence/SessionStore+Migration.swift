// Bringing a session file of an older schema up to the current one, in one transaction, before it is read.

extension SessionStore {
    /// Step N takes a file from version N to N + 1. Steps are never edited once released; a change is a new step.
    static let migrations: [Int: String] = [
        // 2: the `bericht` view (one row per Auftrag, as `report` prints it), an index for "where is Tn X booked?",
        // and one booking per Auftrag and Tn enforced, so a booking can be written as one row.
        1: """
        CREATE INDEX teilnahme_tn ON teilnahme(tn);
        CREATE UNIQUE INDEX teilnahme_auftrag_tn ON teilnahme(auftrag, tn);
        \(berichtView);
        """,
        // 3: every command writes as few pages as it can, so each acknowledged command costs little to commit.
        // A person is stored under the number of its Tn-Nr (T17 → 17), which is its order of creation, so no index
        // on the Tn-Nr is kept up to date; a booking lives in one b-tree keyed by (Auftrag, Tn), where `pos` keeps
        // the booking order within its Auftrag. The next Tn-Nr is no longer written with each new person: opening
        // takes the highest stored number into account. Legacy renaming leaves the views' references by name alone.
        2: """
        PRAGMA legacy_alter_table=ON;
        DROP VIEW teilnahmen;
        CREATE TABLE person_neu (id INTEGER PRIMARY KEY, nummer TEXT NOT NULL, vorname TEXT NOT NULL, nachname TEXT NOT NULL,
            geboren TEXT NOT NULL, az TEXT, strasse TEXT, plz TEXT, ort TEXT,
            zulassung_verfahren TEXT, zulassung_kursart TEXT, zulassung_abschnitt INTEGER, zulassung_datum TEXT);
        INSERT INTO person_neu SELECT CAST(substr(nummer, 2) AS INTEGER), nummer, vorname, nachname, geboren, az, strasse, plz,
            ort, zulassung_verfahren, zulassung_kursart, zulassung_abschnitt, zulassung_datum FROM person ORDER BY id;
        DROP TABLE person;
        ALTER TABLE person_neu RENAME TO person;
        CREATE TABLE teilnahme_neu (auftrag TEXT NOT NULL, tn TEXT NOT NULL, pos INTEGER NOT NULL, status TEXT NOT NULL,
            kostentraeger TEXT NOT NULL, eintrittsabschnitt INTEGER, anmelden INTEGER NOT NULL, war_aktiv INTEGER NOT NULL,
            PRIMARY KEY (auftrag, tn)) WITHOUT ROWID;
        INSERT INTO teilnahme_neu SELECT auftrag, tn, id, status, kostentraeger, eintrittsabschnitt, anmelden, war_aktiv
            FROM teilnahme;
        DROP TABLE teilnahme;
        ALTER TABLE teilnahme_neu RENAME TO teilnahme;
        CREATE VIEW teilnahmen AS SELECT t.auftrag, t.tn, p.nachname, p.vorname, t.status, t.kostentraeger,
            t.eintrittsabschnitt, t.anmelden AS a_kennzeichen
            FROM teilnahme t LEFT JOIN auftrag a ON a.nummer = t.auftrag
            LEFT JOIN person p ON p.id = CAST(substr(t.tn, 2) AS INTEGER) AND p.nummer = t.tn
            ORDER BY a.id, t.pos;
        PRAGMA legacy_alter_table=OFF;
        """,
        // 4: a log line names its source by number. A script's path (often long and absolute) was stored again
        // on each of its lines, a third of the log's bytes; the view `befehle` shows the same columns as before.
        3: """
        CREATE TABLE quelle (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        INSERT INTO quelle(name) SELECT quelle FROM befehl GROUP BY quelle ORDER BY min(id);
        CREATE TABLE befehl_neu (id INTEGER PRIMARY KEY, zeit TEXT NOT NULL, quelle INTEGER NOT NULL,
            zeile TEXT NOT NULL, ergebnis TEXT NOT NULL);
        INSERT INTO befehl_neu SELECT b.id, b.zeit, q.id, b.zeile, b.ergebnis FROM befehl b JOIN quelle q ON q.name = b.quelle
            ORDER BY b.id;
        DROP VIEW befehle;
        DROP TABLE befehl;
        ALTER TABLE befehl_neu RENAME TO befehl;
        CREATE VIEW befehle AS SELECT b.id AS nr, b.zeit, q.name AS quelle, b.zeile, b.ergebnis
            FROM befehl b JOIN quelle q ON q.id = b.quelle ORDER BY b.id;
        """,
        // 5: a failed command keeps what it failed with, so an exported or recorded replay checks for that failure.
        4: """
        ALTER TABLE befehl ADD COLUMN fehler TEXT;
        DROP VIEW befehle;
        CREATE VIEW befehle AS SELECT b.id AS nr, b.zeit, q.name AS quelle, b.zeile, b.ergebnis, b.fehler
            FROM befehl b JOIN quelle q ON q.id = b.quelle ORDER BY b.id;
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
        } catch {
            try? db.execute("ROLLBACK")
            throw .migrationFailed(path: path, from: version, to: Self.schemaVersion, message: error.message, code: error.code)
        }
        // Judged as migrated, before the commit: a refused file stays as it was.
        do throws(StoreError) {
            try checkSchema()
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
        do { try db.execute("COMMIT") } catch {
            try? db.execute("ROLLBACK")
            throw .migrationFailed(path: path, from: version, to: Self.schemaVersion, message: error.message, code: error.code)
        }
    }
}
