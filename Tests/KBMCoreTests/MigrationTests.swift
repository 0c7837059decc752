// Upgrading session files written by an older schema: one test per migration step.

import XCTest
@testable import KBMCore

final class MigrationTests: XCTestCase {
    var directory = ""

    override func setUp() {
        directory = NSTemporaryDirectory() + "kbm-migration-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    /// A session file with the standard example, as kbm writes it today.
    func exampleSession(_ path: String) throws -> Session {
        let (store, _) = try SessionStore.open(path: path)
        let shell = Shell(session: Session(), store: store, sink: BufferSink())
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = try Array(Data(contentsOf: root.appendingPathComponent("scripts/beispiel.kbm")))
        XCTAssertEqual(shell.run(ByteLineSource(name: "beispiel.kbm", directory: ".", bytes: script), asUnit: true),
                       .completed(failures: 0))
        return shell.session
    }

    /// Turns a current file back into version 1: the objects step 1 adds are removed again.
    func downgradeToVersion1(_ path: String) throws {
        let db = try Database(path: path, create: false)
        try db.execute("DROP VIEW bericht; DROP INDEX teilnahme_tn; DROP INDEX teilnahme_auftrag_tn; PRAGMA user_version=1")
    }

    func testStep1AddsTheBerichtViewAndKeepsEveryRow() throws {
        let path = directory + "/alt.db"
        let before = try exampleSession(path)
        let dumpBefore = Dump.script(before)
        try downgradeToVersion1(path)
        XCTAssertEqual(try Database(path: path, create: false).scalar("PRAGMA user_version"), 1)

        let (store, after) = try SessionStore.open(path: path)
        XCTAssertEqual(after, before)
        XCTAssertEqual(Dump.script(after), dumpBefore, "reopening a migrated session gives the identical state")
        XCTAssertEqual(try store.db.scalar("PRAGMA user_version"), SessionStore.schemaVersion)
        let bericht = try store.query("SELECT auftrag, gesamt_tn, uebermittelte_tn, kursbeginnmeldung FROM bericht")
        XCTAssertEqual(bericht.rows, [[.text("IK-2026-01"), .number(4), .number(3), .text("gemeldet")]])
    }

    func testAFailedMigrationLeavesTheFileAsItWas() throws {
        let path = directory + "/alt.db"
        _ = try exampleSession(path)
        try downgradeToVersion1(path)
        // Something in the way of step 1: its view name is taken.
        try Database(path: path, create: false).execute("CREATE VIEW bericht AS SELECT 1")
        XCTAssertThrowsError(try SessionStore.open(path: path)) { error in
            guard case StoreError.writeFailed(let detail)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("Schema 1 auf 2"), detail)
        }
        XCTAssertEqual(try Database(path: path, create: false).scalar("PRAGMA user_version"), 1)
        XCTAssertEqual(try Database(path: path, create: false).scalar("SELECT count(*) FROM sqlite_master WHERE name = 'teilnahme_tn'"), 0)
    }

    func testNewFilesHaveEveryStepsObjects() throws {
        let path = directory + "/neu.db"
        let (store, _) = try SessionStore.open(path: path)
        XCTAssertEqual(try store.db.scalar("SELECT count(*) FROM sqlite_master WHERE name IN ('bericht', 'teilnahme_tn')"), 2)
    }
}
