// `sql` against a hostile or careless query: functions outside the list, runaway recursion, endless rows, huge
// values, Ctrl-C; and the binary itself is position-independent, so a leaked address tells nothing.

import Foundation
import XCTest
@testable import KBMCore
@testable import KBMRender

final class SqlSafetyTests: XCTestCase {
    var sandbox: Sandbox!

    override func setUp() { sandbox = Sandbox() }
    override func tearDown() { sandbox = nil }

    static let endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c)"

    /// ELF e_type at offset 16: ET_DYN (3) for a position-independent executable, ET_EXEC (2) for a fixed address.
    func testTheBinaryIsPositionIndependent() throws {
        let header = try XCTUnwrap(FileHandle(forReadingAtPath: KBMBinary.path)).readData(ofLength: 18)
        XCTAssertEqual(Array(header.prefix(4)), [0x7F, 0x45, 0x4C, 0x46], "kein ELF: \(KBMBinary.path)")
        XCTAssertEqual(UInt16(header[16]) | UInt16(header[17]) << 8, 3, "\(KBMBinary.path) ist kein PIE (ET_DYN)")
    }

    func testFunctionsOutsideTheListAreRefusedInGerman() {
        for (query, function) in [
            ("SELECT fts3_tokenizer('simple', x'00')", "fts3_tokenizer"),
            ("SELECT hex(fts3_tokenizer('simple'))", "fts3_tokenizer"),
            ("SELECT load_extension('/tmp/x.so')", "load_extension"),
            ("SELECT length(zeroblob(2000000000))", "zeroblob"),
            ("SELECT randomblob(16)", "randomblob"),
            ("SELECT sqlite_compileoption_get(0)", "sqlite_compileoption_get"),
            ("SELECT nummer FROM auftraege WHERE fts3_tokenizer('x') IS NULL", "fts3_tokenizer"),
        ] {
            let r = sandbox.run(["--fresh", "-c", "sql \(query)"])
            XCTAssertEqual(r.status, 3, query)
            XCTAssertEqual(r.stderr, "-c:1: Fehler: Abfrage abgewiesen: die Funktion \(function) ist in „sql“ nicht erlaubt.\n", query)
            XCTAssertEqual(r.stdout, "", "\(query): nichts darf ausgegeben werden")
        }
        for query in ["SELECT * FROM pragma_table_info('befehl')", "SELECT * FROM json_each('[1]')"] {
            let r = sandbox.run(["--fresh", "-c", "sql \(query)"])
            XCTAssertEqual(r.status, 3, query)
            XCTAssertTrue(r.stderr.contains("Abfrage abgewiesen"), "\(query): \(r.stderr)")
        }
    }

    /// A refused query leaves nothing behind: kbm's own statements and ordinary queries work as before.
    /// SQLite's own reasons reach the user in German: no English word of SQLite's messages.
    func testSQLitesErrorsAreSaidInGerman() {
        for (query, german) in [
            ("SELECT foo(1)", "Funktion „foo“ gibt es nicht."),
            ("UPDATE teilnehmer SET vorname = 'x'", "„teilnehmer“ ist eine Sicht und lässt sich nicht ändern."),
            ("SELECT * FROM nix", "Tabelle oder Sicht „nix“ gibt es nicht."),
            ("SELECT nix FROM auftraege", "Spalte „nix“ gibt es nicht."),
            ("SELEC 1", "Syntaxfehler bei „SELEC“."),
            ("SELECT (1", "die Abfrage ist unvollständig."),
            ("SELECT abs()", "falsche Anzahl von Argumenten für die Funktion abs()."),
            ("SELECT 1 ORDER BY 2", "ORDER BY nennt eine Spaltennummer, die es nicht gibt."),
        ] {
            let r = sandbox.run(["--fresh", "-c", "sql \"\(query)\""])
            XCTAssertEqual(r.status, 3, query)
            XCTAssertEqual(r.stderr, "-c:1: Fehler: Abfrage abgewiesen: \(german)\n", query)
        }
        // Messages without a translation are named by SQLite's code, never in its English words.
        XCTAssertEqual(Wording.sqlite("not authorized", code: 23), "nicht erlaubt")
        XCTAssertEqual(Wording.sqlite("some new message", code: 1), "SQLite meldet einen Fehler in der Abfrage")
    }

    func testAfterARefusedQueryTheSessionWorks() throws {
        let s = sandbox.path("s.db")
        let r = sandbox.run(["--session", s, "--keep-going", "-c", "sql SELECT fts3_tokenizer('simple', x'00')",
                             "-c", "new auftrag A-1 typ=ba titel=\"Ein Titel\"",
                             "-c", "sql SELECT upper(nummer) AS n, substr(titel, 5) AS t, count(*) AS z FROM auftraege"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stdout.contains("A-1  Titel  1"), r.stdout)
        XCTAssertEqual(try rows(s, "SELECT nummer FROM auftraege"), [["A-1"]])
    }

    func testARunawayQueryEndsByItselfWithoutATerminal() {
        let r = sandbox.run(["--fresh", "-c", "sql \(Self.endless) SELECT count(*) FROM c", "-c", "echo danach"],
                            timeout: 300)
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("-c:1: Fehler: Abfrage abgebrochen: mehr als 250 000 000 Rechenschritte"), r.stderr)
        XCTAssertFalse(r.stdout.contains("danach"))
    }

    func testEndlessRowsStopAtTheRowLimit() {
        let r = sandbox.run(["--fresh", "--keep-going", "-c", "sql \(Self.endless) SELECT x FROM c", "-c", "echo danach"],
                            timeout: 300)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stderr, "-c:1: Fehler: Abfrage abgebrochen: mehr als 100 000 Zeilen; LIMIT oder eine Bedingung schränkt sie ein.\n")
        XCTAssertEqual(r.stdout, "danach\n")
        let limited = sandbox.run(["--fresh", "--format", "csv", "-c", "sql \(Self.endless) SELECT x FROM c LIMIT 100000"])
        XCTAssertEqual(limited.status, 0, limited.stderr)
        XCTAssertTrue(limited.stdout.hasSuffix("\n100000\n"), String(limited.stdout.suffix(50)))
    }

    func testHugeValuesAndRowsOfManyMegabytesAreRefused() {
        let many = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c LIMIT 3000000)"
        for (query, message) in [
            ("\(many) SELECT length(group_concat('0123456789')) FROM c", "ein Wert wird länger als 16 MB."),
            ("SELECT length(replace(printf('%.*c', 10000000, 'x'), 'x', 'xxxxxxxxxx'))", "ein Wert wird länger als 16 MB."),
            ("\(many) SELECT printf('%.*c', 10000000, 'x') FROM c LIMIT 100", "sie braucht mehr als 256 MB Speicher."),
        ] {
            let r = sandbox.run(["--fresh", "-c", "sql \(query)"], timeout: 300)
            XCTAssertEqual(r.status, 3, query)
            XCTAssertEqual(r.stderr, "-c:1: Fehler: Abfrage abgebrochen: \(message)\n", query)
        }
    }

    /// Piped input: Ctrl-C ends the run as between two commands (130), and the session file is fine.
    func testCtrlCStopsAQueryFromStdin() throws {
        let s = sandbox.path("s.db")
        XCTAssertEqual(sandbox.run(["--session", s, "-c", "new auftrag A-1 typ=ba"]).status, 0)
        let live = try sandbox.start(["--session", s])
        live.send("echo gestartet")
        XCTAssertTrue(live.waitFor("gestartet"), live.output)
        live.send("sql \(Self.endless) SELECT count(*) FROM c")
        usleep(300_000)  // the query runs now: it has seconds of work before its step budget ends it
        live.signal(SIGINT)
        XCTAssertEqual(live.waitExit(timeout: 120), 130, live.output)
        XCTAssertTrue(live.output.hasSuffix("Abgebrochen.\n"), live.output)
        XCTAssertFalse(live.output.contains("Rechenschritte"), live.output)
        let after = sandbox.run(["--session", s, "-c", "sql SELECT nummer FROM auftraege"])
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertTrue(after.stdout.contains("A-1"), after.stdout)
    }
}
