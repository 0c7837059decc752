// Writes that fail (a file-size limit, a full disk): a clear German error, nothing reported as saved
// that is not, the file on disk as it was, memory reloaded to match it, and no partial `save` copy.

import Foundation
import XCTest
@testable import KBMCore

final class WriteFailureTests: XCTestCase {
    var sandbox: Sandbox!

    override func setUp() { sandbox = Sandbox() }
    override func tearDown() { sandbox = nil }

    /// 100 KB: more than a small command writes into the WAL, less than a 57 KB title (twice: row and log line).
    let limit = 100 * 1024
    let bigTitle = String(repeating: "Überlänge ", count: 4800)

    func runLimited(_ arguments: [String], bytes: Int, stdin: String? = nil) -> RunResult {
        sandbox.runLimited(arguments, bytes: bytes, stdin: stdin)
    }

    func populate(_ session: String, _ commands: [String]) {
        let r = sandbox.run(["--session", session] + commands.flatMap { ["-c", $0] }, timeout: 60)
        XCTAssertEqual(r.status, 0, "populate: \(r.stderr)")
    }

    let sample = [
        "set today 02.03.2026",
        "mandant traegernummer=TR-4711",
        "add kursort KO-1",
        "new auftrag IK-1 typ=integrationskurs titel=Vormittag",
        "add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990",
        "book T1 kostentraeger=selbstzahler",
    ]

    /// What a process shows of the whole state; the same commands after a failure must show the same from memory.
    let reportCommands = ["list auftraege", "show", "show auftrag IK-1", "list kursorte", "mandant"]

    func report(session: String) -> String {
        let r = sandbox.run(["--session", session] + reportCommands.flatMap { ["-c", $0] })
        return r.stdout + r.stderr + "[\(r.status)]"
    }

    /// The file opens, passes SQLite's own check, and shows what `expected` showed.
    func assertIntact(_ session: String, shows expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(report(session: session), expected, "Stand auf der Platte", file: file, line: line)
        XCTAssertEqual(try rows(session, "PRAGMA integrity_check"), [["ok"]], file: file, line: line)
    }

    func assertNoFile(_ path: String, file: StaticString = #filePath, line: UInt = #line) {
        for side in ["", "-wal", "-shm", "-lock"] {
            XCTAssertFalse(fileExists(path + side), "\(path + side) blieb liegen", file: file, line: line)
        }
    }

    // MARK: a command

    func testACommandPastTheFileSizeLimitIsNotSavedAndMemoryMatchesTheFile() throws {
        let s = sandbox.path("s.db")
        populate(s, sample)
        let r = runLimited(["--session", s, "--keep-going"], bytes: limit, stdin: """
            new auftrag A-1 typ=ba titel=klein
            new auftrag GROSS typ=ba titel="\(bigTitle)"
            echo @@@
            \(reportCommands.joined(separator: "\n"))
            echo @@@
            add lehrkraft vorname=Anna nachname=Berger kennung=LK-1001

            """)
        XCTAssertEqual(r.status, 1, "ein Befehl schlug fehl, der Lauf ging weiter (nicht 153 = SIGXFSZ):\n" + r.stderr)
        XCTAssertTrue(r.stdout.contains("Auftrag A-1 (BA-Maßnahme) angelegt"), r.stdout)
        XCTAssertFalse(r.stdout.contains("Auftrag GROSS"), "als angelegt gemeldet, aber nicht gespeichert:\n" + r.stdout)
        XCTAssertTrue(r.stderr.contains("stdin:2: Fehler: Schreiben der Sitzung fehlgeschlagen (Datei zu groß, die Grenze für die Dateigröße ist erreicht); der Befehl ist nicht gespeichert"), r.stderr)

        // Memory was reloaded from the file: the report from inside the failed run is what a new process reads.
        let inside = (r.stdout.components(separatedBy: "@@@\n").dropFirst().first ?? "") + "[0]"
        let onDisk = report(session: s)
        XCTAssertEqual(onDisk, inside, lineDiff(expected: onDisk, actual: inside))
        let laterCommand = r.stdout.contains("Lehrkraft Anna Berger (LK-1001) angelegt")
            || r.stderr.contains("stdin:\(reportCommands.count + 5): Fehler: Schreiben der Sitzung fehlgeschlagen")
        XCTAssertTrue(laterCommand, "der Befehl danach gelingt oder scheitert sauber:\n" + r.stdout + r.stderr)
        XCTAssertFalse(inside.contains("GROSS"), inside)
        XCTAssertTrue(inside.contains("Auftrag A-1"), "show zeigt den zuletzt gespeicherten offenen Auftrag:\n" + inside)

        XCTAssertEqual(try rows(s, "PRAGMA integrity_check"), [["ok"]])
        XCTAssertEqual(try rows(s, "SELECT count(*) FROM befehle WHERE zeile LIKE '%GROSS%'"), [["0"]])
        XCTAssertEqual(try rows(s, "SELECT nummer FROM auftraege"), [["IK-1"], ["A-1"]])
    }

    func testOpeningUnderATinyLimitIsRefusedAsUnusableNotAsDamaged() throws {
        let s = sandbox.path("s.db")
        populate(s, sample)
        let before = report(session: s)
        // The -shm file alone needs 32 KB.
        let r = runLimited(["--session", s, "-c", "new auftrag A-1 typ=ba"], bytes: 16 * 1024)
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertTrue(r.stderr.contains("kann nicht geöffnet werden: Datei zu groß"), r.stderr)
        XCTAssertFalse(r.stderr.contains("beschädigt"), r.stderr)
        try assertIntact(s, shows: before)

        let fresh = sandbox.path("neu.db")
        let created = runLimited(["--session", fresh, "-c", "new auftrag A-1 typ=ba"], bytes: 64 * 1024)
        XCTAssertEqual(created.status, 4, created.stderr)
        XCTAssertTrue(created.stderr.contains("Sitzungsdatei \(fresh) kann nicht geöffnet werden: Datei zu groß"), created.stderr)
        // What is left is an empty session, not a broken one.
        let later = sandbox.run(["--session", fresh, "-c", "list auftraege"])
        XCTAssertEqual(later.status, 0, later.stderr)
    }

    // MARK: a script is one unit

    func bigScript(_ name: String, commands: Int) -> String {
        sandbox.write(name, (1...commands).map { "new auftrag S-\($0) typ=ba titel=\"\(bigTitle)\"" }.joined(separator: "\n")
                      + "\nnew auftrag S-LETZTER typ=ba\n")
    }

    /// At the commit at its end (small script) and in its middle (more than SQLite's page cache), with and without --keep-going.
    func testAScriptPastTheFileSizeLimitLeavesNoTrace() throws {
        let s = sandbox.path("s.db")
        populate(s, sample)
        let before = report(session: s)
        for (commands, keepGoing) in [(1, false), (1, true), (40, false), (40, true)] {
            let script = bigScript("gross-\(commands).kbm", commands: commands)
            let r = runLimited([script, "--session", s] + (keepGoing ? ["--keep-going"] : []), bytes: limit)
            let what = "\(commands) große Befehle\(keepGoing ? ", --keep-going" : "")"
            XCTAssertEqual(r.status, 3, what + ": " + r.stderr)
            XCTAssertTrue(r.stderr.contains("Fehler: Schreiben der Sitzung fehlgeschlagen (Datei zu groß, die Grenze für die Dateigröße ist erreicht); das Skript ist nicht gespeichert, die Sitzung ist wie vor dem Skript."),
                          what + ": " + r.stderr)
            XCTAssertEqual(r.stderr.components(separatedBy: "Fehler:").count, 2, what + ", genau eine Meldung: " + r.stderr)
            try assertIntact(s, shows: before)
            XCTAssertEqual(try rows(s, "SELECT count(*) FROM befehle WHERE quelle LIKE '%gross%'"), [["0"]], what)
        }
    }

    func testARunFileThatCannotBeWrittenLeavesTheCommandsAroundIt() throws {
        let s = sandbox.path("s.db")
        populate(s, sample)
        _ = bigScript("gross.kbm", commands: 40)
        let r = runLimited(["--session", s, "--keep-going"], bytes: limit,
                           stdin: "new auftrag VORHER typ=ba\nrun gross.kbm\nnew auftrag NACHHER typ=ba\n")
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("das Skript ist nicht gespeichert"), r.stderr)
        XCTAssertTrue(r.stderr.contains("aufgerufen von stdin:2"), r.stderr)
        XCTAssertEqual(try rows(s, "SELECT nummer FROM auftraege"), [["IK-1"], ["VORHER"], ["NACHHER"]])
        XCTAssertEqual(try rows(s, "SELECT zeile FROM befehle WHERE zeile LIKE '%S-%'"), [])
    }

    // MARK: save FILE

    /// 150 Aufträge with long titles: about 260 KB, so its copy does not fit under the limit.
    func largeSession() -> String {
        let s = sandbox.path("s.db")
        let script = sandbox.write("fuellen.kbm", "set today 02.03.2026\n" + (1...150).map {
            "new auftrag A-\($0) typ=ba titel=\"\(String(repeating: "Titel ", count: 50))\($0)\""
        }.joined(separator: "\n") + "\n")
        let r = sandbox.run([script, "--session", s], timeout: 60)
        XCTAssertEqual(r.status, 0, r.stderr)
        return s
    }

    func testASaveThatCannotBeWrittenCompletelyLeavesNoFile() throws {
        let s = largeSession()
        let copy = sandbox.path("kopie.db")
        let r = runLimited(["--session", s, "--keep-going"], bytes: limit,
                           stdin: "save kopie.db\nexpect anzahl auftraege=150\nnew auftrag N-1 typ=ba\n")
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("stdin:1: Fehler: Speichern nach kopie.db fehlgeschlagen (Datei zu groß, die Grenze für die Dateigröße ist erreicht); es ist keine Datei angelegt."), r.stderr)
        XCTAssertFalse(r.stdout.contains("gespeichert"), r.stdout)
        XCTAssertEqual(r.stderr.components(separatedBy: "Fehler:").count, 2, r.stderr)
        XCTAssertTrue(r.stdout.contains("Auftrag N-1 (BA-Maßnahme) angelegt"), r.stdout)
        assertNoFile(copy)
        XCTAssertEqual(try rows(s, "SELECT zeile, ergebnis FROM befehle WHERE quelle = 'stdin'"),
                       [["save kopie.db", "fehler"], ["expect anzahl auftraege=150", "ok"], ["new auftrag N-1 typ=ba", "ok"]])
        XCTAssertEqual(try rows(s, "SELECT count(*) FROM auftraege"), [["151"]])
        XCTAssertEqual(try rows(s, "PRAGMA integrity_check"), [["ok"]])
    }

    func testADumpThatCannotBeWrittenCompletelyLeavesNoFile() throws {
        let s = largeSession()
        // The dump (about 50 KB of titles) does not fit in 32 KB; the few WAL pages of the three commands do.
        let r = runLimited(["--session", s, "--keep-going"], bytes: 32 * 1024,
                           stdin: "dump voll.kbm\nnew auftrag N-2 typ=ba\n")
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("stdin:1: Fehler: voll.kbm kann nicht geschrieben werden: Datei zu groß"), r.stderr)
        XCTAssertTrue(r.stdout.contains("Auftrag N-2 (BA-Maßnahme) angelegt"), r.stdout)
        assertNoFile(sandbox.path("voll.kbm"))
    }

    /// The design: a script that stops at a failing command is committed up to there, also when that command is `save`.
    func testAFailedSaveInAScriptKeepsWhatTheScriptDidBefore() throws {
        let s = largeSession()
        sandbox.write("vorhanden.db", "wichtig\n")
        for (n, (target, limited)) in [("vorhanden.db", false), ("kopie.db", true)].enumerated() {
            let script = sandbox.write("sichern.kbm", "new auftrag VOR-\(n) typ=ba\nsave \(target)\nnew auftrag NACH-\(n) typ=ba\n")
            let r = limited ? runLimited([script, "--session", s], bytes: limit) : sandbox.run([script, "--session", s])
            XCTAssertEqual(r.status, 3, r.stderr)
            XCTAssertTrue(r.stderr.contains("sichern.kbm:2: Fehler:"), r.stderr)
            let listed = sandbox.run(["--session", s, "-c", "list auftraege"]).stdout
            XCTAssertTrue(listed.contains("VOR-\(n)"), target + ": " + listed)
            XCTAssertFalse(listed.contains("NACH-\(n)"), target + ": " + listed)
        }
        assertNoFile(sandbox.path("kopie.db"))
        XCTAssertEqual(try String(contentsOfFile: sandbox.path("vorhanden.db"), encoding: .utf8), "wichtig\n")
    }

    // MARK: a full disk

    /// Runs a shell script in its own mount namespace with a small tmpfs at $D (root only; skipped otherwise).
    func onSmallDisk(kilobytes: Int, _ script: String) throws -> String {
        guard getuid() == 0, fileExists("/usr/bin/unshare") else { throw XCTSkip("volle Platte nur als root mit unshare") }
        let d = sandbox.path("platte")
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        let body = "set -u\nmount -t tmpfs -o size=\(kilobytes)k tmpfs \"$D\" || exit 77\n" + script
        var env = sandbox.environment
        env["D"] = d
        env["KBM"] = KBMBinary.path
        let r = ProcessRunner.run("/usr/bin/unshare", ["-m", "/bin/sh", "-c", body], cwd: sandbox.work, environment: env,
                                  stdin: nil, merge: true, timeout: 60)
        if r.status == 77 || r.stdout.contains("unshare: ") { throw XCTSkip("kein tmpfs möglich: \(r.stdout)") }
        XCTAssertEqual(r.status, 0, r.stdout)
        return r.stdout
    }

    func testACommandOnAFullDiskIsNotSaved() throws {
        let out = try onSmallDisk(kilobytes: 1024, """
            "$KBM" --session "$D/s.db" -c 'new auftrag A-1 typ=ba titel=klein' >/dev/null
            # Fill the disk, leaving 64 KB: room for the -shm file and a small command, not for a big one.
            dd if=/dev/zero of="$D/reserve" bs=1k count=64 2>/dev/null
            dd if=/dev/zero of="$D/fuellung" bs=1k 2>/dev/null
            rm "$D/reserve"
            printf '%s\\n' 'new auftrag GROSS typ=ba titel="\(bigTitle)"' 'list auftraege' "save $D/kopie.db" | "$KBM" --session "$D/s.db" --keep-going
            echo "status=$?"
            echo "rest:" $(ls -A "$D")
            rm "$D/fuellung"
            "$KBM" --session "$D/s.db" -c 'list auftraege'
            echo "status=$?"
            """)
        XCTAssertTrue(out.contains("Fehler: Schreiben der Sitzung fehlgeschlagen (kein Platz mehr auf dem Datenträger); der Befehl ist nicht gespeichert"), out)
        XCTAssertTrue(out.contains("Fehler: Speichern nach "), out)
        XCTAssertTrue(out.contains("kopie.db fehlgeschlagen (kein Platz mehr auf dem Datenträger); es ist keine Datei angelegt."), out)
        XCTAssertTrue(out.contains("status=1\n"), out)
        let rest = out.split(separator: "\n").first { $0.hasPrefix("rest:") } ?? ""
        XCTAssertTrue(rest.contains("s.db") && !rest.contains("kopie"), "Teil einer Kopie blieb liegen:\n" + out)
        XCTAssertFalse(out.contains("Auftrag GROSS"), out)
        XCTAssertTrue(out.hasSuffix("A-1     BA-Maßnahme  klein\n(1 Zeile)\nstatus=0\n"), out)
    }

    /// `output`, `once` and `record` on a full disk: each lost write is an error naming the file, and the file keeps
    /// only whole outputs and lines (a replayed recording never runs half a command).
    func testOutputAndARecordingOnAFullDiskAreErrors() throws {
        let d = sandbox.path("platte")
        let long = String(repeating: "lang ", count: 2000)
        let script = sandbox.write("voll.kbm", "record \(d)/aufnahme.kbm\noutput \(d)/bericht.txt\n"
            + (1...3).map { "new auftrag A-\($0) typ=ba titel=\"\(long)\"\n" }.joined() + "list auftraege\noutput\nrecord stop\n")
        let out = try onSmallDisk(kilobytes: 64, """
            dd if=/dev/zero of="$D/fuellung" bs=1k count=40 2>/dev/null
            "$KBM" "\(script)" --fresh --keep-going >/dev/null
            echo "status=$?"
            tail -c 1 "$D/aufnahme.kbm" | od -An -c
            """)
        XCTAssertTrue(out.contains("Fehler: Aufzeichnung \(d)/aufnahme.kbm kann nicht weitergeschrieben werden: kein Platz mehr auf dem Datenträger; sie ist ab diesem Befehl unvollständig."), out)
        XCTAssertTrue(out.contains("voll.kbm:8: Fehler: Aufzeichnung \(d)/aufnahme.kbm beendet, aber unvollständig: kein Platz mehr auf dem Datenträger."), out)
        XCTAssertTrue(out.contains("Fehler: \(d)/bericht.txt kann nicht geschrieben werden: kein Platz mehr auf dem Datenträger; die Ausgabe des Befehls fehlt darin"), out)
        XCTAssertTrue(out.contains("status=1\n"), out)
        // The recording ends with a whole line: a replay never runs half a command.
        XCTAssertTrue(out.hasSuffix("\\n\n"), out)
    }

    /// Room for the copy's WAL but not also for its database file: closing would checkpoint and fail silently,
    /// leaving a short database file beside a WAL; `save` checkpoints itself and removes the copy instead.
    func testASaveWhoseCheckpointDoesNotFitLeavesNoFile() throws {
        let s = largeSession()
        // The copy's WAL is about 1.2 times the file, its -shm 32 KB: room for those, not for the file as well.
        let out = try onSmallDisk(kilobytes: FileSnapshot(s).size * 3 / 2 / 1024 + 40, """
            "$KBM" --session "\(s)" -c "save $D/kopie.db"
            echo "status=$?"
            echo "rest:" $(ls -A "$D")
            """)
        XCTAssertTrue(out.contains("kopie.db fehlgeschlagen (kein Platz mehr auf dem Datenträger); es ist keine Datei angelegt."), out)
        XCTAssertTrue(out.hasSuffix("status=3\nrest:\n"), "kein Rest im Verzeichnis:\n" + out)
    }
}
