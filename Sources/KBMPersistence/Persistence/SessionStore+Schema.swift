// The session file's tables, its German reporting views, and its version; a file holds nothing else.

extension SessionStore {
    /// The schema of version `schemaVersion`, as sqlite_master holds it in a file made by version 1 and brought up to
    /// date by every migration step, character for character (a table a step rebuilt keeps its quoted name): a new
    /// file gets exactly that, so new and migrated files are alike. A schema change is a new migration step and
    /// its result written here; a test runs version 1 and every step and compares.
    static let schema = """
    CREATE TABLE einstellung (schluessel TEXT PRIMARY KEY, wert TEXT NOT NULL);
    CREATE TABLE kursort (id INTEGER PRIMARY KEY, kennung TEXT NOT NULL UNIQUE, name TEXT);
    CREATE TABLE auftrag (
        id INTEGER PRIMARY KEY, nummer TEXT NOT NULL UNIQUE, typ TEXT NOT NULL, titel TEXT,
        hat_kursdaten INTEGER NOT NULL DEFAULT 0, kursart TEXT, beginnabschnitt INTEGER, kursbeginn TEXT, kursort TEXT,
        ue_woche INTEGER, tage TEXT, hoechst_tn INTEGER, lehrwerk TEXT,
        plan_status TEXT NOT NULL DEFAULT 'nicht gemeldet', plan_aktualisierungen INTEGER NOT NULL DEFAULT 0, plan_gesendet TEXT,
        kursnummer TEXT, kbm_gemeldet TEXT);
    CREATE TABLE referenznummer (auftrag TEXT NOT NULL, name TEXT NOT NULL, wert TEXT NOT NULL, PRIMARY KEY (auftrag, name));
    CREATE TABLE unterbrechung (id INTEGER PRIMARY KEY, auftrag TEXT NOT NULL, von TEXT NOT NULL, bis TEXT NOT NULL, grund TEXT);
    CREATE TABLE zustaendigkeit (id INTEGER PRIMARY KEY, auftrag TEXT NOT NULL, kennung TEXT NOT NULL, art TEXT NOT NULL);
    CREATE TABLE plan_teilnehmer (id INTEGER PRIMARY KEY, auftrag TEXT NOT NULL, tn TEXT NOT NULL, az TEXT, geboren TEXT);
    CREATE TABLE lehrkraft (id INTEGER PRIMARY KEY, kennung TEXT NOT NULL UNIQUE, vorname TEXT NOT NULL,
        nachname TEXT NOT NULL, alpha INTEGER NOT NULL);
    CREATE TABLE anmeldung (nummer INTEGER PRIMARY KEY, datum TEXT NOT NULL, auftrag TEXT, typ TEXT NOT NULL,
        anfrage TEXT NOT NULL, antwort TEXT NOT NULL, ergebnis TEXT NOT NULL, meldungen TEXT NOT NULL);
    CREATE TABLE bamf_register (art TEXT NOT NULL, kennung TEXT NOT NULL, PRIMARY KEY (art, kennung));
    CREATE TABLE bamf_teilnehmer (az TEXT PRIMARY KEY, geboren TEXT NOT NULL);
    CREATE TABLE bamf_zulassung (schluessel TEXT PRIMARY KEY, verfahren TEXT NOT NULL);
    CREATE TABLE bamf_plan (schluessel TEXT PRIMARY KEY, aktenzeichen TEXT NOT NULL, storniert INTEGER NOT NULL);
    CREATE TABLE bamf_kursnummer (schluessel TEXT PRIMARY KEY, nummer TEXT NOT NULL);
    CREATE TABLE "person" (id INTEGER PRIMARY KEY, nummer TEXT NOT NULL, vorname TEXT NOT NULL, nachname TEXT NOT NULL,
        geboren TEXT NOT NULL, az TEXT, strasse TEXT, plz TEXT, ort TEXT,
        zulassung_verfahren TEXT, zulassung_kursart TEXT, zulassung_abschnitt INTEGER, zulassung_datum TEXT);
    CREATE TABLE "teilnahme" (auftrag TEXT NOT NULL, tn TEXT NOT NULL, pos INTEGER NOT NULL, status TEXT NOT NULL,
        kostentraeger TEXT NOT NULL, eintrittsabschnitt INTEGER, anmelden INTEGER NOT NULL, war_aktiv INTEGER NOT NULL,
        PRIMARY KEY (auftrag, tn)) WITHOUT ROWID;
    CREATE TABLE quelle (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE "befehl" (id INTEGER PRIMARY KEY, zeit TEXT NOT NULL, quelle INTEGER NOT NULL,
        zeile TEXT NOT NULL, ergebnis TEXT NOT NULL, fehler TEXT);
    CREATE INDEX unterbrechung_auftrag ON unterbrechung(auftrag);
    CREATE INDEX zustaendigkeit_auftrag ON zustaendigkeit(auftrag);
    CREATE INDEX plan_teilnehmer_auftrag ON plan_teilnehmer(auftrag);
    CREATE VIEW mandant AS SELECT
        (SELECT wert FROM einstellung WHERE schluessel = 'traegernummer') AS traegernummer,
        (SELECT wert FROM einstellung WHERE schluessel = 'testnummer') AS testnummer,
        (SELECT wert FROM einstellung WHERE schluessel = 'testumgebung') AS testumgebung,
        (SELECT wert FROM einstellung WHERE schluessel = 'nur-validieren') AS nur_validieren,
        (SELECT wert FROM einstellung WHERE schluessel = 'today') AS heute;
    CREATE VIEW kursorte AS SELECT kennung, name FROM kursort ORDER BY id;
    CREATE VIEW auftraege AS SELECT a.nummer, a.typ, a.titel, a.kursart, a.beginnabschnitt, a.kursbeginn, a.kursort,
        (SELECT count(*) FROM teilnahme t WHERE t.auftrag = a.nummer AND t.status IN ('wartet', 'aktiv')) AS gesamt_tn,
        (SELECT count(*) FROM teilnahme t WHERE t.auftrag = a.nummer AND t.status IN ('wartet', 'aktiv') AND t.anmelden) AS uebermittelte_tn,
        a.plan_status AS kursplanung, a.kursnummer
        FROM auftrag a ORDER BY a.id;
    CREATE VIEW lehrkraefte AS SELECT kennung, vorname, nachname, alpha FROM lehrkraft ORDER BY id;
    CREATE VIEW zustaendigkeiten AS SELECT auftrag, kennung, art FROM zustaendigkeit ORDER BY id;
    CREATE VIEW teilnehmer AS SELECT nummer AS tn, vorname, nachname, geboren, az, strasse, plz, ort,
        zulassung_verfahren AS zulassung, zulassung_datum FROM person ORDER BY id;
    CREATE VIEW anmeldungen AS SELECT nummer AS nr, datum, auftrag, typ, ergebnis, meldungen, anfrage, antwort
        FROM anmeldung ORDER BY nummer;
    \(berichtView);
    CREATE VIEW teilnahmen AS SELECT t.auftrag, t.tn, p.nachname, p.vorname, t.status, t.kostentraeger,
        t.eintrittsabschnitt, t.anmelden AS a_kennzeichen
        FROM teilnahme t LEFT JOIN auftrag a ON a.nummer = t.auftrag
        LEFT JOIN person p ON p.id = CAST(substr(t.tn, 2) AS INTEGER) AND p.nummer = t.tn
        ORDER BY a.id, t.pos;
    CREATE VIEW befehle AS SELECT b.id AS nr, b.zeit, q.name AS quelle, b.zeile, b.ergebnis, b.fehler
        FROM befehl b JOIN quelle q ON q.id = b.quelle ORDER BY b.id;
    """

    /// The view `report` reads, as step 1 of the migrations created it; a step that changes it gives step 1 a copy.
    static let berichtView = """
    CREATE VIEW bericht AS SELECT a.nummer AS auftrag, a.typ, a.kursart, a.kursbeginn,
        (SELECT count(*) FROM teilnahme t WHERE t.auftrag = a.nummer AND t.status IN ('wartet', 'aktiv')) AS gesamt_tn,
        (SELECT count(*) FROM teilnahme t WHERE t.auftrag = a.nummer AND t.status IN ('wartet', 'aktiv') AND t.anmelden)
            AS uebermittelte_tn,
        a.plan_status AS kursplanung,
        CASE WHEN a.kursnummer IS NULL THEN 'nicht gemeldet' ELSE 'gemeldet' END AS kursbeginnmeldung,
        a.kursnummer,
        (SELECT count(*) FROM anmeldung m WHERE m.auftrag = a.nummer AND m.typ = 'Kursbeginnmeldung'
            AND m.ergebnis = 'abgelehnt') AS abgelehnte_meldungen
        FROM auftrag a ORDER BY a.id
    """

    func createSchema() throws(StoreError) {
        // 2 KiB pages instead of 4: each acknowledged command is a commit of its own that writes every page it
        // changed to the WAL (about two), so smaller pages halve what each commit writes and checksums, while
        // reading a large session costs the same number of instructions.
        try run("PRAGMA page_size=2048")
        do { try enter(.wal) } catch { throw Self.writeFailure(error) }
        try run("BEGIN IMMEDIATE")
        do {
            try db.execute(Self.schema)
            try db.execute("PRAGMA application_id=\(Self.applicationID); PRAGMA user_version=\(Self.schemaVersion)")
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw Self.writeFailure(error)
        }
    }

    /// One entry of sqlite_master as kbm compares it: the root page differs from file to file, the rest may not.
    struct SchemaObject: Hashable {
        var type: String
        var name: String
        var table: String
        var sql: String?
    }

    /// sqlite_master of a file kbm creates (and of every file it migrated), made once in memory.
    static let expectedSchema: Set<SchemaObject> = {
        guard let db = try? Database(path: ":memory:", create: true), (try? db.execute(schema)) != nil,
              let objects = try? schemaObjects(db) else { return [] }
        return objects
    }()

    private static func schemaObjects(_ db: Database) throws(SQLiteError) -> Set<SchemaObject> {
        let statement = try db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master")
        var objects: Set<SchemaObject> = []
        while try statement.step() {
            objects.insert(SchemaObject(type: statement.text(0) ?? "", name: statement.text(1) ?? "",
                                        table: statement.text(2) ?? "", sql: statement.text(3)))
        }
        return objects
    }

    /// FNV-1a over the objects in a fixed order.
    static func digest(_ objects: Set<SchemaObject>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for object in objects.sorted(by: { ($0.type, $0.name) < ($1.type, $1.name) }) {
            for byte in [object.type, object.name, object.table, object.sql ?? "NULL"].joined(separator: "\u{0}").utf8 + [0x0A] {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
            }
        }
        return hash
    }

    /// `digest(expectedSchema)`, written down so that opening needs no schema made in memory; a test keeps it current.
    static let schemaDigest: UInt64 = 0x2169_0C91_4951_10B4

    /// Refuses a file whose schema holds anything kbm did not create: a trigger planted in it would run on kbm's
    /// own writes, a changed view would show other rows. ANALYZE's statistics are only numbers and may stay.
    /// Costs a read of sqlite_master, whatever the number of rows.
    func checkSchema() throws(StoreError) {
        var found: Set<SchemaObject>
        do { found = try Self.schemaObjects(db) } catch { throw Self.classify(error, path: path) }
        found = found.filter { !["sqlite_stat1", "sqlite_stat4"].contains($0.table) }
        // Making the expected schema in memory costs SQLite milliseconds (each statement reloads the schema); a file
        // as kbm made it is known by its digest. A stale digest only sends every file the long way.
        if Self.digest(found) == Self.schemaDigest { return }
        let expected = Self.expectedSchema
        if let foreign = found.filter({ !expected.contains($0) })
            .min(by: { ($0.type, $0.name) < ($1.type, $1.name) }) {
            throw .foreignSchema(path: path, type: foreign.type, name: foreign.name)
        }
        if let missing = expected.subtracting(found).map(\.name).min() {
            throw .corrupt(path: path, detail: "„\(missing)“ fehlt im Schema")
        }
    }
}
