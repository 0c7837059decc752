// A session's schema holds what kbm created and nothing else: planted triggers, views and tables are refused.

import XCTest
@testable import KBMCore
@testable import KBMPersistence

final class SessionSchemaTests: XCTestCase {
    var directory = ""

    override func setUp() {
        directory = NSTemporaryDirectory() + "kbm-schema-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func objects(_ path: String) throws -> Set<SessionStore.SchemaObject> {
        let db = try Database(path: path, create: false)
        let statement = try db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master")
        var found: Set<SessionStore.SchemaObject> = []
        while try statement.step() {
            found.insert(.init(type: statement.text(0)!, name: statement.text(1)!, table: statement.text(2)!, sql: statement.text(3)))
        }
        return found
    }

    func testANewFileHoldsExactlyTheExpectedSchema() throws {
        let path = directory + "/neu.db"
        _ = try SessionStore.open(path: path, today: Clock.today())
        XCTAssertTrue(SessionStore.expectedSchema.contains { $0.type == "view" && $0.name == "befehle" })
        XCTAssertEqual(try objects(path), SessionStore.expectedSchema)
        // Every page of a new file is in use, so damage to any of them is found.
        XCTAssertEqual(try Database(path: path, create: false).scalar("PRAGMA freelist_count"), 0)
    }

    func testTheWrittenDownDigestIsTheExpectedSchemas() {
        XCTAssertEqual(SessionStore.schemaDigest, SessionStore.digest(SessionStore.expectedSchema),
                       "Schema geändert: SessionStore.schemaDigest auf 0x\(String(SessionStore.digest(SessionStore.expectedSchema), radix: 16)) setzen")
    }

    func testAPlantedTriggerIsRefusedAndNeverRuns() throws {
        let path = directory + "/t.db"
        _ = try SessionStore.open(path: path, today: Clock.today())
        try Database(path: path, create: false).execute(
            "CREATE TRIGGER t AFTER INSERT ON auftrag BEGIN INSERT INTO einstellung VALUES('traegernummer', 'X'); END")
        XCTAssertThrowsError(try SessionStore.open(path: path, today: Clock.today())) {
            XCTAssertEqual($0 as? StoreError, .foreignSchema(path: path, type: "trigger", name: "t"))
        }
    }

    func testAChangedViewAndAnExtraTableAreRefused() throws {
        let view = directory + "/v.db"
        _ = try SessionStore.open(path: view, today: Clock.today())
        try Database(path: view, create: false).execute("DROP VIEW teilnehmer; CREATE VIEW teilnehmer AS SELECT 1 AS tn")
        XCTAssertThrowsError(try SessionStore.open(path: view, today: Clock.today())) {
            XCTAssertEqual($0 as? StoreError, .foreignSchema(path: view, type: "view", name: "teilnehmer"))
        }
        let table = directory + "/x.db"
        _ = try SessionStore.open(path: table, today: Clock.today())
        try Database(path: table, create: false).execute("CREATE TABLE extra (x)")
        XCTAssertThrowsError(try SessionStore.open(path: table, today: Clock.today())) {
            XCTAssertEqual($0 as? StoreError, .foreignSchema(path: table, type: "table", name: "extra"))
        }
    }

    /// An older file is judged as migrated, inside the migration's transaction: refused, it stays at its version.
    func testATriggerInAnOlderFileIsRefusedAndTheFileStaysUnmigrated() throws {
        let path = directory + "/alt.db"
        let db = try Database(path: path, create: true)
        try db.execute(MigrationTests.version1Schema + """
            PRAGMA application_id=\(SessionStore.applicationID); PRAGMA user_version=1;
            CREATE TRIGGER t AFTER UPDATE ON auftrag BEGIN DELETE FROM person; END;
            """)
        let before = try objects(path)
        XCTAssertThrowsError(try SessionStore.open(path: path, today: Clock.today())) {
            XCTAssertEqual($0 as? StoreError, .foreignSchema(path: path, type: "trigger", name: "t"))
        }
        XCTAssertEqual(try db.scalar("PRAGMA user_version"), 1)
        XCTAssertEqual(try objects(path), before)
    }

    func testStatisticsOfAnalyzeAreKept() throws {
        let path = directory + "/a.db"
        _ = try SessionStore.open(path: path, today: Clock.today())
        try Database(path: path, create: false).execute("ANALYZE")
        XCTAssertNoThrow(try SessionStore.open(path: path, today: Clock.today()))
    }
}
