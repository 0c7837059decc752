// Every file kbm writes (output, once, record, dump, verlauf --export, save): never onto the open session, never
// through a symlink or over an existing file without --ersetzen, never from a replayed export, whole or not at
// all when killed, and every failed write an error that names the file.

import Foundation
import XCTest
@testable import KBMCore
@testable import KBMPersistence

final class FileWriteSafetyTests: XCTestCase {
    var sandbox: Sandbox!

    override func setUp() { sandbox = Sandbox() }
    override func tearDown() { sandbox = nil }

    func populate(_ session: String) {
        let r = sandbox.run(["--session", session, "-c", "set today 02.03.2026", "-c", "new auftrag A-1 typ=ba titel=Vormittag",
                             "-c", "add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990"])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    /// The session opens, passes SQLite's check and still holds what `populate` put in.
    func assertSessionIntact(_ session: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertGreaterThan(FileSnapshot(session).size, 0, "Sitzung geleert", file: file, line: line)
        let r = sandbox.run(["--session", session, "-c", "list auftraege"])
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stdout.contains("A-1"), r.stdout, file: file, line: line)
        XCTAssertEqual(try rows(session, "PRAGMA integrity_check"), [["ok"]], file: file, line: line)
    }

    /// Every command that writes a file, aimed at `target`.
    func fileCommands(_ target: String) -> [String] {
        ["output \(target)", "once \(target)", "once \(target) --ersetzen", "output \(target) --ersetzen", "record \(target)",
         "dump \(target)", "dump --anonym \(target)", "verlauf --export \(target)", "save \(target)"]
    }

    // MARK: 1. the open session

    /// The report from the issue: `output s.db` left the session at 0 bytes while saying it was unchanged.
    func testOutputOntoTheOpenSessionIsRefusedAndTheSessionKept() throws {
        let s = sandbox.path("s.db")
        populate(s)
        let r = sandbox.run(["--session", s, "-c", "output s.db", "-c", "report"])
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("-c:1: Fehler: s.db ist eine Datei der offenen Sitzung; „output“ schreibt nicht hinein, die Sitzung bleibt unverändert."), r.stderr)
        try assertSessionIntact(s)
    }

    func testNoFileCommandWritesOntoTheSessionUnderAnyName() throws {
        let s = sandbox.path("s.db")
        populate(s)
        XCTAssertEqual(symlink("s.db", sandbox.path("verweis.db")), 0)
        XCTAssertEqual(link(s, sandbox.path("hart.db")), 0)
        XCTAssertEqual(symlink(sandbox.work, sandbox.path("ordner")), 0)
        // The -wal, -shm and -lock exist while the session is open; a -journal does not (its name is refused all the same).
        let names = ["s.db", "./s.db", "neu/../s.db", "verweis.db", "hart.db", "ordner/s.db", "\(sandbox.work)/s.db",
                     "s.db-wal", "s.db-shm", "s.db-lock", "s.db-journal", "neu/../s.db-journal", "ordner/s.db-wal"]
        for name in names {
            let commands = fileCommands(name)
            let r = sandbox.run(["--session", s, "--keep-going"] + commands.flatMap { ["-c", $0, "-c", "list auftraege"] })
            XCTAssertEqual(r.status, 1, name + ": " + r.stderr)
            XCTAssertEqual(r.stderr.components(separatedBy: "ist eine Datei der offenen Sitzung").count - 1, commands.count,
                           name + ": " + r.stderr)
            XCTAssertEqual(r.stdout.components(separatedBy: "A-1").count - 1, commands.count, name + ": alles auf dem Bildschirm")
            try assertSessionIntact(s)
        }
        XCTAssertFalse(fileExists(sandbox.path("neu")), "kein Ordner für eine abgewiesene Datei")
        XCTAssertFalse(fileExists(sandbox.path("s.db-journal")))
    }

    /// SQLite names its -wal after the resolved file, kbm its -lock after the name given: both are refused.
    func testASessionOpenedThroughASymlinkKeepsBothNamesFiles() throws {
        let s = sandbox.path("s.db")
        populate(s)
        XCTAssertEqual(symlink("s.db", sandbox.path("verweis.db")), 0)
        for name in ["s.db", "s.db-wal", "s.db-shm", "verweis.db-lock", "verweis.db-journal", "s.db-journal"] {
            let r = sandbox.run(["--session", "verweis.db", "-c", "once \(name) --ersetzen", "-c", "list auftraege"])
            XCTAssertEqual(r.status, 3, name + ": " + r.stderr)
            XCTAssertTrue(r.stderr.contains("\(name) ist eine Datei der offenen Sitzung"), r.stderr)
        }
        try assertSessionIntact(s)
    }

    // MARK: 2. existing files and symlinks

    func testOutputAndOnceReplaceAnExistingFileOnlyWithErsetzen() throws {
        let old = sandbox.write("bericht.txt", "wichtig\n")
        chmod(old, 0o644)
        let r = sandbox.run(["--fresh", "--keep-going", "-c", "new auftrag A-1 typ=ba", "-c", "once bericht.txt", "-c", "list auftraege",
                             "-c", "output bericht.txt", "-c", "list auftraege"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("-c:2: Fehler: bericht.txt gibt es schon; „once“ ersetzt eine Datei nur mit --ersetzen („once DATEI --ersetzen“)."), r.stderr)
        XCTAssertTrue(r.stderr.contains("-c:4: Fehler: bericht.txt gibt es schon; „output“ ersetzt eine Datei nur mit --ersetzen"), r.stderr)
        XCTAssertEqual(try String(contentsOfFile: old, encoding: .utf8), "wichtig\n")
        XCTAssertEqual(fileMode(old), 0o644)

        // A script stops there, with the place.
        let script = sandbox.write("bericht.kbm", "new auftrag A-1 typ=ba\nonce bericht.txt\nlist auftraege\n")
        let stopped = sandbox.run([script, "--fresh"])
        XCTAssertEqual(stopped.status, 3, stopped.stderr)
        XCTAssertTrue(stopped.stderr.contains("bericht.kbm:2: Fehler: bericht.txt gibt es schon"), stopped.stderr)
        XCTAssertEqual(try String(contentsOfFile: old, encoding: .utf8), "wichtig\n")

        for command in ["once bericht.txt --ersetzen", "output bericht.txt --ersetzen"] {
            let replaced = sandbox.run(["--fresh", "-c", "new auftrag \(command.hasPrefix("once") ? "O-1" : "P-1") typ=ba",
                                        "-c", command, "-c", "list auftraege"])
            XCTAssertEqual(replaced.status, 0, replaced.stderr)
            let text = try String(contentsOfFile: old, encoding: .utf8)
            XCTAssertTrue(text.contains(command.hasPrefix("once") ? "O-1" : "P-1") && !text.contains("wichtig"), text)
            // kbm's own file may hold personal data now: closed to others.
            XCTAssertEqual(fileMode(old), 0o600, command)
        }
    }

    /// Root replacing another user's file with --ersetzen writes into it, but leaves its owner and mode alone.
    func testAReplacedFileOfAnotherUserKeepsItsOwnerAndMode() throws {
        guard getuid() == 0 else {
            throw XCTSkip("nur als root prüfbar: ein Benutzer kann keine Datei eines anderen anlegen (als Benutzer prüft testOutputAndOnceReplaceAnExistingFileOnlyWithErsetzen den eigenen Fall)")
        }
        let other = sandbox.write("fremd.txt", "fremd\n")
        chmod(other, 0o664)
        XCTAssertEqual(chown(other, 65534, 65534), 0)
        let r = sandbox.run(["--fresh", "-c", "new auftrag A-1 typ=ba", "-c", "once fremd.txt --ersetzen", "-c", "list auftraege"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try String(contentsOfFile: other, encoding: .utf8).contains("A-1"))
        var st = stat()
        XCTAssertEqual(stat(other, &st), 0)
        XCTAssertEqual(st.st_uid, 65534)
        XCTAssertEqual(st.st_mode & 0o7777, 0o664)
    }

    func testNoCommandWritesThroughASymlinkToAFile() throws {
        let target = sandbox.write("ziel.txt", "wichtig\n")
        chmod(target, 0o644)
        XCTAssertEqual(symlink("ziel.txt", sandbox.path("verweis.txt")), 0)
        // A dangling symlink would create its target.
        XCTAssertEqual(symlink("neu.txt", sandbox.path("lose.txt")), 0)
        for name in ["verweis.txt", "lose.txt"] {
            let commands = fileCommands(name)
            let r = sandbox.run(["--fresh", "--keep-going", "-c", "new auftrag A-1 typ=ba"] + commands.flatMap { ["-c", $0, "-c", "list auftraege"] })
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertEqual(r.stderr.components(separatedBy: "Fehler:").count - 1, commands.count, name + ": " + r.stderr)
            XCTAssertEqual(r.stderr.components(separatedBy: "\(name) ist ein symbolischer Verweis").count - 1, 4, name + ": " + r.stderr)
        }
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "wichtig\n")
        XCTAssertEqual(fileMode(target), 0o644)
        XCTAssertFalse(fileExists(sandbox.path("neu.txt")))
    }

    /// Devices and pipes are written to as they are, without --ersetzen, also through a symlink.
    func testDevicesNeedNoOptionAndAPipeWithoutReaderIsAnError() throws {
        XCTAssertEqual(symlink("/dev/null", sandbox.path("nichts")), 0)
        let before = fileMode("/dev/null")
        let r = sandbox.run(["--fresh", "-c", "new auftrag A-1 typ=ba", "-c", "once /dev/null", "-c", "list auftraege",
                             "-c", "once nichts", "-c", "list auftraege", "-c", "output /dev/null", "-c", "list auftraege"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("Nummer"), r.stdout)
        XCTAssertEqual(fileMode("/dev/null"), before)

        let fifo = sandbox.makeFIFO("rohr")
        let piped = sandbox.run(["--fresh", "-c", "once \(fifo)", "-c", "list auftraege"], timeout: 10)
        XCTAssertEqual(piped.status, 3, piped.stderr)
        XCTAssertTrue(piped.stderr.contains("\(fifo) kann nicht geschrieben werden: niemand liest aus der Pipe"), piped.stderr)
    }

    // MARK: 2. replayed exports and recordings write no files

    func testReplayedExportsAndRecordingsWriteNoFiles() throws {
        let s = sandbox.path("s.db")
        let r = sandbox.run(["--session", s, "-c", "record aufnahme.kbm", "-c", "new auftrag A-1 typ=ba",
                             "-c", "once bericht.csv", "-c", "list auftraege", "-c", "output ausgabe.txt", "-c", "list auftraege",
                             "-c", "output", "-c", "dump abzug.kbm", "-c", "dump --anonym anonym.kbm", "-c", "save kopie.db",
                             "-c", "dump", "-c", "record stop",
                             "-c", "verlauf --export verlauf.kbm", "-c", "verlauf --export anonym-verlauf.kbm --anonym"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let omitted = ["once bericht.csv", "output ausgabe.txt", "dump abzug.kbm", "dump --anonym anonym.kbm", "save kopie.db"]
        for file in ["aufnahme.kbm", "verlauf.kbm", "anonym-verlauf.kbm"] {
            let text = try String(contentsOfFile: sandbox.path(file), encoding: .utf8)
            for line in omitted {
                XCTAssertTrue(text.contains("\n# ausgelassen (schreibt eine Datei): \(line)\n"), file + " ohne " + line + ":\n" + text)
            }
            // What writes no file is replayed as it was.
            for line in ["new auftrag A-1 typ=ba", "list auftraege", "output", "dump"] {
                XCTAssertTrue(text.contains("\n\(line)\n"), file + ": " + line)
            }
            XCTAssertFalse(text.contains("\nrecord "), file)
        }
        // Replayed in a folder of its own, each makes its session and nothing else.
        for file in ["aufnahme.kbm", "verlauf.kbm", "anonym-verlauf.kbm"] {
            let folder = sandbox.path("nachspielen-\(file)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let replay = sandbox.run([sandbox.path(file), "--session", "neu.db"], cwd: folder)
            XCTAssertEqual(replay.status, 0, file + ": " + replay.stderr)
            let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix("neu.db") }
            XCTAssertEqual(left, [], file)
        }
    }

    // MARK: 13. failed writes

    func testOutputToDevFullIsAnErrorNamingTheFile() throws {
        let s = sandbox.path("s.db")
        let r = sandbox.run(["--session", s, "--keep-going", "-c", "once /dev/full", "-c", "new auftrag B-1 typ=ba",
                             "-c", "list auftraege"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stderr, "-c:2: Fehler: /dev/full kann nicht geschrieben werden: kein Platz mehr auf dem Datenträger; die Ausgabe des Befehls fehlt darin (der Befehl selbst ist ausgeführt), weitere Ausgabe geht auf den Bildschirm.\n")
        XCTAssertTrue(r.stdout.contains("B-1"), "der Befehl danach zeigt seine Ausgabe")
        XCTAssertEqual(try rows(s, "SELECT nummer FROM auftraege"), [["B-1"]])

        // `output` in a script: the script stops at the first command whose output is lost.
        let script = sandbox.write("voll.kbm", "output /dev/full\nnew auftrag C-1 typ=ba\nnew auftrag C-2 typ=ba\n")
        let stopped = sandbox.run([script, "--fresh"])
        XCTAssertEqual(stopped.status, 3, stopped.stderr)
        XCTAssertTrue(stopped.stderr.hasPrefix("\(script):2: Fehler: /dev/full kann nicht geschrieben werden: kein Platz mehr"), stopped.stderr)
        XCTAssertFalse(stopped.stdout.contains("C-2"), stopped.stdout)
    }

    func runLimited(_ arguments: [String], bytes: Int) -> RunResult { sandbox.runLimited(arguments, bytes: bytes) }

    func testOutputPastTheFileSizeLimitIsAnError() throws {
        let long = String(repeating: "lang ", count: 400)
        let filler = (1...10).map { "new auftrag A-\($0) typ=ba titel=\"\(long)\"" }.joined(separator: "\n")
        for (redirect, status) in [("once gross.txt", 1), ("output gross.txt", 1)] {
            try? FileManager.default.removeItem(atPath: sandbox.path("gross.txt"))
            let script = sandbox.write("gross.kbm", filler + "\n\(redirect)\nlist auftraege\necho danach\n")
            let r = runLimited([script, "--fresh", "--keep-going"], bytes: 4096)
            XCTAssertEqual(r.status, Int32(status), redirect + ": " + r.stderr)
            XCTAssertTrue(r.stderr.contains("gross.kbm:12: Fehler: gross.txt kann nicht geschrieben werden: Datei zu groß, die Grenze für die Dateigröße ist erreicht; die Ausgabe des Befehls fehlt darin"), redirect + ": " + r.stderr)
            XCTAssertTrue(r.stdout.hasSuffix("danach\n"), "weitere Ausgabe auf dem Bildschirm: " + r.stdout)
        }
    }

    func testARecordingThatCannotBeWrittenIsAnErrorAlsoAtRecordStop() throws {
        let long = String(repeating: "lang ", count: 400)
        let r = runLimited(["--fresh", "--keep-going", "-c", "record aufnahme.kbm", "-c", "echo kurz"]
                           + (1...4).flatMap { ["-c", "echo \($0) \(long)"] } + ["-c", "record stop"], bytes: 4096)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stderr.components(separatedBy: "Fehler:").count - 1, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("-c:4: Fehler: Aufzeichnung aufnahme.kbm kann nicht weitergeschrieben werden: Datei zu groß, die Grenze für die Dateigröße ist erreicht; sie ist ab diesem Befehl unvollständig."), r.stderr)
        XCTAssertTrue(r.stderr.contains("-c:7: Fehler: Aufzeichnung aufnahme.kbm beendet, aber unvollständig: Datei zu groß"), r.stderr)
        XCTAssertFalse(r.stdout.contains("Aufzeichnung aufnahme.kbm beendet."), r.stdout)
    }

    // MARK: 12. whole or nothing

    /// A file that appeared under the name while kbm wrote is never replaced, and the temporary file is gone.
    func testPublishingNeverReplacesAFileThatAppearedMeanwhile() throws {
        let target = sandbox.path("ziel.kbm")
        let (fd, temporary) = try AtomicFile.createTemporary(beside: target)
        XCTAssertEqual(Glibc.write(fd, "neu\n", 4), 4)
        close(fd)
        XCTAssertTrue(temporary.hasPrefix(sandbox.path(".ziel.kbm.kbm-tmp-\(getpid())-")), temporary)
        sandbox.write("ziel.kbm", "anderer Prozess\n")
        XCTAssertThrowsError(try AtomicFile.publish(temporary, as: target))
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "anderer Prozess\n")
        XCTAssertFalse(fileExists(temporary))
        // A symlink in the way is not followed either.
        let (fd2, second) = try AtomicFile.createTemporary(beside: sandbox.path("verweis.kbm"))
        close(fd2)
        XCTAssertEqual(symlink("nirgends.kbm", sandbox.path("verweis.kbm")), 0)
        XCTAssertThrowsError(try AtomicFile.publish(second, as: sandbox.path("verweis.kbm")))
        XCTAssertFalse(fileExists(sandbox.path("nirgends.kbm")))
    }

    /// Thousands of Tn, so writing a copy, a dump or an export takes a while to kill it in.
    func largeSession() -> String {
        func name(_ n: Int) -> String {
            var n = n, s = ""
            repeat { s.append(Character(UnicodeScalar(UInt8(97 + n % 26)))); n /= 26 } while n > 0
            return s
        }
        let lines = ["set today 02.03.2026", "new auftrag A-1 typ=ba"]
            + (1...4000).map { "add teilnehmer vorname=Vor\(name($0)) nachname=Nach\(name($0)) geboren=01.01.1990 strasse=\"Lange Strasse \($0)\" plz=12345 ort=Berlin" }
            + (1...2000).map { "book T\($0) kostentraeger=selbstzahler" }
        let script = sandbox.write("fuellen.kbm", lines.joined(separator: "\n") + "\n")
        let s = sandbox.path("s.db")
        let r = sandbox.run([script, "--session", s], timeout: 120)
        XCTAssertEqual(r.status, 0, r.stderr)
        return s
    }

    /// Starts kbm, kills it with SIGKILL after `delay` seconds (if it still runs); true if it was killed.
    func killed(_ arguments: [String], after delay: Double, signal: Int32 = SIGKILL) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KBMBinary.path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: sandbox.work)
        process.environment = sandbox.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(useconds_t(delay * 1_000_000))
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
    }

    func seconds(_ run: () -> Void) -> Double {
        let start = Date()
        run()
        return Date().timeIntervalSince(start)
    }

    /// The target after a kill is absent or whole; nothing else under its name. A process killed with SIGKILL may leave
    /// its temporary file (`.NAME.kbm-tmp-PID-…`), which names what left it; they are counted and removed. SIGTERM and
    /// SIGHUP leave none: kbm removes it before it ends.
    func testAKilledSaveDumpOrExportLeavesTheTargetAbsentOrWhole() throws {
        let s = largeSession()
        let dumpReference = sandbox.run(["--session", s, "-c", "dump"], timeout: 60).stdout
        XCTAssertTrue(dumpReference.hasSuffix("book T2000 kostentraeger=selbstzahler\n") || dumpReference.contains("T2000"))
        var exportReference = ""
        // The export's first line holds the time of writing; the rest is the same every time (exports are not replayed).
        func body(_ path: String) -> String? {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            return String(text.drop { $0 != "\n" })
        }
        let cases: [(command: String, target: String, isWhole: (String) -> Bool)] = [
            ("save kopie.db", "kopie.db", { path in
                (try? rows(path, "PRAGMA integrity_check")) == [["ok"]] && (try? rows(path, "SELECT count(*) FROM teilnehmer")) == [["4000"]]
            }),
            ("dump abzug.kbm", "abzug.kbm", { path in (try? String(contentsOfFile: path, encoding: .utf8)) == dumpReference }),
            ("verlauf --export verlauf.kbm", "verlauf.kbm", { path in body(path) == exportReference }),
        ]
        var report: [String] = []
        for (command, target, isWhole) in cases {
            let path = sandbox.path(target)
            let duration = seconds { XCTAssertEqual(sandbox.run(["--session", s, "-c", command], timeout: 60).status, 0, command) }
            if target == "verlauf.kbm" { exportReference = body(path) ?? "" }
            XCTAssertTrue(isWhole(path), "\(command): die vollständige Datei ist nicht wie erwartet")
            // Reading the copy with SQLite leaves its -wal and -shm beside it.
            func remove() { for side in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + side) } }
            remove()
            var outcomes: [String: Int] = [:]
            for round in 0..<18 {
                let delay = duration * Double.random(in: 0.2...1.1)
                let signal = [SIGKILL, SIGTERM, SIGHUP][round % 3]
                let wasKilled = try killed(["--session", s, "-c", command], after: delay, signal: signal)
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: sandbox.work).filter { $0.hasPrefix(target) && $0 != target }
                XCTAssertEqual(leftovers, [], "\(command), Runde \(round): etwas unter dem Namen der Datei")
                let temporaries = try FileManager.default.contentsOfDirectory(atPath: sandbox.work).filter { $0.hasPrefix(".\(target).kbm-tmp-") }
                if signal != SIGKILL {
                    XCTAssertEqual(temporaries, [], "\(command), Runde \(round): Signal \(signal) ließ die vorläufige Datei liegen")
                }
                let outcome: String
                if fileExists(path) {
                    XCTAssertTrue(isWhole(path), "\(command), Runde \(round), nach \(Int(delay * 1000)) ms: unvollständige Datei \(FileSnapshot(path))")
                    outcome = "ganz"
                    remove()
                } else {
                    outcome = temporaries.isEmpty ? "fehlt" : "fehlt, vorläufige Datei liegt"
                }
                outcomes[outcome + (wasKilled ? (signal == SIGKILL ? " (KILL)" : " (TERM/HUP)") : " (fertig)"), default: 0] += 1
                for name in temporaries { try FileManager.default.removeItem(atPath: sandbox.path(name)) }
            }
            report.append("\(command) (\(Int(duration * 1000)) ms): \(outcomes.sorted { $0.key < $1.key })")
        }
        try assertSessionIntactLarge(s)
        print(report.joined(separator: "\n"))
    }

    func assertSessionIntactLarge(_ s: String) throws {
        XCTAssertEqual(try rows(s, "PRAGMA integrity_check"), [["ok"]])
        XCTAssertEqual(try rows(s, "SELECT count(*) FROM teilnehmer"), [["4000"]])
    }
}

extension Sandbox {
    /// Runs kbm with RLIMIT_FSIZE at `bytes` (`ulimit -f` counts 512-byte blocks); kbm ignores SIGXFSZ.
    func runLimited(_ arguments: [String], bytes: Int, stdin: String? = nil) -> RunResult {
        ProcessRunner.run("/bin/sh", ["-c", "ulimit -f \(bytes / 512) && exec \"$0\" \"$@\"", KBMBinary.path] + arguments,
                          cwd: work, environment: environment, stdin: stdin, merge: false, timeout: 60)
    }
}
