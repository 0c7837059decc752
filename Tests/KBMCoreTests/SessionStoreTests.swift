// Tests for SessionStore used directly: create, write, reload; nested units, rollback, the log, `save`,
// and the files it refuses.

import Foundation
import XCTest
@testable import KBMCore
@testable import KBMModel
@testable import KBMPersistence

final class SessionStoreTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        var template = Array("/tmp/kbm-store-test.XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        XCTAssertNotNil(made)
        directory = String(cString: template)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func path(_ name: String) -> String { directory + "/" + name }

    /// A session with something of everything the store keeps.
    func sampleSession() -> Session {
        var s = Session(today: Clock.today())
        s.mandant.traegernummer = "TR-4711"
        s.mandant.testnummer = "T-1"
        s.mandant.testumgebung = true
        s.mandant.nurValidieren = false
        s.kursorte["KO-2"] = Kursort(kennung: "KO-2", name: "VHS Nord")
        s.kursorte["KO-1"] = Kursort(kennung: "KO-1", name: nil)
        var ik = Auftrag(nummer: "IK-1", typ: .integrationskurs, titel: "Kurs \"A\" – Grüße")
        ik.referenznummern["BAMF-Kursnummer"] = "123/456"
        s.auftraege["IK-1"] = ik
        s.auftraege["BA-1"] = Auftrag(nummer: "BA-1", typ: .ba)
        s.openAuftrag = "IK-1"
        s.today = Day(year: 2026, month: 3, day: 2)!
        return s
    }

    var everything: [Touched] {
        [.mandant, .today, .openAuftrag, .kursort("KO-2"), .kursort("KO-1"), .auftrag("IK-1"), .auftrag("BA-1")]
    }

    func reopen(_ p: String) throws -> Session {
        let (_, session) = try SessionStore.open(path: p, today: Clock.today())
        return session
    }

    /// Reads with a connection of its own, so only committed data is seen.
    func committedCount(_ p: String, _ table: String) throws -> Int {
        let db = try Database(path: p, create: false, readOnly: true)
        return try db.scalar("SELECT count(*) FROM \(table)")
    }

    func storeError(_ body: () throws -> Void) -> StoreError? {
        do { try body(); return nil } catch { return error as? StoreError }
    }

    // MARK: roundtrip

    func testANewFileOpensEmptyAndGetsTheSchema() throws {
        let p = path("neu/unter/s.db")
        let (store, session) = try SessionStore.open(path: p, today: Clock.today())
        XCTAssertEqual(session, Session(today: Clock.today()))
        XCTAssertEqual(store.path, p)
        XCTAssertFalse(store.inUnit)
        XCTAssertEqual(try store.db.scalar("PRAGMA user_version"), SessionStore.schemaVersion)
        XCTAssertEqual(try store.db.scalar("PRAGMA application_id"), 0x4B42_4D31)
        XCTAssertEqual(try store.db.scalar("PRAGMA page_size"), 2048, "small pages: each commit writes less")
        XCTAssertEqual(try store.db.scalar("PRAGMA freelist_count"), 0, "no page of a new file is free")
        var st = stat()
        XCTAssertEqual(stat(p, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
        XCTAssertEqual(stat(path("neu"), &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o700)
        XCTAssertEqual(stat(path("neu/unter"), &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o700)
    }

    func testWriteAndReloadGivesTheSameSession() throws {
        let p = path("s.db")
        let session = sampleSession()
        do {
            let (store, _) = try SessionStore.open(path: p, today: Clock.today())
            try store.beginUnit()
            try store.write(everything, from: session)
            try store.endUnit()
        }
        XCTAssertEqual(try reopen(p), session)
    }

    func testAWriteOutsideAUnitIsCommittedAtOnce() throws {
        let p = path("s.db")
        let (store, _) = try SessionStore.open(path: p, today: Clock.today())
        try store.write([.auftrag("BA-1")], from: sampleSession())
        XCTAssertEqual(try committedCount(p, "auftrag"), 1)
    }

    func testOnlyTouchedThingsAreWritten() throws {
        let p = path("s.db")
        let (store, _) = try SessionStore.open(path: p, today: Clock.today())
        try store.write([.auftrag("BA-1")], from: sampleSession())
        // The file holds no day of its own, so the clock is the one the caller starts with, not the sample's.
        let startDay = Day(year: 2027, month: 1, day: 4)!
        let loaded = try store.load(today: startDay)
        XCTAssertEqual(Array(loaded.auftraege.keys), ["BA-1"])
        XCTAssertTrue(loaded.kursorte.isEmpty)
        XCTAssertNil(loaded.mandant.traegernummer)
        XCTAssertEqual(loaded.today, startDay)
    }

    func testChangesAndRemovalsAreWritten() throws {
        let p = path("s.db")
        var session = sampleSession()
        do {
            let (store, _) = try SessionStore.open(path: p, today: Clock.today())
            try store.write(everything, from: session)
            session.auftraege["IK-1"]?.titel = nil
            session.auftraege["IK-1"]?.referenznummern = [:]
            session.auftraege.removeValue(forKey: "BA-1")
            session.kursorte["KO-2"]?.name = "umbenannt"
            session.kursorte.removeValue(forKey: "KO-1")
            session.openAuftrag = nil
            session.today = Day(year: 2026, month: 4, day: 1)!
            session.mandant.testumgebung = false
            try store.write(everything, from: session)
        }
        XCTAssertEqual(try reopen(p), session)
    }

    func testOrderIsKeptAcrossReload() throws {
        let p = path("s.db")
        var session = Session(today: Clock.today())
        for nr in ["Z-9", "A-1", "M-5"] { session.auftraege[nr] = Auftrag(nummer: nr, typ: .sonstiges) }
        do {
            let (store, _) = try SessionStore.open(path: p, today: Clock.today())
            try store.write(session.auftraege.keys.map { .auftrag($0) }, from: session)
        }
        XCTAssertEqual(Array(try reopen(p).auftraege.keys), ["Z-9", "A-1", "M-5"])
    }

    func testAnOpenAuftragThatNoLongerExistsIsDropped() throws {
        let p = path("s.db")
        var session = Session(today: Clock.today())
        session.openAuftrag = "WEG"
        do {
            let (store, _) = try SessionStore.open(path: p, today: Clock.today())
            try store.write([.openAuftrag], from: session)
        }
        XCTAssertNil(try reopen(p).openAuftrag)
    }

    // MARK: units

    func testNestedUnitsCommitOnlyAtTheOutermostEnd() throws {
        let p = path("s.db")
        let (store, _) = try SessionStore.open(path: p, today: Clock.today())
        let session = sampleSession()
        try store.beginUnit()
        try store.write([.auftrag("IK-1")], from: session)
        try store.beginUnit()
        XCTAssertTrue(store.inUnit)
        try store.write([.auftrag("BA-1")], from: session)
        try store.endUnit()
        XCTAssertTrue(store.inUnit, "die innere Einheit gehört zur äußeren")
        XCTAssertEqual(try committedCount(p, "auftrag"), 0, "vor dem Ende der äußeren Einheit ist nichts festgeschrieben")
        try store.endUnit()
        XCTAssertFalse(store.inUnit)
        XCTAssertEqual(try committedCount(p, "auftrag"), 2)
    }

    func testRollbackAbandonsTheWholeUnitAtAnyDepth() throws {
        let p = path("s.db")
        let (store, _) = try SessionStore.open(path: p, today: Clock.today())
        let session = sampleSession()
        try store.write([.auftrag("BA-1")], from: session)
        let before = try store.load(today: Clock.today())
        try store.beginUnit()
        try store.write([.mandant, .kursort("KO-1")], from: session)
        try store.beginUnit()
        try store.write([.auftrag("IK-1")], from: session)
        store.rollback()
        XCTAssertFalse(store.inUnit)
        XCTAssertEqual(try store.load(today: Clock.today()), before)
        XCTAssertEqual(try committedCount(p, "auftrag"), 1)
        // The store is usable afterwards.
        try store.beginUnit()
        try store.write([.auftrag("IK-1")], from: session)
        try store.endUnit()
        XCTAssertEqual(try committedCount(p, "auftrag"), 2)
    }

    func testEndWithoutBeginIsHarmless() throws {
        let (store, _) = try SessionStore.open(path: path("s.db"), today: Clock.today())
        try store.endUnit()
        store.rollback()
        XCTAssertFalse(store.inUnit)
    }

    func testAStoreReleasedInsideAUnitKeepsNothingOfIt() throws {
        let p = path("s.db")
        do {
            let (store, _) = try SessionStore.open(path: p, today: Clock.today())
            try store.write([.auftrag("BA-1")], from: sampleSession())
            try store.beginUnit()
            try store.write([.auftrag("IK-1")], from: sampleSession())
        }
        XCTAssertEqual(Array(try reopen(p).auftraege.keys), ["BA-1"])
    }

    // MARK: the log

    func testTheLogKeepsLinesInOrder() throws {
        let p = path("s.db")
        let (store, _) = try SessionStore.open(path: p, today: Clock.today())
        try store.log(LoggedCommand(zeit: "2026-03-02 10:00:00", quelle: "-c", zeile: "new auftrag A typ=ba", ergebnis: "ok"))
        try store.log(LoggedCommand(zeit: "2026-03-02 10:00:00", quelle: "stdin", zeile: "lsit", ergebnis: "fehler"))
        let db = try Database(path: p, create: false, readOnly: true)
        let rows = try db.prepare("SELECT nr, quelle, zeile, ergebnis FROM befehle")
        var seen: [[String]] = []
        while try rows.step() { seen.append((0..<4).map { rows.text($0) ?? "" }) }
        XCTAssertEqual(seen, [["1", "-c", "new auftrag A typ=ba", "ok"], ["2", "stdin", "lsit", "fehler"]])
    }

    func testTheLogIsPartOfTheUnit() throws {
        let p = path("s.db")
        let (store, _) = try SessionStore.open(path: p, today: Clock.today())
        try store.beginUnit()
        try store.log(LoggedCommand(zeit: "2026-03-02 10:00:00", quelle: "s.kbm", zeile: "x", ergebnis: "ok"))
        store.rollback()
        XCTAssertEqual(try committedCount(p, "befehl"), 0)
    }

    /// A unit's log lines go in many to a statement: in order, all of them by the unit's end, and in `befehle`
    /// whenever a query or `verlauf` reads it in the middle of the unit.
    func testALongUnitsLogIsCompleteInOrderAndReadableWithinTheUnit() throws {
        let p = path("s.db")
        let (store, _) = try SessionStore.open(path: p, today: Clock.today())
        let lines = (1...150).map { "echo \($0)" }
        func entry(_ line: String) -> LoggedCommand {
            LoggedCommand(zeit: "2026-03-02 10:00:00", quelle: "s.kbm", zeile: line, ergebnis: "ok")
        }
        try store.beginUnit()
        for line in lines[..<70] { try store.log(entry(line)) }
        XCTAssertEqual(try store.query("SELECT count(*) AS n FROM befehle").rows, [[.int(70)]])
        for line in lines[70..<101] { try store.log(entry(line)) }
        XCTAssertEqual(try store.commandLog(last: 2).map(\.zeile), ["echo 100", "echo 101"])
        for line in lines[101...] { try store.log(entry(line)) }
        XCTAssertEqual(try committedCount(p, "befehl"), 0, "nothing before the unit's end")
        try store.endUnit()
        let db = try Database(path: p, create: false, readOnly: true)
        let rows = try db.prepare("SELECT nr, zeile FROM befehle")
        var seen: [String] = []
        while try rows.step() { seen.append("\(rows.int(0)) \(rows.text(1) ?? "")") }
        XCTAssertEqual(seen, lines.enumerated().map { "\($0.offset + 1) \($0.element)" })
    }

    /// Batches whose lines share time, file and outcome are written one way, mixed ones another: every line
    /// keeps its own time, file and outcome either way.
    func testBatchedLogLinesKeepTheirTimeSourceAndOutcome() throws {
        let p = path("s.db")
        let (store, _) = try SessionStore.open(path: p, today: Clock.today())
        let entries = (0..<300).map { i in
            LoggedCommand(zeit: "2026-03-02 10:00:\(10 + i / 90)", quelle: i / 140 == 1 ? "b.kbm" : "a.kbm",
                          zeile: "echo \(i)", ergebnis: i % 97 == 5 ? "fehler" : "ok")
        }
        try store.beginUnit()
        for e in entries { try store.log(e) }
        try store.endUnit()
        XCTAssertEqual(try store.commandLog(), entries)
    }

    /// A source first named in an abandoned unit is gone with it; a later line from it names it again.
    func testASourceFromAnAbandonedUnitIsAddedAgain() throws {
        let p = path("s.db")
        let (store, _) = try SessionStore.open(path: p, today: Clock.today())
        let line = LoggedCommand(zeit: "2026-03-02 10:00:00", quelle: "neu.kbm", zeile: "echo 1", ergebnis: "ok")
        try store.beginUnit()
        try store.log(line)
        XCTAssertEqual(try store.commandLog(), [line])
        store.rollback()
        XCTAssertEqual(try store.commandLog(), [])
        try store.log(line)
        XCTAssertEqual(try store.commandLog(), [line])
    }

    func testAFailedUnitKeepsNoneOfItsPendingLogLines() throws {
        let p = path("s.db")
        let (store, _) = try SessionStore.open(path: p, today: Clock.today())
        try store.beginUnit()
        for n in 1...100 { try store.log(LoggedCommand(zeit: "z", quelle: "s.kbm", zeile: "echo \(n)", ergebnis: "ok")) }
        store.rollback()
        try store.log(LoggedCommand(zeit: "z", quelle: "-c", zeile: "danach", ergebnis: "ok"))
        XCTAssertEqual(try store.commandLog().map(\.zeile), ["danach"])
    }

    // MARK: save

    /// Values bound one by one outgrow the statement's text buffer many times over; each keeps its bytes
    /// (SQLite reads them only when stepping), umlauts and empty texts included, and a new row starts afresh.
    func testValuesBoundOneByOneKeepTheirTextWhenTheBufferGrows() throws {
        let db = try Database(path: ":memory:", create: true)
        try db.execute("CREATE TABLE t (a TEXT, b TEXT, c INTEGER, d TEXT, e TEXT)")
        let insert = try db.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)")
        var expected: [[String?]] = []
        for row in 0..<20 {
            let long = String(repeating: "Größe \(row) ", count: 40 * row + 1)
            insert.reset()
            insert.bind(1, "kurz")
            insert.bind(2, long)
            insert.bind(3, row)
            insert.bind(4, row % 2 == 0 ? nil : "")
            insert.bind(5, long + "Ende")
            try insert.runBound()
            expected.append(["kurz", long, String(row), row % 2 == 0 ? nil : "", long + "Ende"])
        }
        let select = try db.prepare("SELECT a, b, c, d, e FROM t ORDER BY rowid")
        var found: [[String?]] = []
        while try select.step() { found.append((0..<5).map { select.text($0) }) }
        XCTAssertEqual(found, expected)
    }

    func testCreateWritesACopy() throws {
        let copy = path("kopie/k.db")
        try SessionStore.create(path: copy, from: sampleSession())
        XCTAssertEqual(try reopen(copy), sampleSession())
        var st = stat()
        XCTAssertEqual(stat(copy, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
    }

    func testCreateRefusesAnExistingFile() throws {
        let existing = path("da.txt")
        FileManager.default.createFile(atPath: existing, contents: Data("wichtig".utf8))
        XCTAssertEqual(storeError { try SessionStore.create(path: existing, from: sampleSession()) }, .targetExists(path: existing))
        XCTAssertEqual(try String(contentsOfFile: existing, encoding: .utf8), "wichtig")
    }

    // MARK: refused files

    func testAnEmptyFileIsANewSession() throws {
        let p = path("leer.db")
        FileManager.default.createFile(atPath: p, contents: Data())
        let (_, session) = try SessionStore.open(path: p, today: Clock.today())
        XCTAssertEqual(session, Session(today: Clock.today()))
    }

    func testATextFileIsNotASession() throws {
        let p = path("text.db")
        let text = String(repeating: "kein SQLite\n", count: 50)
        FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        XCTAssertEqual(storeError { _ = try SessionStore.open(path: p, today: Clock.today()) }, .notASession(path: p))
        XCTAssertEqual(try String(contentsOfFile: p, encoding: .utf8), text)
    }

    func testAnotherSQLiteDatabaseIsNotASession() throws {
        let p = path("fremd.db")
        do {
            let db = try Database(path: p, create: true)
            try db.execute("CREATE TABLE t (a); INSERT INTO t VALUES (1)")
        }
        XCTAssertEqual(storeError { _ = try SessionStore.open(path: p, today: Clock.today()) }, .notASession(path: p))
    }

    func testANewerSchemaIsRefused() throws {
        let p = path("s.db")
        do { _ = try SessionStore.open(path: p, today: Clock.today()) }
        do {
            let db = try Database(path: p, create: false)
            try db.execute("PRAGMA user_version=\(SessionStore.schemaVersion + 1)")
        }
        XCTAssertEqual(storeError { _ = try SessionStore.open(path: p, today: Clock.today()) },
                       .newerVersion(path: p, found: SessionStore.schemaVersion + 1, supported: SessionStore.schemaVersion))
    }

    func testATruncatedFileIsCorrupt() throws {
        let p = path("s.db")
        do {
            let (store, _) = try SessionStore.open(path: p, today: Clock.today())
            var session = Session(today: Clock.today())
            for i in 1...200 {
                let nr = "A-\(i)"
                session.auftraege[nr] = Auftrag(nummer: nr, typ: .ba, titel: String(repeating: "Titel \(i) ", count: 10))
            }
            try store.write(session.auftraege.keys.map { .auftrag($0) }, from: session)
        }
        var st = stat()
        XCTAssertEqual(stat(p, &st), 0)
        XCTAssertEqual(truncate(p, st.st_size / 2), 0)
        guard case .corrupt? = storeError({ _ = try SessionStore.open(path: p, today: Clock.today()) }) else {
            return XCTFail("abgeschnittene Datei nicht als beschädigt erkannt")
        }
    }
}
