// The session file as the built kbm uses it: reopening, crashes, scripts as units, locking,
// refusing files it must not touch, file modes, `save` and the command log.

import Foundation
import XCTest
@testable import KBMCore
@testable import KBMPersistence

final class PersistenceTests: XCTestCase {
    var sandbox: Sandbox!

    override func setUp() { sandbox = Sandbox() }
    override func tearDown() { sandbox = nil }

    /// Commands that show the whole state of the current commands, for comparing two processes.
    let reportCommands = ["list auftraege", "list kursorte", "mandant", "show"]

    func report(session: String) -> String {
        let r = sandbox.run(["--session", session, "--keep-going", "--echo"] + reportCommands.flatMap { ["-c", $0] }, merge: true)
        return r.stdout + "[\(r.status)]"
    }

    /// Runs commands on a session and checks they succeeded.
    func populate(_ session: String, _ commands: [String]) {
        let r = sandbox.run(["--session", session] + commands.flatMap { ["-c", $0] })
        XCTAssertEqual(r.status, 0, "populate: \(r.stderr)")
    }

    let sample = [
        "set today 02.03.2026",
        "mandant traegernummer=TR-4711 testnummer=T-1 testumgebung=ja",
        "add kursort KO-1 name=\"VHS Mitte\"",
        "add kursort KO-2",
        "new auftrag IK-1 typ=integrationskurs titel=\"Kurs \\\"A\\\" – Vormittag\"",
        "new auftrag BA-1 typ=ba",
        "open auftrag IK-1",
    ]

    // MARK: reopen

    func testReopenGivesTheSameState() {
        let s = sandbox.path("s.db")
        let r = sandbox.run(["--session", s, "--echo"] + (sample + reportCommands).flatMap { ["-c", $0] }, merge: true)
        XCTAssertEqual(r.status, 0, r.stdout)
        // What the first process showed at its end, a second one shows from the file.
        let firstReport = String(r.stdout[r.stdout.range(of: "kbm IK-1> list auftraege")!.lowerBound...]) + "[0]"
        XCTAssertEqual(report(session: s), firstReport)
        XCTAssertTrue(firstReport.contains("Kurs \"A\" – Vormittag"), firstReport)
        XCTAssertTrue(firstReport.contains("TR-4711"), firstReport)
    }

    func testRemovalsAndEditsPersist() {
        let s = sandbox.path("s.db")
        populate(s, sample)
        populate(s, ["remove auftrag BA-1", "edit auftrag IK-1 titel=neu", "mandant testumgebung=nein"])
        let shown = report(session: s)
        XCTAssertFalse(shown.contains("BA-1"), shown)
        XCTAssertTrue(shown.contains("Titel:  neu"), shown)
        XCTAssertTrue(shown.contains("Testumgebung:     nein"), shown)
    }

    // MARK: crashes

    func testAnAcknowledgedCommandSurvivesSIGKILL() throws {
        let s = sandbox.path("s.db")
        let live = try sandbox.start(["--session", s])
        live.send("new auftrag A-1 typ=ba titel=\"vor dem Absturz\"")
        XCTAssertTrue(live.waitFor("Auftrag A-1 (BA-Maßnahme) angelegt"), live.output)
        live.signal(SIGKILL)
        XCTAssertEqual(live.waitExit(), 128 + SIGKILL)
        let r = sandbox.run(["--session", s, "-c", "show auftrag A-1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("vor dem Absturz"), r.stdout)
    }

    func testSIGKILLDuringAScriptLeavesTheSessionAsItWas() throws {
        let s = sandbox.path("s.db")
        populate(s, ["new auftrag VORHER typ=ba"])
        let before = report(session: s)
        _ = sandbox.makeFIFO("blockiert")
        sandbox.write("s.kbm", """
            new auftrag S-1 typ=ba
            add kursort KO-S
            mandant traegernummer=TR-SKRIPT
            edit auftrag VORHER titel="vom Skript"
            remove auftrag S-1
            new auftrag S-2 typ=sprachtest
            run blockiert
            new auftrag S-3 typ=ba

            """)
        let live = try sandbox.start(["s.kbm", "--session", s])
        XCTAssertTrue(live.waitFor("Auftrag S-2 (Sprachtest) angelegt"), live.output)
        usleep(100_000)
        live.signal(SIGKILL)
        XCTAssertEqual(live.waitExit(), 128 + SIGKILL)
        XCTAssertEqual(report(session: s), before, "nichts vom abgebrochenen Skript darf in der Sitzung sein")
    }

    func testSIGKILLDuringRunKeepsEarlierCommandsAndDropsTheScript() throws {
        let s = sandbox.path("s.db")
        _ = sandbox.makeFIFO("blockiert")
        sandbox.write("teil.kbm", "new auftrag IM-SKRIPT typ=ba\nrun blockiert\n")
        let live = try sandbox.start(["--session", s])
        live.send("new auftrag VORHER typ=ba")
        XCTAssertTrue(live.waitFor("Auftrag VORHER"), live.output)
        live.send("run teil.kbm")
        XCTAssertTrue(live.waitFor("Auftrag IM-SKRIPT"), live.output)
        usleep(100_000)
        live.signal(SIGKILL)
        XCTAssertEqual(live.waitExit(), 128 + SIGKILL)
        let r = sandbox.run(["--session", s, "-c", "list auftraege"])
        XCTAssertTrue(r.stdout.contains("VORHER"), r.stdout)
        XCTAssertFalse(r.stdout.contains("IM-SKRIPT"), r.stdout)
    }

    /// SIGKILL during a checkpoint (found by scripts/crashtest): page 1 already holds the grown page count, the
    /// file has not grown yet, the WAL still holds every page. That is no damage; the session must open.
    func testSIGKILLDuringACheckpointIsNoDamage() throws {
        let s = sandbox.path("s.db")
        populate(s, sample)
        let live = try sandbox.start(["--session", s])
        for i in 1...30 { live.send("add kursort KX-\(i) name=\"\(String(repeating: "Raum ", count: 200))\"") }
        XCTAssertTrue(live.waitFor("Kursort KX-30 angelegt"), live.output)
        live.signal(SIGKILL)
        XCTAssertEqual(live.waitExit(), 128 + SIGKILL)
        // What a checkpoint writes first: the newest page 1 from the WAL (frames: 24-byte header, then the page).
        let wal = [UInt8](try Data(contentsOf: URL(fileURLWithPath: s + "-wal")))
        let be32 = { (at: Int) in wal[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        let pageSize = be32(8)
        var page1: [UInt8]?
        var frame = 32
        while frame + 24 + pageSize <= wal.count {
            if be32(frame) == 1 { page1 = Array(wal[frame + 24..<frame + 24 + pageSize]) }
            frame += 24 + pageSize
        }
        let header = try XCTUnwrap(page1)
        let claimed = header[28..<32].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertGreaterThan(claimed * pageSize, FileSnapshot(s).size, "die WAL muss über das Dateiende hinaus reichen")
        let fd = open(s, O_WRONLY)
        XCTAssertEqual(pwrite(fd, header, pageSize, 0), pageSize)
        close(fd)
        let r = sandbox.run(["--session", s, "-c", "list kursorte"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("KX-30"), r.stdout)
    }

    // MARK: scripts are units

    func testAScriptStoppedAtAFailureIsCommittedUpToThere() throws {
        let s = sandbox.path("s.db")
        sandbox.write("s.kbm", "new auftrag A-1 typ=ba\nnew auftrag A-1 typ=ba\nnew auftrag A-2 typ=ba\n")
        XCTAssertEqual(sandbox.run(["s.kbm", "--session", s]).status, 3)
        let r = sandbox.run(["--session", s, "-c", "list auftraege"])
        XCTAssertTrue(r.stdout.contains("A-1"), r.stdout)
        XCTAssertFalse(r.stdout.contains("A-2"), r.stdout)
        XCTAssertEqual(try rows(s, "SELECT zeile, ergebnis FROM befehle WHERE quelle LIKE '%s.kbm'"),
                       [["new auftrag A-1 typ=ba", "ok"], ["new auftrag A-1 typ=ba", "fehler"]])
    }

    func testAnIncludedScriptStoppedAtAFailureIsCommittedUpToThere() {
        let s = sandbox.path("s.db")
        sandbox.write("teil.kbm", "new auftrag T-1 typ=ba\nnew auftrag T-1 typ=ba\nnew auftrag T-2 typ=ba\n")
        let r = sandbox.run(["--session", s], stdin: "new auftrag VORHER typ=ba\nrun teil.kbm\nnew auftrag NACHHER typ=ba\n")
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.hasPrefix("teil.kbm:2: Fehler: Auftrag „T-1“ gibt es schon.\n  aufgerufen von stdin:2\n"), r.stderr)
        let listed = sandbox.run(["--session", s, "-c", "list auftraege"]).stdout
        XCTAssertTrue(listed.contains("VORHER"), listed)
        XCTAssertTrue(listed.contains("T-1"), listed)
        XCTAssertFalse(listed.contains("T-2"), listed)
        XCTAssertFalse(listed.contains("NACHHER"), listed)
    }

    func testAScriptEndedByExitIsCommitted() {
        let s = sandbox.path("s.db")
        sandbox.write("s.kbm", "new auftrag A-1 typ=ba\nexit\nnew auftrag A-2 typ=ba\n")
        XCTAssertEqual(sandbox.run(["s.kbm", "--session", s]).status, 0)
        let listed = sandbox.run(["--session", s, "-c", "list auftraege"]).stdout
        XCTAssertTrue(listed.contains("A-1"), listed)
        XCTAssertFalse(listed.contains("A-2"), listed)
    }

    /// A script's unit writes with a rollback journal (each page once, not into the WAL and again at the
    /// checkpoint); afterwards the file is a WAL file again, also after `run`, and later commands are kept.
    func testAScriptUnitLeavesAWALFileBehind() throws {
        let s = sandbox.path("s.db")
        _ = sandbox.makeFIFO("blockiert")
        sandbox.write("s.kbm", "new auftrag S-1 typ=ba\nrun blockiert\nnew auftrag S-2 typ=ba\n")
        let live = try sandbox.start(["s.kbm", "--session", s])
        XCTAssertTrue(live.waitFor("Auftrag S-1"), live.output)
        usleep(100_000)
        XCTAssertEqual(try rows(s, "PRAGMA journal_mode"), [["delete"]], "während der Einheit: Rücksprung-Journal")
        close(open(sandbox.path("blockiert"), O_WRONLY))
        XCTAssertEqual(live.waitExit(), 0, live.output)
        XCTAssertEqual(try rows(s, "PRAGMA journal_mode"), [["wal"]])
        XCTAssertFalse(fileExists(s + "-journal"))
        sandbox.write("t.kbm", "new auftrag T-1 typ=ba\n")
        let r = sandbox.run(["--session", s, "-c", "run t.kbm", "-c", "new auftrag NACHHER typ=ba"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try rows(s, "PRAGMA journal_mode"), [["wal"]])
        XCTAssertEqual(try rows(s, "SELECT nummer FROM auftraege"), [["S-1"], ["S-2"], ["T-1"], ["NACHHER"]])
    }

    /// With another program reading the file, SQLite keeps it in WAL mode; the script still runs as one unit.
    func testAScriptUnitWhileAnotherProgramHasTheFileOpen() throws {
        let s = sandbox.path("s.db")
        populate(s, ["new auftrag VORHER typ=ba"])
        let reader = try Database(path: s, create: false, readOnly: true)
        XCTAssertEqual(try reader.scalar("SELECT count(*) FROM auftrag"), 1)
        sandbox.write("s.kbm", "new auftrag S-1 typ=ba\nnew auftrag S-2 typ=ba\n")
        let r = sandbox.run(["s.kbm", "--session", s])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try reader.scalar("SELECT count(*) FROM auftrag"), 3)
        XCTAssertEqual(try rows(s, "PRAGMA journal_mode"), [["wal"]])
    }

    /// A report someone runs while a script's unit commits delays the commit; the script is not lost.
    func testAReaderDuringTheCommitOfAScriptDelaysIt() throws {
        let s = sandbox.path("s.db")
        populate(s, ["new auftrag VORHER typ=ba"])
        _ = sandbox.makeFIFO("blockiert")
        sandbox.write("s.kbm", "new auftrag S-1 typ=ba\nrun blockiert\nnew auftrag S-2 typ=ba\n")
        let live = try sandbox.start(["s.kbm", "--session", s])
        XCTAssertTrue(live.waitFor("Auftrag S-1"), live.output)
        usleep(100_000)
        let reader = try Database(path: s, create: false, readOnly: true)
        try reader.execute("BEGIN")
        XCTAssertEqual(try reader.scalar("SELECT count(*) FROM auftrag"), 1)
        close(open(sandbox.path("blockiert"), O_WRONLY))
        usleep(500_000)
        XCTAssertTrue(live.process.isRunning, "kbm wartet auf den Leser")
        try reader.execute("COMMIT")
        XCTAssertEqual(live.waitExit(), 0, live.output)
        XCTAssertEqual(try rows(s, "SELECT nummer FROM auftraege"), [["VORHER"], ["S-1"], ["S-2"]])
    }

    /// A script's unit killed while its pages were going into the file: page 1 already claims the grown file,
    /// the journal holds what the pages were. That is no damage; the next open rolls the unit back.
    func testAUnitKilledWhileWritingItsPagesIsRolledBack() throws {
        let s = sandbox.path("s.db")
        populate(s, sample)
        let before = report(session: s)
        let size = FileSnapshot(s).size
        // What the killed process left, taken from a transaction held open with a small cache, so its pages
        // go into the file before the commit.
        let db = try Database(path: s, create: false)
        XCTAssertEqual(try db.text("PRAGMA journal_mode=DELETE"), "delete")
        try db.execute("PRAGMA cache_size=5; BEGIN")
        for i in 1...300 {
            try db.execute("INSERT INTO kursort(kennung, name) VALUES('KX-\(i)', '\(String(repeating: "Raum ", count: 100))')")
        }
        let crashed = sandbox.path("c.db")
        XCTAssertTrue(FileSnapshot(s).size > size, "die Seiten müssen schon in der Datei sein")
        try FileManager.default.copyItem(atPath: s, toPath: crashed)
        try FileManager.default.copyItem(atPath: s + "-journal", toPath: crashed + "-journal")
        try db.execute("ROLLBACK")
        // Page 1 with a page count beyond the end of the file, as when the file had not grown yet.
        let fd = open(crashed, O_RDWR)
        var header = [UInt8](repeating: 0, count: 100)
        XCTAssertEqual(pread(fd, &header, 100, 0), 100)
        header[28..<32] = [0x00, 0x10, 0x00, 0x00]
        header[92..<96] = header[24..<28]
        XCTAssertEqual(pwrite(fd, header, 100, 0), 100)
        close(fd)
        XCTAssertEqual(report(session: crashed), before)
        XCTAssertFalse(fileExists(crashed + "-journal"))
        XCTAssertEqual(try rows(crashed, "PRAGMA journal_mode"), [["wal"]])
    }

    // MARK: locking

    func testASecondProcessIsRefusedWithThePIDAndRecoversAfterTheHolderDies() throws {
        let s = sandbox.path("s.db")
        populate(s, ["new auftrag A-1 typ=ba"])
        let holder = try sandbox.start(["--session", s])
        holder.send("new auftrag A-2 typ=ba")
        XCTAssertTrue(holder.waitFor("Auftrag A-2"), holder.output)

        let second = sandbox.run(["--session", s, "-c", "new auftrag A-3 typ=ba"])
        XCTAssertEqual(second.status, 4, second.stdout + second.stderr)
        XCTAssertTrue(second.stderr.contains("Sitzung wird bereits verwendet (PID \(holder.pid))"), second.stderr)
        XCTAssertFalse(second.stdout.contains("A-3"))

        holder.signal(SIGKILL)
        XCTAssertEqual(holder.waitExit(), 128 + SIGKILL)
        let after = sandbox.run(["--session", s, "-c", "list auftraege"])
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertTrue(after.stdout.contains("A-2"), after.stdout)
    }

    /// The holder created the file itself (first use of a session): it must still be protected.
    func testANewSessionIsLockedByTheProcessThatCreatedIt() throws {
        let s = sandbox.path("neu.db")
        let holder = try sandbox.start(["--session", s])
        holder.send("new auftrag A-1 typ=ba")
        XCTAssertTrue(holder.waitFor("Auftrag A-1"), holder.output)
        let second = sandbox.run(["--session", s, "-c", "new auftrag B-1 typ=ba"])
        XCTAssertEqual(second.status, 4, "zweiter Prozess auf einer frisch angelegten Sitzung:\n" + second.stdout + second.stderr)
        XCTAssertTrue(second.stderr.contains("PID \(holder.pid)"), second.stderr)
        holder.closeInput()
        XCTAssertEqual(holder.waitExit(), 0, holder.output)
    }

    func testTheDefaultSessionIsLockedToo() throws {
        XCTAssertEqual(sandbox.run(["-c", "new auftrag A-1 typ=ba"]).status, 0)
        let holder = try sandbox.start([])
        holder.send("set today 02.03.2026")
        XCTAssertTrue(holder.waitFor("Montag"), holder.output)
        let second = sandbox.run(["-c", "list auftraege"])
        XCTAssertEqual(second.status, 4, second.stdout + second.stderr)
        holder.closeInput()
        XCTAssertEqual(holder.waitExit(), 0)
    }

    // MARK: files that are refused and never written

    /// Runs kbm on a file it must refuse; what went wrong: not exit 4, no message, a command ran, or the file changed.
    func refusalProblems(_ path: String, mentioning: String) -> [String] {
        let before = FileSnapshot(path)
        usleep(20_000)  // a write now would show in the mtime
        let r = sandbox.run(["--session", path, "-c", "new auftrag X-1 typ=ba"])
        var problems: [String] = []
        if r.status != 4 { problems.append("Exit-Status \(r.status) statt 4") }
        if !r.stderr.contains(mentioning) { problems.append("Meldung ohne „\(mentioning)“: \(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines))") }
        if r.stdout.contains("X-1") { problems.append("ein Befehl lief") }
        let after = FileSnapshot(path)
        if after != before { problems.append("Datei verändert (vorher \(before), nachher \(after))") }
        let wal = path + "-wal"
        if fileExists(wal), FileSnapshot(wal).size > 0 { problems.append("in die WAL-Datei geschrieben") }
        return problems
    }

    func assertRefused(_ path: String, mentioning: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let problems = refusalProblems(path, mentioning: mentioning)
        if !problems.isEmpty {
            XCTFail("\(what): " + problems.joined(separator: "; "), file: file, line: line)
        }
    }

    /// A real session with some history, so the file has several pages.
    func makeSession(_ name: String) -> String {
        let s = sandbox.path(name)
        populate(s, sample + (1...40).map { "add kursort K-\($0) name=\"Kursort Nummer \($0) mit etwas Text\"" })
        return s
    }

    func testCorruptMiddlePagesAreRefused() throws {
        let s = makeSession("s.db")
        let size = FileSnapshot(s).size
        let pageSize = Int(try rows(s, "PRAGMA page_size")[0][0] ?? "") ?? 4096
        let pages = size / pageSize
        XCTAssertGreaterThan(pages, 4)
        // Everything but the first and last quarter of the file.
        overwrite(s, at: (pages / 4) * pageSize, count: (pages / 2) * pageSize, with: 0xA5)
        assertRefused(s, mentioning: "beschädigt", "mittlere Seiten überschrieben")
    }

    /// Damage in any single page is found before anything is written, also in pages `load` never reads (indexes, the log).
    func testDamageInAnySinglePageIsRefused() throws {
        let original = makeSession("s.db")
        let pageSize = Int(try rows(original, "PRAGMA page_size")[0][0]!)!
        let names = try rows(original, "SELECT rootpage, name FROM sqlite_master WHERE rootpage > 0")
        let pageNames = Dictionary(uniqueKeysWithValues: names.map { (Int($0[0]!)!, $0[1]!) })
        let pages = FileSnapshot(original).size / pageSize
        var failures: [String] = []
        for page in 2...pages {
            let copy = sandbox.path("seite-\(page).db")
            copyFile(original, copy)
            overwrite(copy, at: (page - 1) * pageSize, count: pageSize, with: 0xA5)
            let problems = refusalProblems(copy, mentioning: "beschädigt")
            if !problems.isEmpty {
                failures.append("Seite \(page) (\(pageNames[page] ?? "weitere Seite")): " + problems.joined(separator: "; "))
            }
        }
        XCTAssertTrue(failures.isEmpty, "\(failures.count) von \(pages - 1) beschädigten Seiten nicht abgewiesen:\n" + failures.joined(separator: "\n"))
    }

    func testATruncatedFileIsRefused() throws {
        let s = makeSession("s.db")
        let size = FileSnapshot(s).size
        XCTAssertEqual(truncate(s, off_t(size / 2)), 0)
        assertRefused(s, mentioning: "beschädigt", "auf die Hälfte gekürzt")
    }

    func testATextFileIsRefused() {
        let short = sandbox.write("kurz.db", "hallo\n")
        assertRefused(short, mentioning: "keine kbm-Sitzung", "kurze Textdatei")
        let long = sandbox.write("lang.db", String(repeating: "Kursbeginnmeldung, aber als Text.\n", count: 200))
        assertRefused(long, mentioning: "keine kbm-Sitzung", "lange Textdatei")
    }

    func testAnotherSQLiteDatabaseIsRefused() throws {
        let foreign = sandbox.path("fremd.db")
        do {
            let db = try Database(path: foreign, create: true)
            try db.execute("CREATE TABLE kunde (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO kunde(name) VALUES ('Muster')")
        }
        assertRefused(foreign, mentioning: "keine kbm-Sitzung", "fremde SQLite-Datenbank")

        let walForeign = sandbox.path("fremd-wal.db")
        do {
            let db = try Database(path: walForeign, create: true)
            try db.execute("PRAGMA journal_mode=WAL; CREATE TABLE t (a); INSERT INTO t VALUES (1)")
        }
        assertRefused(walForeign, mentioning: "keine kbm-Sitzung", "fremde SQLite-Datenbank im WAL-Modus")

        let otherApp = sandbox.path("andere-app.db")
        do {
            let db = try Database(path: otherApp, create: true)
            try db.execute("PRAGMA application_id=1234; CREATE TABLE auftrag (nummer TEXT)")
        }
        assertRefused(otherApp, mentioning: "keine kbm-Sitzung", "SQLite-Datei einer anderen Anwendung")
    }

    func testANewerSchemaVersionIsRefused() throws {
        let s = makeSession("s.db")
        do {
            let db = try Database(path: s, create: false)
            try db.execute("PRAGMA user_version=\(SessionStore.schemaVersion + 1)")
        }
        assertRefused(s, mentioning: "neueren kbm-Version", "neueres Schema")
    }

    // MARK: modes

    func testFilesAre0600InDirectories0700() throws {
        let r = sandbox.run(["-c", "new auftrag A-1 typ=ba"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(fileMode(sandbox.defaultSession), 0o600)
        XCTAssertEqual(fileMode(sandbox.dataHome + "/kbm"), 0o700)

        let nested = sandbox.path("a/b/s.db")
        XCTAssertEqual(sandbox.run(["--session", nested, "-c", "new auftrag A-1 typ=ba", "-c", "save \(sandbox.path("c/kopie.db"))"]).status, 0)
        XCTAssertEqual(fileMode(nested), 0o600)
        XCTAssertEqual(fileMode(sandbox.path("a")), 0o700)
        XCTAssertEqual(fileMode(sandbox.path("a/b")), 0o700)
        XCTAssertEqual(fileMode(sandbox.path("c/kopie.db")), 0o600)
        XCTAssertEqual(fileMode(sandbox.path("c")), 0o700)
    }

    func testWALFilesWhileRunningAre0600() throws {
        let s = sandbox.path("s.db")
        let live = try sandbox.start(["--session", s])
        live.send("new auftrag A-1 typ=ba")
        XCTAssertTrue(live.waitFor("Auftrag A-1"), live.output)
        for side in ["-wal", "-shm"] where fileExists(s + side) {
            XCTAssertEqual(fileMode(s + side), 0o600, side)
        }
        live.closeInput()
        XCTAssertEqual(live.waitExit(), 0)
    }

    // MARK: the file format

    func testTheFileIsAWALSQLiteFileWithVersionAndApplicationID() throws {
        let s = makeSession("s.db")
        XCTAssertEqual(try rows(s, "PRAGMA application_id"), [["\(0x4B42_4D31)"]])
        XCTAssertEqual(try rows(s, "PRAGMA user_version"), [["\(SessionStore.schemaVersion)"]])
        XCTAssertEqual(try rows(s, "PRAGMA journal_mode"), [["wal"]])
    }

    func testGermanViewsForReports() throws {
        let s = makeSession("s.db")
        XCTAssertEqual(try rows(s, "SELECT nummer, typ, titel, kursnummer FROM auftraege"),
                       [["IK-1", "integrationskurs", "Kurs \"A\" – Vormittag", nil], ["BA-1", "ba", nil, nil]])
        XCTAssertEqual(try rows(s, "SELECT kennung, name FROM kursorte LIMIT 2"), [["KO-1", "VHS Mitte"], ["KO-2", nil]])
        XCTAssertEqual(try rows(s, "SELECT traegernummer, testnummer, testumgebung FROM mandant"), [["TR-4711", "T-1", "ja"]])
        XCTAssertEqual(try rows(s, "SELECT count(*) FROM befehle"), [["\(sample.count + 40)"]])
    }

    func testTheViewsAreReadOnly() throws {
        let s = makeSession("s.db")
        let db = try Database(path: s, create: false)
        XCTAssertThrowsError(try db.execute("DELETE FROM auftraege"))
        XCTAssertThrowsError(try db.execute("INSERT INTO befehle(zeile) VALUES ('x')"))
    }

    func testBefehleListsEveryCommandLine() throws {
        let s = sandbox.path("s.db")
        XCTAssertEqual(sandbox.run(["--session", s, "--keep-going", "-c", "new auftrag A-1 typ=ba", "-c", "lsit", "-c", "list auftraege"]).status, 1)
        XCTAssertEqual(sandbox.run(["--session", s], stdin: "mandant traegernummer=TR-1\n").status, 0)
        sandbox.write("s.kbm", "add kursort KO-1\n# nur ein Kommentar\nshow\n")
        XCTAssertEqual(sandbox.run(["s.kbm", "--session", s]).status, 0)

        let logged = try rows(s, "SELECT nr, quelle, zeile, ergebnis FROM befehle ORDER BY nr")
        XCTAssertEqual(logged.map { Array($0[1...]) }, [
            ["-c", "new auftrag A-1 typ=ba", "ok"],
            ["-c", Shell.refusedLine, "fehler"],
            ["-c", "list auftraege", "ok"],
            ["stdin", "mandant traegernummer=TR-1", "ok"],
            ["s.kbm", "add kursort KO-1", "ok"],
            ["s.kbm", "show", "ok"],
        ].map { $0.map(Optional.some) })
        let numbers = logged.compactMap { $0[0].flatMap { Int($0) } }
        XCTAssertEqual(numbers, numbers.sorted())
        XCTAssertEqual(Set(numbers).count, numbers.count)
        for row in try rows(s, "SELECT zeit FROM befehle") {
            XCTAssertEqual(row[0]?.count, 19, "zeit als JJJJ-MM-TT HH:MM:SS: \(row[0] ?? "nil")")
        }
    }

    func testBefehleRecordsRunAndTheIncludedLines() throws {
        let s = sandbox.path("s.db")
        sandbox.write("teil.kbm", "new auftrag A-1 typ=ba\n")
        XCTAssertEqual(sandbox.run(["--session", s, "-c", "run teil.kbm"]).status, 0)
        let logged = try rows(s, "SELECT quelle, zeile FROM befehle ORDER BY nr")
        XCTAssertEqual(logged, [["-c", "run teil.kbm"], ["teil.kbm", "new auftrag A-1 typ=ba"]])
    }

    // MARK: save

    func testSaveWritesACopyWithTheSameState() {
        let s = sandbox.path("s.db")
        populate(s, sample)
        let copy = sandbox.path("kopie.db")
        let r = sandbox.run(["--session", s, "-c", "save \(copy)"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("gespeichert"), r.stdout)
        XCTAssertEqual(report(session: copy), report(session: s))
    }

    func testSaveWorksFromAFreshSession() {
        let copy = sandbox.path("kopie.db")
        XCTAssertEqual(sandbox.run(["--fresh", "-c", "new auftrag A-1 typ=ba", "-c", "save kopie.db"]).status, 0)
        let r = sandbox.run(["--session", copy, "-c", "list auftraege"])
        XCTAssertTrue(r.stdout.contains("A-1"), r.stdout)
    }

    func testSaveRefusesAnExistingFile() {
        let s = sandbox.path("s.db")
        populate(s, sample)
        let existing = sandbox.write("vorhanden.db", "wichtig\n")
        let before = FileSnapshot(existing)
        let r = sandbox.run(["--session", s, "-c", "save \(existing)"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.contains("überschreibt keine Datei"), r.stderr)
        XCTAssertEqual(FileSnapshot(existing), before)
        // Nor its own session file.
        let own = sandbox.run(["--session", s, "-c", "save \(s)"])
        XCTAssertEqual(own.status, 3)
        XCTAssertEqual(report(session: s).contains("IK-1"), true)
    }
}
