// Upgrading session files written by an older schema: one test per migration step.

import XCTest
@testable import KBMCore
@testable import KBMModel
@testable import KBMPersistence
@testable import KBMRender

final class MigrationTests: XCTestCase {
    var directory = ""

    override func setUp() {
        directory = NSTemporaryDirectory() + "kbm-migration-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    /// A session file with the standard example, as kbm writes it today.
    func exampleSession(_ path: String) throws -> Session {
        let (store, _) = try SessionStore.open(path: path, today: Clock.today())
        let shell = Shell(session: Session(today: Clock.today()), store: store, sink: BufferSink())
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = try Array(Data(contentsOf: root.appendingPathComponent("scripts/beispiel.kbm")))
        XCTAssertEqual(shell.run(ByteLineSource(name: "beispiel.kbm", directory: ".", bytes: script), asUnit: true),
                       .completed(failures: 0))
        return shell.session
    }

    /// Turns a current file back into version 3: each log line with its source's name.
    func downgradeToVersion3(_ path: String) throws {
        let db = try Database(path: path, create: false)
        try db.execute("""
            BEGIN;
            DROP VIEW befehle;
            CREATE TABLE befehl_alt (id INTEGER PRIMARY KEY, zeit TEXT NOT NULL, quelle TEXT NOT NULL,
                                     zeile TEXT NOT NULL, ergebnis TEXT NOT NULL);
            INSERT INTO befehl_alt SELECT b.id, b.zeit, q.name, b.zeile, b.ergebnis FROM befehl b JOIN quelle q ON q.id = b.quelle;
            DROP TABLE befehl;
            DROP TABLE quelle;
            ALTER TABLE befehl_alt RENAME TO befehl;
            CREATE VIEW befehle AS SELECT id AS nr, zeit, quelle, zeile, ergebnis FROM befehl ORDER BY id;
            PRAGMA user_version=3;
            COMMIT;
            """)
    }

    /// Turns a current file back into version 2: persons under a running id with a unique Tn-Nr, bookings in one
    /// table in booking order with their indexes, and the counter of the next Tn-Nr written as version 2 wrote it.
    func downgradeToVersion2(_ path: String) throws {
        try downgradeToVersion3(path)
        let db = try Database(path: path, create: false)
        try db.execute("""
            BEGIN;
            PRAGMA legacy_alter_table=ON;
            DROP VIEW teilnahmen;
            INSERT OR IGNORE INTO einstellung(schluessel, wert) SELECT 'naechste-tn-nummer', coalesce(max(id), 0) + 1 FROM person;
            CREATE TABLE person_alt (id INTEGER PRIMARY KEY, nummer TEXT NOT NULL UNIQUE, vorname TEXT NOT NULL,
                nachname TEXT NOT NULL, geboren TEXT NOT NULL, az TEXT, strasse TEXT, plz TEXT, ort TEXT,
                zulassung_verfahren TEXT, zulassung_kursart TEXT, zulassung_abschnitt INTEGER, zulassung_datum TEXT);
            INSERT INTO person_alt(nummer, vorname, nachname, geboren, az, strasse, plz, ort, zulassung_verfahren,
                zulassung_kursart, zulassung_abschnitt, zulassung_datum)
                SELECT nummer, vorname, nachname, geboren, az, strasse, plz, ort, zulassung_verfahren,
                zulassung_kursart, zulassung_abschnitt, zulassung_datum FROM person ORDER BY id;
            DROP TABLE person;
            ALTER TABLE person_alt RENAME TO person;
            CREATE TABLE teilnahme_alt (id INTEGER PRIMARY KEY, auftrag TEXT NOT NULL, tn TEXT NOT NULL, status TEXT NOT NULL,
                kostentraeger TEXT NOT NULL, eintrittsabschnitt INTEGER, anmelden INTEGER NOT NULL, war_aktiv INTEGER NOT NULL);
            INSERT INTO teilnahme_alt(auftrag, tn, status, kostentraeger, eintrittsabschnitt, anmelden, war_aktiv)
                SELECT t.auftrag, t.tn, t.status, t.kostentraeger, t.eintrittsabschnitt, t.anmelden, t.war_aktiv
                FROM teilnahme t JOIN auftrag a ON a.nummer = t.auftrag ORDER BY a.id DESC, t.pos;
            DROP TABLE teilnahme;
            ALTER TABLE teilnahme_alt RENAME TO teilnahme;
            CREATE INDEX teilnahme_auftrag ON teilnahme(auftrag);
            CREATE INDEX teilnahme_tn ON teilnahme(tn);
            CREATE UNIQUE INDEX teilnahme_auftrag_tn ON teilnahme(auftrag, tn);
            CREATE VIEW teilnahmen AS SELECT t.auftrag, t.tn, p.nachname, p.vorname, t.status, t.kostentraeger,
                t.eintrittsabschnitt, t.anmelden AS a_kennzeichen
                FROM teilnahme t LEFT JOIN person p ON p.nummer = t.tn ORDER BY t.id;
            PRAGMA user_version=2;
            COMMIT;
            """)
    }

    /// Turns a current file back into version 1: the objects steps 1 and 2 add are removed again.
    func downgradeToVersion1(_ path: String) throws {
        try downgradeToVersion2(path)
        let db = try Database(path: path, create: false)
        try db.execute("DROP VIEW bericht; DROP INDEX teilnahme_tn; DROP INDEX teilnahme_auftrag_tn; PRAGMA user_version=1")
    }

    /// A session whose bookings are not in Tn-Nr order and whose counter is ahead of its highest Tn-Nr.
    func reorderedSession(_ path: String) throws -> Session {
        let (store, _) = try SessionStore.open(path: path, today: Clock.today())
        let shell = Shell(session: Session(today: Clock.today()), store: store, sink: BufferSink())
        let lines = ["set today 02.03.2026", "new auftrag A-1 typ=integrationskurs", "new auftrag A-2 typ=integrationskurs"]
            + ["Eins", "Zwei", "Drei", "Vier", "Fuenf"].map { "add teilnehmer vorname=Anna nachname=\($0) geboren=01.02.1990" }
            + ["book T4 kostentraeger=bamf", "book T2 kostentraeger=bamf", "book T5 kostentraeger=bamf",
               "open auftrag A-1", "book T3 kostentraeger=bamf", "book T1 kostentraeger=bamf", "book T5 kostentraeger=bamf",
               "unbook T3", "book T3 kostentraeger=bamf", "unbook T5", "open auftrag A-2", "unbook T5", "remove teilnehmer T5"]
        let script = Array(lines.joined(separator: "\n").utf8)
        XCTAssertEqual(shell.run(ByteLineSource(name: "umsortiert.kbm", directory: ".", bytes: script), asUnit: true),
                       .completed(failures: 0))
        return shell.session
    }

    func testStep3KeepsEveryLogLineWithItsSource() throws {
        let path = directory + "/alt3.db"
        let session = try reorderedSession(path)
        let (log, view) = try { () throws -> ([LoggedCommand], QueryRows) in
            let (store, _) = try SessionStore.open(path: path, today: Clock.today())
            try store.log(LoggedCommand(zeit: "2026-03-02 11:00:00", quelle: "/pfad/zum/skript.kbm", zeile: "echo x", ergebnis: "fehler"))
            try store.log(LoggedCommand(zeit: "2026-03-02 11:00:01", quelle: "terminal", zeile: "echo y", ergebnis: "ok"))
            return (try store.commandLog(), try store.query("SELECT * FROM befehle"))
        }()
        XCTAssertEqual(Set(log.map(\.quelle)), ["umsortiert.kbm", "/pfad/zum/skript.kbm", "terminal"])
        XCTAssertEqual(log.count, 23)
        try downgradeToVersion3(path)
        XCTAssertEqual(try Database(path: path, create: false).scalar("PRAGMA user_version"), 3)

        let (migrated, after) = try SessionStore.open(path: path, today: Clock.today())
        XCTAssertEqual(after, session)
        XCTAssertEqual(try migrated.commandLog(), log)
        XCTAssertEqual(try migrated.query("SELECT * FROM befehle"), view)
        XCTAssertEqual(try migrated.db.scalar("SELECT count(*) FROM quelle"), 3, "each source once")
        // Lines logged after the migration join the sources already there.
        try migrated.log(LoggedCommand(zeit: "2026-03-02 12:00:00", quelle: "terminal", zeile: "echo z", ergebnis: "ok"))
        XCTAssertEqual(try migrated.commandLog().last, LoggedCommand(zeit: "2026-03-02 12:00:00", quelle: "terminal",
                                                                       zeile: "echo z", ergebnis: "ok"))
        XCTAssertEqual(try migrated.db.scalar("SELECT count(*) FROM quelle"), 3)
    }

    func testStep2KeepsEveryRowTheBookingOrderAndTheNextTnNummer() throws {
        let path = directory + "/alt2.db"
        let before = try reorderedSession(path)
        XCTAssertEqual(before.auftraege["A-1"]?.teilnahmen.keys.elements, ["T1", "T3"])
        XCTAssertEqual(before.auftraege["A-2"]?.teilnahmen.keys.elements, ["T4", "T2"])
        XCTAssertEqual(before.naechsteTeilnehmerNummer, 6)
        try downgradeToVersion2(path)
        XCTAssertEqual(try Database(path: path, create: false).scalar("PRAGMA user_version"), 2)

        let (store, after) = try SessionStore.open(path: path, today: Clock.today())
        XCTAssertEqual(after, before)
        XCTAssertEqual(Dump.script(after), Dump.script(before))
        XCTAssertEqual(try store.db.scalar("PRAGMA user_version"), SessionStore.schemaVersion)
        let rows = try store.query("SELECT auftrag, tn, nachname FROM teilnahmen")
        XCTAssertEqual(rows.rows, [["A-1", "T1", "Eins"], ["A-1", "T3", "Drei"], ["A-2", "T4", "Vier"], ["A-2", "T2", "Zwei"]]
            .map { $0.map(SQLValue.text) })
    }

    func testStep1AddsTheBerichtViewAndKeepsEveryRow() throws {
        let path = directory + "/alt.db"
        let before = try exampleSession(path)
        let dumpBefore = Dump.script(before)
        try downgradeToVersion1(path)
        XCTAssertEqual(try Database(path: path, create: false).scalar("PRAGMA user_version"), 1)

        let (store, after) = try SessionStore.open(path: path, today: Clock.today())
        XCTAssertEqual(after, before)
        XCTAssertEqual(Dump.script(after), dumpBefore, "reopening a migrated session gives the identical state")
        XCTAssertEqual(try store.db.scalar("PRAGMA user_version"), SessionStore.schemaVersion)
        let bericht = try store.query("SELECT auftrag, gesamt_tn, uebermittelte_tn, kursbeginnmeldung FROM bericht")
        XCTAssertEqual(bericht.rows, [[.text("IK-2026-01"), .int(4), .int(3), .text("gemeldet")]])
    }

    /// The schema as version 1 of kbm created it; every file in use started from it.
    static let version1Schema = """
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
    CREATE INDEX unterbrechung_auftrag ON unterbrechung(auftrag);
    CREATE TABLE zustaendigkeit (id INTEGER PRIMARY KEY, auftrag TEXT NOT NULL, kennung TEXT NOT NULL, art TEXT NOT NULL);
    CREATE INDEX zustaendigkeit_auftrag ON zustaendigkeit(auftrag);
    CREATE TABLE teilnahme (id INTEGER PRIMARY KEY, auftrag TEXT NOT NULL, tn TEXT NOT NULL, status TEXT NOT NULL,
        kostentraeger TEXT NOT NULL, eintrittsabschnitt INTEGER, anmelden INTEGER NOT NULL, war_aktiv INTEGER NOT NULL);
    CREATE INDEX teilnahme_auftrag ON teilnahme(auftrag);
    CREATE TABLE plan_teilnehmer (id INTEGER PRIMARY KEY, auftrag TEXT NOT NULL, tn TEXT NOT NULL, az TEXT, geboren TEXT);
    CREATE INDEX plan_teilnehmer_auftrag ON plan_teilnehmer(auftrag);
    CREATE TABLE lehrkraft (id INTEGER PRIMARY KEY, kennung TEXT NOT NULL UNIQUE, vorname TEXT NOT NULL,
        nachname TEXT NOT NULL, alpha INTEGER NOT NULL);
    CREATE TABLE person (id INTEGER PRIMARY KEY, nummer TEXT NOT NULL UNIQUE, vorname TEXT NOT NULL, nachname TEXT NOT NULL,
        geboren TEXT NOT NULL, az TEXT, strasse TEXT, plz TEXT, ort TEXT,
        zulassung_verfahren TEXT, zulassung_kursart TEXT, zulassung_abschnitt INTEGER, zulassung_datum TEXT);
    CREATE TABLE anmeldung (nummer INTEGER PRIMARY KEY, datum TEXT NOT NULL, auftrag TEXT, typ TEXT NOT NULL,
        anfrage TEXT NOT NULL, antwort TEXT NOT NULL, ergebnis TEXT NOT NULL, meldungen TEXT NOT NULL);
    CREATE TABLE bamf_register (art TEXT NOT NULL, kennung TEXT NOT NULL, PRIMARY KEY (art, kennung));
    CREATE TABLE bamf_teilnehmer (az TEXT PRIMARY KEY, geboren TEXT NOT NULL);
    CREATE TABLE bamf_zulassung (schluessel TEXT PRIMARY KEY, verfahren TEXT NOT NULL);
    CREATE TABLE bamf_plan (schluessel TEXT PRIMARY KEY, aktenzeichen TEXT NOT NULL, storniert INTEGER NOT NULL);
    CREATE TABLE bamf_kursnummer (schluessel TEXT PRIMARY KEY, nummer TEXT NOT NULL);
    CREATE TABLE befehl (id INTEGER PRIMARY KEY, zeit TEXT NOT NULL, quelle TEXT NOT NULL,
                         zeile TEXT NOT NULL, ergebnis TEXT NOT NULL);

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
    CREATE VIEW teilnahmen AS SELECT t.auftrag, t.tn, p.nachname, p.vorname, t.status, t.kostentraeger,
        t.eintrittsabschnitt, t.anmelden AS a_kennzeichen
        FROM teilnahme t LEFT JOIN person p ON p.nummer = t.tn ORDER BY t.id;
    CREATE VIEW anmeldungen AS SELECT nummer AS nr, datum, auftrag, typ, ergebnis, meldungen, anfrage, antwort
        FROM anmeldung ORDER BY nummer;
    CREATE VIEW befehle AS SELECT id AS nr, zeit, quelle, zeile, ergebnis FROM befehl ORDER BY id;
    """

    /// The schema written down for new files is what version 1 and every step give, to the character.
    func testVersion1AndEveryStepGiveTheSchemaOfANewFile() throws {
        let path = directory + "/v1.db"
        let db = try Database(path: path, create: true)
        try db.execute(Self.version1Schema + "PRAGMA application_id=\(SessionStore.applicationID); PRAGMA user_version=1")
        _ = try SessionStore.open(path: path, today: Clock.today())
        let statement = try Database(path: path, create: false).prepare("SELECT type, name, tbl_name, sql FROM sqlite_master")
        var migrated: Set<SessionStore.SchemaObject> = []
        while try statement.step() {
            migrated.insert(.init(type: statement.text(0)!, name: statement.text(1)!, table: statement.text(2)!, sql: statement.text(3)))
        }
        XCTAssertEqual(migrated, SessionStore.expectedSchema)
        XCTAssertEqual(SessionStore.digest(migrated), SessionStore.schemaDigest)
    }

    func testAFailedMigrationLeavesTheFileAsItWas() throws {
        let path = directory + "/alt.db"
        _ = try exampleSession(path)
        try downgradeToVersion1(path)
        // Something in the way of step 1: its view name is taken.
        try Database(path: path, create: false).execute("CREATE VIEW bericht AS SELECT 1")
        XCTAssertThrowsError(try SessionStore.open(path: path, today: Clock.today())) { error in
            guard let error = error as? StoreError, case .migrationFailed = error else { return XCTFail("\(error)") }
            // In German throughout: SQLite's English ("view bericht already exists") is translated.
            let message = Wording.message(error)
            XCTAssertTrue(message.contains("nicht von Schema 1 auf \(SessionStore.schemaVersion) aktualisieren"), message)
            XCTAssertTrue(message.contains("die Sicht bericht gibt es schon"), message)
            XCTAssertFalse(message.contains("already"), message)
        }
        XCTAssertEqual(try Database(path: path, create: false).scalar("PRAGMA user_version"), 1)
        XCTAssertEqual(try Database(path: path, create: false).scalar("SELECT count(*) FROM sqlite_master WHERE name = 'teilnahme_tn'"), 0)
    }

    func testNewFilesHaveEveryStepsObjects() throws {
        let path = directory + "/neu.db"
        let (store, _) = try SessionStore.open(path: path, today: Clock.today())
        XCTAssertEqual(try store.db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'bericht'"), 1)
        XCTAssertEqual(try store.db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'teilnahme' AND sql LIKE '%WITHOUT ROWID'"), 1)
        XCTAssertEqual(try store.db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'befehl' AND sql LIKE '%quelle INTEGER%'"), 1)
        XCTAssertEqual(try store.db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('person', 'teilnahme')"), 0,
                       "no index besides the key to keep up to date with each new Tn and booking")
    }
}
