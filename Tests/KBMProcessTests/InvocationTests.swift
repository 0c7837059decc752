// The command line of the built kbm: every flag and every exit status (0, 1, 2, 3, 4, 130).

import Foundation
import XCTest
@testable import KBMCore
@testable import KBMPersistence

final class InvocationTests: XCTestCase {
    var sandbox: Sandbox!

    override func setUp() {
        sandbox = Sandbox()
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: KBMBinary.path), "kbm nicht gebaut: \(KBMBinary.path)")
    }

    override func tearDown() { sandbox = nil }

    // MARK: --help, --version

    func testHelpListsEveryOptionAndExitsZero() {
        let r = sandbox.run(["--help"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for option in ["-c", "--session", "--fresh", "--echo", "--keep-going", "--format", "--today", "--version"] {
            XCTAssertTrue(r.stdout.contains(option), "--help nennt \(option) nicht:\n\(r.stdout)")
        }
        XCTAssertEqual(r.stderr, "")
        XCTAssertFalse(fileExists(sandbox.defaultSession), "--help darf keine Sitzung anlegen")
    }

    /// The parser's own words are German too: its headings, --help and --version, and every refusal.
    func testHelpAndRefusalsOfTheCommandLineAreGerman() {
        for arguments in [["--help"], ["-h"]] {
            let r = sandbox.run(arguments)
            for english in ["OVERVIEW", "USAGE", "ARGUMENTS", "OPTIONS", "Show the version", "Show help information"] {
                XCTAssertFalse(r.stdout.contains(english), "\(arguments): \(english)\n\(r.stdout)")
            }
            XCTAssertTrue(r.stdout.contains("--version               Zeigt die Version von kbm."), r.stdout)
            XCTAssertTrue(r.stdout.contains("-h, --help              Zeigt diese Hilfe."), r.stdout)
        }
        for (arguments, german) in [
            (["--bogus"], "Unbekannte Option „--bogus“."),
            (["--sesion", "x.db"], "Unbekannte Option „--sesion“. Gemeint ist wohl „--session“."),
            (["--format"], "Der Option „--format <FORMAT>“ fehlt ihr Wert."),
            (["a.kbm", "b.kbm"], "Unerwartetes Argument „b.kbm“."),
            (["--fresh=ja"], "Die Option „--fresh“ nimmt keinen Wert, doch „ja“ ist angegeben."),
        ] {
            let r = sandbox.run(arguments)
            XCTAssertEqual(r.status, 2, r.stderr)
            XCTAssertTrue(r.stderr.hasPrefix("kbm: Fehler: \(german)\nAufruf: kbm [<DATEI>]"), "\(arguments): \(r.stderr)")
            for english in ["Error", "Usage", "See '", "Unknown", "Missing", "Unexpected"] {
                XCTAssertFalse(r.stderr.contains(english), "\(arguments): \(r.stderr)")
            }
        }
    }

    /// Every switch takes ja|nein and on|off alike.
    func testSwitchesTakeJaNeinAndOnOffAlike() {
        let r = sandbox.run(["--fresh", "-c", "set bail nein", "-c", "set echo ja", "-c", "set timer off", "-c", "bamf offline ja",
                             "-c", "bamf offline nein", "-c", "mandant traegernummer=TR-1 testumgebung=on", "-c", "set echo off"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("kbm> bamf offline ja\n"), r.stdout)
    }

    func testVersionExitsZero() {
        let r = sandbox.run(["--version"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("kbm "), r.stdout)
        XCTAssertTrue(r.stdout.contains(where: \.isNumber), r.stdout)
        XCTAssertFalse(fileExists(sandbox.defaultSession))
    }

    // MARK: exit 2: usage errors

    func testUnknownOptionIsAUsageError() {
        let r = sandbox.run(["--bogus"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("--bogus"), r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertFalse(fileExists(sandbox.defaultSession), "ein Aufruffehler darf keine Sitzung anlegen")
    }

    func testOptionWithoutValueIsAUsageError() {
        XCTAssertEqual(sandbox.run(["--format"]).status, 2)
        XCTAssertEqual(sandbox.run(["-c"]).status, 2)
        XCTAssertEqual(sandbox.run(["--session"]).status, 2)
    }

    func testUnreadableScriptIsAUsageError() {
        let missing = sandbox.run(["gibt-es-nicht.kbm"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("gibt-es-nicht.kbm"), missing.stderr)
        XCTAssertTrue(missing.stderr.contains("nicht lesbar"), missing.stderr)

        try! FileManager.default.createDirectory(atPath: sandbox.path("ordner.kbm"), withIntermediateDirectories: true)
        let directory = sandbox.run(["ordner.kbm"])
        XCTAssertEqual(directory.status, 2, directory.stderr)
        XCTAssertFalse(fileExists(sandbox.defaultSession))
    }

    func testBadTodayIsAUsageError() {
        for bad in ["31.02.2026", "2026-02-30", "gestern", "1.1.26"] {
            let r = sandbox.run(["--today", bad, "-c", "list auftraege"])
            XCTAssertEqual(r.status, 2, "--today \(bad): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(bad), r.stderr)
            XCTAssertEqual(r.stdout, "", "--today \(bad): kein Befehl darf laufen")
        }
        XCTAssertFalse(fileExists(sandbox.defaultSession))
    }

    func testBadFormatIsAUsageError() {
        let r = sandbox.run(["--format", "xml", "-c", "list auftraege"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("xml"), r.stderr)
        XCTAssertEqual(r.stdout, "")
    }

    func testConflictingOptionsAreUsageErrors() {
        sandbox.write("s.kbm", "list auftraege\n")
        XCTAssertEqual(sandbox.run(["s.kbm", "-c", "list auftraege"]).status, 2)
        XCTAssertEqual(sandbox.run(["--fresh", "--session", "x.db", "-c", "list auftraege"]).status, 2)
        XCTAssertFalse(fileExists(sandbox.path("x.db")))
    }

    // MARK: -c

    func testCommandsRunInOrder() {
        let r = sandbox.run(["--fresh", "-c", "new auftrag A-1 typ=ba", "-c", "list auftraege"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let created = r.stdout.range(of: "Auftrag A-1 (BA-Maßnahme) angelegt")
        let listed = r.stdout.range(of: "A-1     BA-Maßnahme")
        XCTAssertNotNil(created, r.stdout)
        XCTAssertNotNil(listed, r.stdout)
        if let created, let listed { XCTAssertLessThan(created.lowerBound, listed.lowerBound) }
    }

    func testCommandErrorsAreNamedByIndexAndStopTheRun() {
        let r = sandbox.run(["--fresh", "-c", "list auftraege", "-c", "lsit auftraege", "-c", "new auftrag A-1 typ=ba"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.hasPrefix("-c:2: Fehler: Unbekannter Befehl „lsit“"), r.stderr)
        XCTAssertFalse(r.stdout.contains("A-1"), "nach dem Fehler darf nichts mehr laufen:\n\(r.stdout)")
    }

    // MARK: piped stdin

    func testPipedStdinRunsOnTheDefaultSession() {
        let r = sandbox.run([], stdin: "set today 02.03.2026\nnew auftrag A-1 typ=ba\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Auftrag A-1 (BA-Maßnahme) angelegt"), r.stdout)
        XCTAssertTrue(fileExists(sandbox.defaultSession))
        let again = sandbox.run(["-c", "list auftraege"])
        XCTAssertTrue(again.stdout.contains("A-1"), again.stdout)
    }

    func testPipedStdinErrorsAreNamedStdinAndStopTheRun() {
        let r = sandbox.run(["--fresh"], stdin: "list auftraege\n\nneu auftrag A-1\nnew auftrag A-2 typ=ba\n")
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.hasPrefix("stdin:3: Fehler: Unbekannter Befehl „neu“"), r.stderr)
        XCTAssertFalse(r.stdout.contains("A-2"), r.stdout)
    }

    // MARK: scripts

    func testScriptRunsOnAFreshSessionAndLeavesTheDefaultAlone() {
        XCTAssertEqual(sandbox.run(["-c", "new auftrag ALT typ=ba"]).status, 0)
        let before = FileSnapshot(sandbox.defaultSession)
        sandbox.write("s.kbm", "list auftraege\nnew auftrag NEU typ=ba\n")
        let r = sandbox.run(["s.kbm"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("(0 Zeilen)"), "ein Skript beginnt bei nichts:\n\(r.stdout)")
        XCTAssertEqual(FileSnapshot(sandbox.defaultSession), before, "ein Skript ohne --session schreibt keine Sitzung")
    }

    func testScriptWithoutSessionCreatesNoFile() {
        sandbox.write("s.kbm", "new auftrag A-1 typ=ba\n")
        XCTAssertEqual(sandbox.run(["s.kbm"]).status, 0)
        XCTAssertFalse(fileExists(sandbox.dataHome + "/kbm"), "ein Skript läuft im Speicher")
    }

    func testScriptErrorsNameFileAndLine() {
        sandbox.write("dir/s.kbm", "# Kommentar\nlist auftraege\nnew auftrag A-1 typ=ba extra\nnew auftrag A-2 typ=ba\n")
        let r = sandbox.run(["dir/s.kbm"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.hasPrefix("dir/s.kbm:3: Fehler: Überzähliges Wort „extra“"), r.stderr)
        XCTAssertFalse(r.stdout.contains("A-2"), r.stdout)
    }

    func testExitEndsAScriptSuccessfully() {
        sandbox.write("s.kbm", "new auftrag A-1 typ=ba\nexit\nnew auftrag A-2 typ=ba\n")
        let r = sandbox.run(["s.kbm"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("A-1"))
        XCTAssertFalse(r.stdout.contains("A-2"), r.stdout)
        sandbox.write("q.kbm", "QUIT\nnew auftrag A-2 typ=ba\n")
        XCTAssertEqual(sandbox.run(["q.kbm"]).stdout, "")
    }

    // MARK: --session, --fresh

    func testSessionOptionPersistsAScript() {
        sandbox.write("s.kbm", "new auftrag A-1 typ=ba\n")
        XCTAssertEqual(sandbox.run(["s.kbm", "--session", "s.db"]).status, 0)
        let r = sandbox.run(["--session", "s.db", "-c", "list auftraege"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("A-1"), r.stdout)
        XCTAssertFalse(fileExists(sandbox.defaultSession), "--session ersetzt die Standardsitzung")
    }

    func testFreshReadsNothingAndWritesNothing() {
        XCTAssertEqual(sandbox.run(["-c", "new auftrag ALT typ=ba"]).status, 0)
        let before = FileSnapshot(sandbox.defaultSession)
        let r = sandbox.run(["--fresh", "-c", "list auftraege", "-c", "new auftrag NEU typ=ba"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("ALT"), r.stdout)
        XCTAssertEqual(FileSnapshot(sandbox.defaultSession), before)

        let empty = Sandbox()
        XCTAssertEqual(empty.run(["--fresh"], stdin: "new auftrag A-1 typ=ba\n").status, 0)
        XCTAssertFalse(fileExists(empty.dataHome + "/kbm"), "--fresh legt nichts an")
    }

    func testDefaultSessionIsUnderXDGDataHome() {
        XCTAssertEqual(sandbox.run(["-c", "new auftrag A-1 typ=ba"]).status, 0)
        XCTAssertTrue(fileExists(sandbox.defaultSession))
    }

    func testDefaultSessionWithoutXDGDataHomeIsUnderHome() {
        let r = sandbox.run(["-c", "new auftrag A-1 typ=ba"], environment: ["XDG_DATA_HOME": nil])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(fileExists(sandbox.home + "/.local/share/kbm/sitzung.db"))
    }

    // MARK: --echo

    func testEchoPrintsPromptAndLineBeforeItsOutput() {
        let r = sandbox.run(["--fresh", "--echo", "-c", "list auftraege", "-c", "new auftrag A-1 typ=ba", "-c", "lsit"], merge: true)
        XCTAssertEqual(r.status, 3)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first, "kbm> list auftraege")
        XCTAssertTrue(lines.contains("kbm> new auftrag A-1 typ=ba"), r.stdout)
        // The prompt shows the open Auftrag; the error follows its echoed line.
        XCTAssertTrue(r.stdout.hasSuffix("kbm A-1> lsit\n-c:3: Fehler: Unbekannter Befehl „lsit“. Meinten Sie „list“?\n"), r.stdout)
    }

    /// A script's output is written in large pieces; errors on stderr still come exactly where they happened,
    /// also past the first piece, and nothing is lost at the end.
    func testAScriptsLongOutputAndItsErrorsStayInOrder() {
        let lines = (1...3000).map { "echo Zeile \($0) mit etwas Text, damit mehr als 64 KiB zusammenkommen" }
        sandbox.write("lang.kbm", (lines + ["lsit", "echo danach"] + lines).joined(separator: "\n") + "\n")
        let r = sandbox.run(["lang.kbm", "--keep-going"], merge: true)
        XCTAssertEqual(r.status, 1)
        let expected = lines.map { String($0.dropFirst(5)) } + ["lang.kbm:3001: Fehler: Unbekannter Befehl „lsit“. Meinten Sie „list“?",
                                                                 "danach"] + lines.map { String($0.dropFirst(5)) }
        XCTAssertEqual(r.stdout, expected.joined(separator: "\n") + "\n")
    }

    func testWithoutEchoNoLineIsRepeated() {
        let r = sandbox.run(["--fresh", "-c", "list auftraege"])
        XCTAssertFalse(r.stdout.contains("kbm>"), r.stdout)
        XCTAssertFalse(r.stdout.contains("list auftraege"), r.stdout)
    }

    // MARK: --keep-going and exit 1 / 3

    func testKeepGoingRunsOnAndExitsOne() {
        sandbox.write("s.kbm", "lsit\nnew auftrag A-1 typ=ba\nnew auftrag A-1 typ=ba\nlist auftraege\n")
        let r = sandbox.run(["--keep-going", "s.kbm"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("s.kbm:1: Fehler"), r.stderr)
        XCTAssertTrue(r.stderr.contains("s.kbm:3: Fehler"), r.stderr)
        XCTAssertTrue(r.stdout.contains("(1 Zeile)"), r.stdout)

        let c = sandbox.run(["--fresh", "--keep-going", "-c", "lsit", "-c", "new auftrag A-1 typ=ba"])
        XCTAssertEqual(c.status, 1)
        XCTAssertTrue(c.stdout.contains("A-1"), c.stdout)
    }

    func testWithoutKeepGoingAScriptStopsWithThree() {
        sandbox.write("s.kbm", "new auftrag A-1 typ=ba\nnew auftrag A-1 typ=ba\nlist auftraege\n")
        let r = sandbox.run(["s.kbm"])
        XCTAssertEqual(r.status, 3)
        XCTAssertFalse(r.stdout.contains("Zeile"), "list auftraege darf nicht mehr laufen:\n\(r.stdout)")
    }

    /// Judgement call: `exit` after a failure that the run went past still reports the failure (1), as the end of the file would.
    func testKeepGoingFailureThenExitStillExitsOne() {
        sandbox.write("s.kbm", "lsit\nexit\n")
        XCTAssertEqual(sandbox.run(["--keep-going", "s.kbm"]).status, 1)
    }

    func testEverythingSucceedingExitsZero() {
        sandbox.write("s.kbm", "set today 02.03.2026\nnew auftrag A-1 typ=ba\nlist auftraege\nhelp\n")
        let r = sandbox.run(["s.kbm"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
    }

    func testErrorsGoToStderrAndResultsToStdout() {
        let r = sandbox.run(["--fresh", "--keep-going", "-c", "new auftrag A-1 typ=ba", "-c", "lsit"])
        XCTAssertTrue(r.stdout.contains("angelegt"))
        XCTAssertFalse(r.stdout.contains("Fehler"), r.stdout)
        XCTAssertTrue(r.stderr.contains("Fehler"), r.stderr)
        XCTAssertFalse(r.stderr.contains("angelegt"), r.stderr)
    }

    // MARK: --format

    func testFormatOption() {
        let commands = ["-c", "new auftrag A-1 typ=ba titel=\"x, y\"", "-c", "list auftraege"]
        let table = sandbox.run(["--fresh", "--format", "table"] + commands)
        XCTAssertTrue(table.stdout.contains("Nummer  Typ          Titel  BAMF-Kursnummer\n"), table.stdout)
        let csv = sandbox.run(["--fresh", "--format", "csv"] + commands)
        XCTAssertTrue(csv.stdout.hasSuffix("Nummer,Typ,Titel,BAMF-Kursnummer\nA-1,BA-Maßnahme,\"x, y\",\n"), csv.stdout)
        let json = sandbox.run(["--fresh", "--format", "json"] + commands)
        XCTAssertTrue(json.stdout.hasSuffix("[{\"nummer\":\"A-1\",\"typ\":\"BA-Maßnahme\",\"titel\":\"x, y\",\"kursnummer\":null}]\n"), json.stdout)
        for r in [table, csv, json] { XCTAssertEqual(r.status, 0, r.stderr) }
    }

    // MARK: --today

    /// The clock is visible in a copy: `save` writes the whole session, the clock included.
    func testTodaySetsTheSessionClock() throws {
        for (given, iso) in [("02.03.2026", "2026-03-02"), ("2027-12-31", "2027-12-31")] {
            let copy = sandbox.path("kopie-\(iso).db")
            let r = sandbox.run(["--fresh", "--today", given, "-c", "save \(copy)"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let db = try Database(path: copy, create: false, readOnly: true)
            let statement = try db.prepare("SELECT heute FROM mandant")
            XCTAssertTrue(try statement.step())
            XCTAssertEqual(statement.text(0), iso, "--today \(given)")
        }
    }

    // MARK: exit 4

    func testUnusableSessionFileExitsFour() {
        let text = sandbox.write("notiz.db", String(repeating: "Dies ist keine Datenbank.\n", count: 20))
        let r = sandbox.run(["--session", text, "-c", "list auftraege"])
        XCTAssertEqual(r.status, 4)
        XCTAssertTrue(r.stderr.contains("keine kbm-Sitzung"), r.stderr)
        XCTAssertEqual(r.stdout, "", "kein Befehl darf laufen")
    }

    // MARK: exit 130

    func testInterruptWhileReadingPipedStdinExits130() throws {
        let live = try sandbox.start(["--fresh"])
        live.send("set today 02.03.2026")
        XCTAssertTrue(live.waitFor("02.03.2026 (Montag)"), live.output)
        usleep(200_000)  // let kbm go back to reading stdin
        live.signal(SIGINT)
        let status = live.waitExit()
        XCTAssertEqual(status, 130, "SIGINT während eines Stapellaufs:\n\(live.output)")
        XCTAssertTrue(live.output.contains("Abgebrochen."), live.output)
    }

    func testInterruptDuringAScriptExits130() throws {
        _ = sandbox.makeFIFO("blockiert")
        sandbox.write("s.kbm", "set today 02.03.2026\nrun blockiert\nnew auftrag A-1 typ=ba\n")
        let live = try sandbox.start(["s.kbm"])
        XCTAssertTrue(live.waitFor("02.03.2026 (Montag)"), live.output)
        usleep(200_000)  // kbm now waits in `run blockiert`, whose writer never comes
        live.signal(SIGINT)
        let status = live.waitExit()
        XCTAssertEqual(status, 130, "SIGINT während eines Skripts:\n\(live.output)")
        XCTAssertTrue(live.output.contains("Abgebrochen."), live.output)
        XCTAssertFalse(live.output.contains("A-1"), live.output)
    }
}
