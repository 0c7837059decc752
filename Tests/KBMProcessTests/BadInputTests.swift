// Bad files given to the built kbm: scripts of garbage, NUL bytes, invalid UTF-8, CRLF, a BOM, a 1 MB line,
// deep and cyclic `run`; session files cut short, zeroed, random, with a damaged header, a FIFO, a directory,
// a garbage WAL. Each gets a clear German error (`FILE:LINE:` for scripts), and no file is overwritten.

import Foundation
import XCTest
@testable import KBMCore
@testable import KBMRender

final class BadInputTests: XCTestCase {
    var sandbox: Sandbox!

    override func setUp() { sandbox = Sandbox() }
    override func tearDown() { sandbox = nil }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = sandbox.path(name)
        try! Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Random bytes from a fixed seed, so a failure can be looked at again.
    func garbage(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    /// Every error line reads `FILE:LINE: Fehler: MESSAGE` (or continues a chain of includes), with line numbers that grow.
    func assertScriptErrors(_ stderr: String, file name: String, _ what: String, line: UInt = #line) {
        var last = 0
        for text in stderr.split(separator: "\n") where !text.hasPrefix("  ") {
            guard text.hasPrefix(name + ":"), let range = text.range(of: ": Fehler: "),
                  let number = Int(text[text.index(text.startIndex, offsetBy: name.count + 1)..<range.lowerBound]) else {
                XCTFail("\(what): Zeile ohne „\(name):ZEILE: Fehler:“: \(text.prefix(200))", line: line)
                continue
            }
            XCTAssertGreaterThan(number, last, "\(what): Zeilennummern", line: line)
            last = number
            XCTAssertFalse(text[range.upperBound...].trimmingCharacters(in: .whitespaces).isEmpty, "\(what): leere Meldung", line: line)
            XCTAssertFalse(text.contains("Interner Fehler"), "\(what): \(text)", line: line)
        }
    }

    // MARK: scripts

    func testBinaryGarbageIsReportedLineByLineAndNeverCrashes() {
        let s = sandbox.path("s.db")
        XCTAssertEqual(sandbox.run(["--session", s, "-c", "new auftrag A-1 typ=ba"]).status, 0)
        for seed in 1...8 as ClosedRange<UInt64> {
            let name = "muell-\(seed).kbm"
            write(name, garbage(count: 4096, seed: seed))
            let stopped = sandbox.run([name, "--session", s])
            XCTAssertEqual(stopped.status, 3, "\(name): \(stopped.stderr.prefix(300))")
            XCTAssertTrue(stopped.stderr.hasPrefix(name + ":"), "\(name): \(stopped.stderr.prefix(300))")
            assertScriptErrors(stopped.stderr, file: name, name)
            let kept = sandbox.run([name, "--keep-going", "--session", s])
            XCTAssertTrue([0, 1].contains(kept.status), "\(name) --keep-going: Exit-Status \(kept.status)")
            assertScriptErrors(kept.stderr, file: name, name + " --keep-going")
        }
        // The session took no harm.
        let after = sandbox.run(["--session", s, "-c", "list auftraege"])
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertTrue(after.stdout.contains("A-1"), after.stdout)
    }

    func testANulByteIsReportedAtItsLineAndTheRestRunsWithKeepGoing() {
        write("nul.kbm", Array("new auftrag A-1 typ=ba\nnew auftrag B".utf8) + [0] + Array("-1 typ=ba\nnew auftrag C-1 typ=ba\nlist auftraege\n".utf8))
        let kept = sandbox.run(["nul.kbm", "--keep-going"])
        XCTAssertEqual(kept.status, 1)
        XCTAssertEqual(kept.stderr, "nul.kbm:2: Fehler: Die Zeile enthält ein NUL-Byte.\n")
        XCTAssertTrue(kept.stdout.contains("C-1") && !kept.stdout.contains("B-1"), kept.stdout)
        let stopped = sandbox.run(["nul.kbm"])
        XCTAssertEqual(stopped.status, 3)
        XCTAssertFalse(stopped.stdout.contains("C-1"), stopped.stdout)
    }

    func testInvalidUTF8IsReportedAtEachOfItsLines() {
        let bad: [[UInt8]] = [
            [0xC3, 0x28],              // a lead byte without its continuation
            [0xC0, 0xAF],              // an overlong "/"
            [0xED, 0xA0, 0x80],        // a UTF-16 surrogate
            [0x80],                    // a continuation byte alone
            [0xFF, 0xFE],              // bytes UTF-8 never uses
            [0xF4, 0x90, 0x80, 0x80],  // beyond U+10FFFF
        ]
        var bytes = Array("new auftrag A-1 typ=ba\n".utf8)
        for b in bad { bytes += Array("add kursort KO-".utf8) + b + [0x0A] }
        bytes += Array("list auftraege\n".utf8)
        write("utf8.kbm", bytes)
        let r = sandbox.run(["utf8.kbm", "--keep-going"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, (2...7).map { "utf8.kbm:\($0): Fehler: Die Zeile ist kein gültiges UTF-8.\n" }.joined())
        XCTAssertTrue(r.stdout.contains("A-1"), r.stdout)
    }

    func testCRLFScriptsWorkLikeLF() throws {
        let lf = try String(contentsOfFile: Self.repository + "/scripts/beispiel.kbm", encoding: .utf8)
        sandbox.write("lf.kbm", lf)
        sandbox.write("crlf.kbm", lf.replacingOccurrences(of: "\n", with: "\r\n"))
        // Mixed: some lines CRLF, some LF, the last without a line end.
        var mixed = ""
        for (i, line) in lf.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            mixed += line + (i % 2 == 0 ? "\r\n" : "\n")
        }
        sandbox.write("gemischt.kbm", String(mixed.dropLast(2)))
        let expected = sandbox.run(["lf.kbm"])
        XCTAssertEqual(expected.status, 0, expected.stderr)
        XCTAssertTrue(expected.stdout.contains("BAMF-Kursnummer: BK2026-"), expected.stdout)
        for name in ["crlf.kbm", "gemischt.kbm"] {
            let r = sandbox.run([name])
            XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
            XCTAssertEqual(r.stdout, expected.stdout, name)
            XCTAssertFalse(r.stdout.contains("\r"), name)
        }
        // A quoted value at a CRLF line end keeps no carriage return; expect fehler works across CRLF.
        sandbox.write("werte.kbm", "new auftrag A-1 typ=ba titel=\"Kurs A\"\r\nnew auftrag A-1 typ=ba\r\nexpect fehler \"gibt es schon\"\r\nsql \"SELECT titel FROM auftraege\"\r\n")
        let r = sandbox.run(["werte.kbm", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasSuffix("titel\nKurs A\n"), String(reflecting: r.stdout))
    }

    func testAByteOrderMarkBeforeTheFirstLineIsSkipped() throws {
        let lf = try String(contentsOfFile: Self.repository + "/scripts/beispiel.kbm", encoding: .utf8)
        write("bom.kbm", [0xEF, 0xBB, 0xBF] + Array(lf.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        sandbox.write("ohne.kbm", lf)
        let r = sandbox.run(["bom.kbm"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, sandbox.run(["ohne.kbm"]).stdout)
        // Only at the very start: a BOM later on is a character like any other.
        write("bom2.kbm", Array("new auftrag A-1 typ=ba\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("list auftraege\n".utf8))
        let later = sandbox.run(["bom2.kbm"])
        XCTAssertEqual(later.status, 3)
        XCTAssertTrue(later.stderr.hasPrefix("bom2.kbm:2: Fehler: Unbekannter Befehl"), later.stderr)
    }

    func testAOneMegabyteLineIsRefusedAndTheNextLineRuns() {
        // One byte over the limit (1 MiB), or 1 MB of words should the limit ever be lower.
        let long = "echo " + String(repeating: "x", count: max(1 << 20, ByteLineSource.maxLineBytes - 4))
        let tooLong = Wording.message(ShellError.lineTooLong(limit: ByteLineSource.maxLineBytes))
        sandbox.write("lang.kbm", "new auftrag A-1 typ=ba\n\(long)\nnew auftrag B-1 typ=ba\nlist auftraege\n")
        let r = sandbox.run(["lang.kbm", "--keep-going"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "lang.kbm:2: Fehler: \(tooLong)\n")
        XCTAssertTrue(r.stdout.contains("B-1") && !r.stdout.contains("xxxx"), String(r.stdout.prefix(500)))
        // The same through a pipe, where the line arrives in pieces; and as the last line without a line end.
        let piped = sandbox.run(["--fresh", "--keep-going"], stdin: "new auftrag A-1 typ=ba\n\(long)\nlist auftraege\n\(long)")
        XCTAssertEqual(piped.status, 1)
        XCTAssertEqual(piped.stderr, "stdin:2: Fehler: \(tooLong)\nstdin:4: Fehler: \(tooLong)\n")
        XCTAssertTrue(piped.stdout.contains("A-1"), String(piped.stdout.prefix(500)))
        // A line exactly at the limit is still a line.
        let atLimit = "echo " + String(repeating: "y", count: ByteLineSource.maxLineBytes - 5)
        sandbox.write("grenze.kbm", atLimit + "\n")
        let edge = sandbox.run(["grenze.kbm"])
        XCTAssertEqual(edge.status, 0, edge.stderr)
        XCTAssertEqual(edge.stdout.count, ByteLineSource.maxLineBytes - 5 + 1)
    }

    func testDeepRunNestingStopsAtTheLimit() {
        for depth in 1...40 { sandbox.write("tief/d\(depth).kbm", "run d\(depth + 1).kbm\n") }
        sandbox.write("tief/d41.kbm", "new auftrag A-1 typ=ba\n")
        let r = sandbox.run(["tief/d1.kbm"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.hasPrefix("tief/d32.kbm:1: Fehler: Mehr als 32 Skripte ineinander eingebunden.\n  aufgerufen von tief/d31.kbm:1\n"),
                      String(r.stderr.prefix(400)))
        XCTAssertTrue(r.stderr.hasSuffix("  aufgerufen von tief/d1.kbm:1\n"), String(r.stderr.suffix(200)))
        XCTAssertFalse(r.stdout.contains("A-1"))
        // 31 levels below the script itself are fine.
        sandbox.write("tief/d32.kbm", "new auftrag A-1 typ=ba\n")
        let ok = sandbox.run(["tief/d1.kbm"])
        XCTAssertEqual(ok.status, 0, String(ok.stderr.prefix(400)))
        XCTAssertTrue(ok.stdout.contains("A-1"))
    }

    func testCyclicRunIsRefusedAlsoThroughASymlink() throws {
        sandbox.write("selbst.kbm", "new auftrag A-1 typ=ba\nrun selbst.kbm\n")
        let own = sandbox.run(["selbst.kbm"])
        XCTAssertEqual(own.status, 3)
        XCTAssertEqual(own.stderr, "selbst.kbm:2: Fehler: Zyklische Einbindung: selbst.kbm → selbst.kbm\n")

        sandbox.write("echt.kbm", "run umweg.kbm\n")
        try FileManager.default.createSymbolicLink(atPath: sandbox.path("umweg.kbm"), withDestinationPath: "echt.kbm")
        sandbox.write("start.kbm", "run echt.kbm\n")
        let linked = sandbox.run(["start.kbm"])
        XCTAssertEqual(linked.status, 3)
        XCTAssertEqual(linked.stderr, "echt.kbm:1: Fehler: Zyklische Einbindung: start.kbm → echt.kbm → umweg.kbm\n  aufgerufen von start.kbm:1\n")
    }

    func testGarbageBroughtInByRunNamesTheIncludedFileAndTheCaller() {
        write("muell.kbm", garbage(count: 512, seed: 42))
        sandbox.write("haupt.kbm", "new auftrag A-1 typ=ba\nrun muell.kbm\nnew auftrag B-1 typ=ba\n")
        let r = sandbox.run(["haupt.kbm"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.hasPrefix("muell.kbm:1: Fehler: "), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("  aufgerufen von haupt.kbm:2\n"), r.stderr)
        XCTAssertFalse(r.stdout.contains("B-1"))
    }

    func testASessionFileGivenAsScriptIsNamedAndNotTouched() {
        let s = sandbox.path("s.db")
        XCTAssertEqual(sandbox.run(["--session", s, "-c", "new auftrag A-1 typ=ba"]).status, 0)
        let before = FileSnapshot(s)
        usleep(20_000)
        let r = sandbox.run([s])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "kbm: Fehler: \(s) ist eine Sitzungsdatei, kein Skript. Eine Sitzung öffnet „kbm --session \(s)“.\n")
        XCTAssertEqual(FileSnapshot(s), before)
    }

    func testADirectoryAsScriptIsNotReadable() {
        try! FileManager.default.createDirectory(atPath: sandbox.path("ordner.kbm"), withIntermediateDirectories: true)
        let top = sandbox.run(["ordner.kbm"])
        XCTAssertEqual(top.status, 2)
        XCTAssertEqual(top.stderr, "kbm: Fehler: Skript ordner.kbm ist nicht lesbar: ist ein Verzeichnis\n")
        sandbox.write("ruft.kbm", "run ordner.kbm\n")
        let nested = sandbox.run(["ruft.kbm"])
        XCTAssertEqual(nested.status, 3)
        XCTAssertEqual(nested.stderr, "ruft.kbm:1: Fehler: Skript ordner.kbm ist nicht lesbar: ist ein Verzeichnis\n")
    }

    // MARK: session files

    /// A real session with some data, several pages long.
    func makeSession(_ name: String) -> String {
        let s = sandbox.path(name)
        let commands = ["set today 02.03.2026", "new auftrag IK-1 typ=integrationskurs titel=\"Kurs A\"",
                        "add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990 az=AZ-100001"]
            + (1...30).map { "add kursort K-\($0) name=\"Kursort Nummer \($0) mit etwas Text\"" }
        let r = sandbox.run(["--session", s] + commands.flatMap { ["-c", $0] })
        XCTAssertEqual(r.status, 0, r.stderr)
        return s
    }

    /// kbm must refuse the file with exit 4 and a message, run nothing, and leave its bytes and mtime alone.
    func assertRefused(_ path: String, mentioning: String, _ what: String, line: UInt = #line) {
        let before = FileSnapshot(path)
        usleep(20_000)  // a write now would show in the mtime
        let r = sandbox.run(["--session", path, "-c", "new auftrag X-1 typ=ba"], timeout: 10)
        XCTAssertEqual(r.status, 4, "\(what): \(r.stderr)", line: line)
        XCTAssertTrue(r.stderr.hasPrefix("kbm: Fehler: ") && r.stderr.contains(mentioning), "\(what): \(r.stderr)", line: line)
        XCTAssertFalse(r.stdout.contains("X-1"), "\(what): ein Befehl lief", line: line)
        XCTAssertEqual(FileSnapshot(path), before, "\(what): Datei verändert", line: line)
        let wal = path + "-wal"
        XCTAssertFalse(fileExists(wal) && FileSnapshot(wal).size > 0, "\(what): in die WAL-Datei geschrieben", line: line)
    }

    func testASessionCutShortBeforeItsFirstPageEndsIsDamaged() {
        let original = makeSession("s.db")
        let bytes = FileSnapshot(original).bytes
        for size in [10, 16, 50, 99, 100, 1000, 4096] {
            let cut = write("kurz-\(size).db", Array(bytes.prefix(size)))
            assertRefused(cut, mentioning: "beschädigt", "auf \(size) Bytes gekürzt")
        }
    }

    func testZerosRandomBytesAndADamagedHeaderAreRefused() {
        assertRefused(write("nullen.db", [UInt8](repeating: 0, count: 8192)), mentioning: "keine kbm-Sitzung", "nur Nullbytes")
        assertRefused(write("zufall.db", garbage(count: 20_000, seed: 7)), mentioning: "keine kbm-Sitzung", "Zufallsbytes")
        assertRefused(write("fast.db", Array("SQLite is a fine format".utf8)), mentioning: "keine kbm-Sitzung", "Text, der wie SQLite beginnt")
        let original = makeSession("s.db")
        let bytes = FileSnapshot(original).bytes
        assertRefused(write("kopf-zufall.db", Array(bytes.prefix(100)) + garbage(count: bytes.count - 100, seed: 9)),
                      mentioning: "beschädigt", "SQLite-Kopf, dann Zufallsbytes")
        var pageSize = bytes
        pageSize[16] = 0x03; pageSize[17] = 0x00  // 768: no power of two
        assertRefused(write("seitengroesse.db", pageSize), mentioning: "ungültige Seitengröße", "Seitengröße im Kopf beschädigt")
    }

    /// Opening reads every table but no index; the page check (beside the reading) must still find a broken
    /// index before a command writes through it.
    func testADamagedIndexPageIsRefusedAtOpening() throws {
        let original = makeSession("s.db")
        let page = try XCTUnwrap(Int(try rows(original, "PRAGMA page_size")[0][0] ?? ""))
        for index in ["sqlite_autoindex_kursort_1", "sqlite_autoindex_auftrag_1", "zustaendigkeit_auftrag"] {
            let copy = sandbox.path("index-\(index).db")
            copyFile(original, copy)
            let root = try XCTUnwrap(Int(try rows(copy, "SELECT rootpage FROM sqlite_master WHERE name = '\(index)'")[0][0] ?? ""), index)
            // The page's header: its type byte and cell count become nonsense.
            overwrite(copy, at: (root - 1) * page, count: 8, with: 0x7F)
            assertRefused(copy, mentioning: "beschädigt", "Index \(index) beschädigt")
        }
    }

    func testAFIFOAndADirectoryAreRefusedWithoutHanging() throws {
        let fifo = sandbox.makeFIFO("fifo.db")
        let r = sandbox.run(["--session", fifo, "-c", "list auftraege"], timeout: 10)
        XCTAssertEqual(r.status, 4, "FIFO: \(r.stderr)")
        XCTAssertEqual(r.stderr, "kbm: Fehler: \(fifo) ist keine kbm-Sitzung; die Datei bleibt unverändert.\n")

        let dir = sandbox.path("ordner.db")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let d = sandbox.run(["--session", dir, "-c", "list auftraege"])
        XCTAssertEqual(d.status, 4)
        XCTAssertEqual(d.stderr, "kbm: Fehler: Sitzungsdatei \(dir) kann nicht geöffnet werden: ist ein Verzeichnis\n")
    }

    func testASymlinkToAForeignFileIsRefusedAndTheTargetKept() throws {
        let target = sandbox.write("notizen.txt", "Einkaufsliste\n")
        try FileManager.default.createSymbolicLink(atPath: sandbox.path("link.db"), withDestinationPath: target)
        assertRefused(sandbox.path("link.db"), mentioning: "keine kbm-Sitzung", "Verweis auf eine Textdatei")
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "Einkaufsliste\n")
    }

    func testGarbageInTheWALBesideASessionIsIgnoredAndTheDataKept() {
        let s = makeSession("s.db")
        write("s.db-wal", garbage(count: 8192, seed: 3))
        let r = sandbox.run(["--session", s, "--format", "csv", "-c", "sql \"SELECT count(*) AS n FROM kursorte\"",
                             "-c", "sql \"SELECT titel, (SELECT nachname FROM teilnehmer) AS tn FROM auftraege\""])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "n\n30\ntitel,tn\nKurs A,Öztürk\n")
    }

    static let repository: String = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir.deleteLastPathComponent()
        }
        return dir.path
    }()
}
