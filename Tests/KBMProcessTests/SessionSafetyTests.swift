// Opening and locking a session safely: planted lock files and WALs, second names for a held session, files that
// others own or may change, and the system's reasons for a failed open in German.

import CSQLite
import Foundation
import XCTest
@testable import KBMCore
@testable import KBMPersistence

final class SessionSafetyTests: XCTestCase {
    var sandbox: Sandbox!

    override func setUp() { sandbox = Sandbox() }
    override func tearDown() { sandbox = nil }

    var isRoot: Bool { geteuid() == 0 }

    func makeSession(_ name: String) -> String {
        let s = sandbox.path(name)
        let r = sandbox.run(["--session", s, "-c", "set today 02.03.2026", "-c", "new auftrag A-1 typ=ba"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return s
    }

    /// Exit 4 with a German message naming `mentioning`; no command ran; `files` keep their bytes and mtime.
    func assertRefused(_ arguments: [String], files: [String], mentioning: [String], _ what: String, line: UInt = #line) {
        let snapshots = { files.map { fileExists($0) ? FileSnapshot($0) : nil } }
        let before = snapshots()
        usleep(20_000)  // a write now would show in the mtime
        let r = sandbox.run(arguments + ["-c", "new auftrag X-1 typ=ba"])
        XCTAssertEqual(r.status, 4, "\(what): \(r.stdout)\(r.stderr)", line: line)
        XCTAssertTrue(r.stderr.hasPrefix("kbm: Fehler: "), "\(what): \(r.stderr)", line: line)
        for text in mentioning { XCTAssertTrue(r.stderr.contains(text), "\(what): ohne „\(text)“: \(r.stderr)", line: line) }
        XCTAssertFalse(r.stdout.contains("X-1"), "\(what): ein Befehl lief", line: line)
        XCTAssertEqual(snapshots(), before, "\(what): Datei verändert oder entfernt", line: line)
    }

    // MARK: lock files (point 3)

    func testAPlantedLockSymlinkIsNeverFollowed() throws {
        let victim = sandbox.write("victim.txt", "Wichtig\n")
        let s = makeSession("s.db")
        unlink(s + "-lock")
        try FileManager.default.createSymbolicLink(atPath: s + "-lock", withDestinationPath: victim)
        assertRefused(["--session", s], files: [victim, s], mentioning: ["s.db-lock", "symbolischer Verweis"], "Sitzung")

        // `save X` with a planted X-lock: the copy is built under a temporary name and takes no lock of its own,
        // so the planted name is neither followed nor needed.
        try FileManager.default.createSymbolicLink(atPath: sandbox.path("kopie.db-lock"), withDestinationPath: victim)
        let other = makeSession("t.db")
        let save = sandbox.run(["--session", other, "-c", "save kopie.db"])
        XCTAssertEqual(save.status, 0, save.stderr)
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "Wichtig\n")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: sandbox.path("kopie.db-lock")), victim)
        XCTAssertTrue(fileExists(sandbox.path("kopie.db")))
    }

    func testAPlantedLockHardLinkFIFOOrForeignLockIsNotWritten() throws {
        let victim = sandbox.write("victim.txt", "Wichtig\n")
        let s = makeSession("s.db")
        unlink(s + "-lock")
        XCTAssertEqual(link(victim, s + "-lock"), 0)
        assertRefused(["--session", s], files: [victim, s], mentioning: ["s.db-lock", "2 Namen"], "harter Verweis")
        unlink(s + "-lock")
        XCTAssertEqual(mkfifo(s + "-lock", 0o600), 0)
        assertRefused(["--session", s], files: [s], mentioning: ["s.db-lock", "keine gewöhnliche Datei"], "FIFO")
        unlink(s + "-lock")
        if isRoot {
            let planted = sandbox.write("s.db-lock", "1\n")
            XCTAssertEqual(chown(planted, 65534, 65534), 0)
            assertRefused(["--session", s], files: [planted, s], mentioning: ["s.db-lock", "anderen Benutzer (UID 65534)"], "fremde Sperrdatei")
        }
    }

    // MARK: one session, many names (point 4)

    func testASymlinkOrHardLinkToAHeldSessionIsRefusedWithThePID() throws {
        let s = makeSession("s.db")
        try FileManager.default.createSymbolicLink(atPath: sandbox.path("verweis.db"), withDestinationPath: s)
        XCTAssertEqual(link(s, sandbox.path("zweiter-name.db")), 0)
        let holder = try sandbox.start(["--session", s])
        holder.send("new auftrag A-2 typ=ba")
        XCTAssertTrue(holder.waitFor("Auftrag A-2"), holder.output)
        for name in ["verweis.db", "zweiter-name.db"] {
            let second = sandbox.run(["--session", sandbox.path(name), "-c", "new auftrag B-1 typ=ba"])
            XCTAssertEqual(second.status, 4, "\(name): \(second.stdout)\(second.stderr)")
            XCTAssertTrue(second.stderr.contains("Sitzung wird bereits verwendet (PID \(holder.pid))"), "\(name): \(second.stderr)")
        }
        holder.send("new auftrag A-3 typ=ba")
        XCTAssertTrue(holder.waitFor("Auftrag A-3"), holder.output)
        holder.closeInput()
        XCTAssertEqual(holder.waitExit(), 0, holder.output)
        let after = sandbox.run(["--session", sandbox.path("zweiter-name.db"), "-c", "list auftraege"])
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertTrue(after.stdout.contains("A-3") && !after.stdout.contains("B-1"), after.stdout)
    }

    // MARK: a stray WAL (point 5)

    /// kbm killed on `name` after a command: its WAL and index stay beside it.
    func crashedWithWAL(_ name: String, command: String) throws -> String {
        let s = sandbox.path(name)
        let holder = try sandbox.start(["--session", s])
        holder.send(command)
        XCTAssertTrue(holder.waitFor("angelegt"), holder.output)
        holder.signal(SIGKILL)
        _ = holder.waitExit()
        XCTAssertGreaterThan(FileSnapshot(s + "-wal").size, 32)
        return s
    }

    func testAWALFromACopyOrAnotherSessionIsRefusedAndBothFilesKept() throws {
        let s = makeSession("s.db")
        copyFile(s, sandbox.path("kopie.db"))
        let copy = try crashedWithWAL("kopie.db", command: "new auftrag K-1 typ=ba")
        copyFile(copy + "-wal", s + "-wal")
        assertRefused(["--session", s], files: [s, s + "-wal"], mentioning: ["s.db-wal gehört nicht zur Sitzung"], "WAL einer Kopie")

        _ = makeSession("andere.db")
        let other = try crashedWithWAL("andere.db", command: "new auftrag Z-1 typ=ba")
        copyFile(other + "-wal", s + "-wal")
        assertRefused(["--session", s], files: [s, s + "-wal"], mentioning: ["s.db-wal gehört nicht zur Sitzung"], "WAL einer anderen Sitzung")

        // The copy's own WAL is still its own: recovered with the command that was acknowledged.
        let own = sandbox.run(["--session", copy, "-c", "list auftraege"])
        XCTAssertEqual(own.status, 0, own.stderr)
        XCTAssertTrue(own.stdout.contains("K-1"), own.stdout)
    }

    /// A process killed between removing the index and the WAL after its last checkpoint leaves a WAL that is
    /// already in the file: harmless, so the session opens.
    func testAWALWhoseChangesAreAlreadyInTheFileIsNoObstacle() throws {
        _ = makeSession("s.db")
        let s = try crashedWithWAL("s.db", command: "new auftrag A-2 typ=ba")
        let wal = FileSnapshot(s + "-wal").bytes
        // SQLite alone, writing nothing of its own: closing checkpoints the WAL into the file and removes both.
        XCTAssertEqual(try Database(path: s, create: false).scalar("SELECT count(*) FROM auftrag"), 2)
        XCTAssertFalse(fileExists(s + "-wal") || fileExists(s + "-shm"))
        try Data(wal).write(to: URL(fileURLWithPath: s + "-wal"))
        let r = sandbox.run(["--session", s, "-c", "list auftraege"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("A-2"), r.stdout)
    }

    /// A file refused after SQLite recovered its WAL (here: a trigger that came with the WAL) keeps both as they
    /// were: closing the refused file does not checkpoint the WAL into it.
    func testAFileRefusedAfterItsWALWasRecoveredIsNotCheckpointed() throws {
        let s = makeSession("s.db")
        let holder = try sandbox.start(["--session", s])
        holder.send("new auftrag A-2 typ=ba")
        XCTAssertTrue(holder.waitFor("angelegt"), holder.output)
        // Into the WAL only: closing this connection would otherwise checkpoint it into the file.
        do {
            let planter = try Database(path: s, create: false)
            _ = kbm_sqlite_db_config(planter.handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1)
            try planter.execute("CREATE TRIGGER t AFTER INSERT ON auftrag BEGIN DELETE FROM person; END")
        }
        holder.signal(SIGKILL)
        _ = holder.waitExit()
        assertRefused(["--session", s], files: [s, s + "-wal"], mentioning: ["Trigger „t“"], "Trigger in der WAL")
    }

    /// Another program that reads the session while kbm runs and closes it must not take kbm's WAL away: kbm keeps
    /// SQLite's locks on the file (it never closes a descriptor of it meanwhile), so the closing reader does not
    /// checkpoint and remove the WAL that kbm goes on writing to.
    func testAReaderClosedWhileKbmRunsLosesNoLaterCommand() throws {
        let s = makeSession("s.db")
        let holder = try sandbox.start(["--session", s])
        holder.send("new auftrag A-2 typ=ba")
        XCTAssertTrue(holder.waitFor("Auftrag A-2"), holder.output)
        XCTAssertEqual(try Database(path: s, create: false).scalar("SELECT count(*) FROM auftrag"), 2)
        XCTAssertTrue(fileExists(s + "-wal"), "die WAL von kbm ist weg")
        holder.send("new auftrag A-3 typ=ba")
        XCTAssertTrue(holder.waitFor("Auftrag A-3"), holder.output)
        holder.signal(SIGKILL)
        _ = holder.waitExit()
        let r = sandbox.run(["--session", s, "-c", "list auftraege"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("A-3"), "bestätigter Befehl verloren:\n" + r.stdout)
    }

    // MARK: files others own or may change (point 11)

    func testASessionWritableByGroupOrOthersIsRefused() throws {
        let s = makeSession("s.db")
        for mode: mode_t in [0o660, 0o606, 0o666] {
            XCTAssertEqual(chmod(s, mode), 0)
            assertRefused(["--session", s], files: [s], mentioning: ["s.db", "andere dürfen sie ändern", "chmod go-w"], "Modus \(String(mode, radix: 8))")
            XCTAssertEqual(fileMode(s), mode)
        }
        XCTAssertEqual(chmod(s, 0o640), 0)
        let readable = sandbox.run(["--session", s, "-c", "list auftraege"])
        XCTAssertEqual(readable.status, 0, readable.stderr)
        XCTAssertEqual(fileMode(s), 0o600, "für andere lesbar wird geschlossen")
    }

    func testASessionOrWALOwnedBySomeoneElseIsRefused() throws {
        let s = makeSession("s.db")
        let victim = sandbox.write("victim.txt", "Wichtig\n")
        try FileManager.default.createSymbolicLink(atPath: s + "-wal", withDestinationPath: victim)
        assertRefused(["--session", s], files: [s, victim], mentioning: ["s.db-wal", "symbolischer Verweis"], "WAL als Verweis")
        unlink(s + "-wal")
        guard isRoot else {
            throw XCTSkip("Dateien eines anderen Benutzers kann nur root anlegen; geprüft wird das in Läufen als root")
        }
        let planted = sandbox.write("s.db-wal", "")
        XCTAssertEqual(chown(planted, 65534, 65534), 0)
        assertRefused(["--session", s], files: [s, planted], mentioning: ["s.db-wal", "anderen Benutzer"], "fremde WAL")
        unlink(planted)
        XCTAssertEqual(chown(s, 65534, 65534), 0)
        assertRefused(["--session", s], files: [s], mentioning: ["kbm verwendet", "s.db", "gehört einem anderen Benutzer (UID 65534)"], "fremde Sitzung")
        let fresh = sandbox.path("geteilt.db")
        XCTAssertTrue(FileManager.default.createFile(atPath: fresh, contents: nil, attributes: [.posixPermissions: 0o666]))
        XCTAssertEqual(chown(fresh, 65534, 65534), 0)
        assertRefused(["--session", fresh], files: [fresh], mentioning: ["geteilt.db", "anderen Benutzer"], "leere fremde Datei")
    }

    // MARK: the system's reasons in German (point 17)

    func assertGermanOpenFailure(_ r: RunResult, naming file: String, reason: String, _ what: String, line: UInt = #line) {
        XCTAssertEqual(r.status, 4, "\(what): \(r.stdout)\(r.stderr)", line: line)
        XCTAssertEqual(r.stderr, "kbm: Fehler: Sitzungsdatei \(file) kann nicht geöffnet werden: \(reason)\n", what, line: line)
    }

    func testSystemErrorsOnOpeningAreGermanAndNameTheFile() throws {
        sandbox.write("datei", "x\n")
        for path in ["datei/s.db", "datei/ordner/s.db"] {
            assertGermanOpenFailure(sandbox.run(["--session", path, "-c", "list auftraege"]), naming: path,
                                    reason: "ein Teil des Pfades ist kein Verzeichnis", path)
        }
        let long = String(repeating: "a", count: 300) + ".db"
        assertGermanOpenFailure(sandbox.run(["--session", long, "-c", "list auftraege"]), naming: long, reason: "Name zu lang", "langer Name")

        let s = makeSession("s.db")
        for limit in 4...8 {
            let r = ProcessRunner.run("/bin/sh", ["-c", "ulimit -n \(limit); exec \"$0\" --session s.db -c 'list auftraege'", KBMBinary.path],
                                      cwd: sandbox.work, environment: sandbox.environment, stdin: nil, merge: false, timeout: 20)
            assertGermanOpenFailure(r, naming: "s.db", reason: "zu viele offene Dateien", "ulimit -n \(limit)")
        }
        XCTAssertEqual(sandbox.run(["--session", s, "-c", "list auftraege"]).status, 0)
    }

    /// A session its user may only read: SQLite opened it read-only without a word and every command failed with
    /// "Inappropriate ioctl for device". Root may write any file, so as root the test runs kbm as nobody.
    func testAReadOnlySessionIsRefusedAtOpening() throws {
        let s = makeSession("s.db")
        XCTAssertEqual(chmod(s, 0o400), 0)
        var command = [KBMBinary.path, "--session", "s.db", "-c", "new auftrag X-1 typ=ba"]
        if isRoot {
            let candidates: [String] = ["/usr/bin/setpriv", "/bin/setpriv"]
            guard let setpriv = candidates.first(where: { access($0, X_OK) == 0 }) else {
                throw XCTSkip("setpriv fehlt: als root kann kbm jede Datei schreiben")
            }
            let binary = sandbox.root + "/kbm"
            copyFile(KBMBinary.path, binary)
            for dir in [sandbox.root, sandbox.work] { chmod(dir, 0o755) }
            for file in [s, s + "-lock"] { XCTAssertEqual(chown(file, 65534, 65534), 0) }
            XCTAssertEqual(chown(sandbox.work, 65534, 65534), 0)
            command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", binary] + command.dropFirst()
        }
        let before = FileSnapshot(s)
        let r = ProcessRunner.run(command[0], Array(command.dropFirst()), cwd: sandbox.work, environment: sandbox.environment,
                                  stdin: nil, merge: false, timeout: 20)
        assertGermanOpenFailure(r, naming: "s.db", reason: "keine Berechtigung", "nur lesbar")
        XCTAssertEqual(FileSnapshot(s), before)
    }
}
