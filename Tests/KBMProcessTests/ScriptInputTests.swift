// What kbm accepts as a script (`kbm FILE`, `run FILE`): no devices, nothing endless, nothing that is not a kbm
// script; Ctrl-C ends a wait for a FIFO; and a line that is no command never reaches the command log.

import Foundation
import XCTest
@testable import KBMCore
@testable import KBMRender

final class ScriptInputTests: XCTestCase {
    var sandbox: Sandbox!

    override func setUp() { sandbox = Sandbox() }
    override func tearDown() { sandbox = nil }

    static let shadow = """
        root:$y$j9T$geheimgeheimgeheim$abcdefghijklmnopqrstuvwxyz0123456789ABCD:19700:0:99999:7:::
        daemon:*:19700:0:99999:7:::
        kursleiter:$y$j9T$nochgeheimer$ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxw:19701:0:99999:7:::

        """

    func testADeviceAsTheScriptIsRefusedAtOnce() {
        for device in ["/dev/zero", "/dev/urandom"] {
            let r = sandbox.run([device], timeout: 60)
            XCTAssertEqual(r.status, 2, "\(device): \(r.stderr)")
            XCTAssertEqual(r.stderr, "kbm: Fehler: \(device) ist keine Datei, sondern ein Gerät; ein Skript wird aus einer Datei gelesen.\n")
        }
    }

    func testRunOfADeviceFails() {
        let r = sandbox.run(["--fresh", "-c", "run /dev/urandom", "-c", "echo danach"], timeout: 60)
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertEqual(r.stderr, "-c:1: Fehler: /dev/urandom ist keine Datei, sondern ein Gerät; ein Skript wird aus einer Datei gelesen.\n")
        XCTAssertEqual(r.stdout, "")
    }

    /// A pipe is still a script (`kbm <(…)`), but one without end stops at the size limit instead of filling the memory.
    func testAnEndlessPipeStopsAtTheSizeLimit() {
        let r = ProcessRunner.run("/bin/sh", ["-c", "yes 'echo x' 2>/dev/null | \"$0\" /dev/stdin", KBMBinary.path], cwd: sandbox.work,
                                  environment: sandbox.environment, stdin: nil, merge: false, timeout: 120)
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertEqual(r.stderr, "kbm: Fehler: Skript /dev/stdin ist größer als 64 MB.\n")
        XCTAssertEqual(r.stdout, "")
        let piped = ProcessRunner.run("/bin/sh", ["-c", "printf 'echo aus der Leitung\\n' | \"$0\" /dev/stdin", KBMBinary.path],
                                      cwd: sandbox.work, environment: sandbox.environment, stdin: nil, merge: false, timeout: 60)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(piped.stdout, "aus der Leitung\n")
    }

    /// Nobody writes to the FIFO: kbm waits in open(), and Ctrl-C ends the wait with kbm's own answer.
    func testCtrlCEndsTheWaitForAFIFOScript() throws {
        _ = sandbox.makeFIFO("leer")
        let live = try sandbox.start(["leer"])
        usleep(300_000)
        live.signal(SIGINT)
        XCTAssertEqual(live.waitExit(timeout: 60), 130, live.output)
        XCTAssertEqual(live.output, "Abgebrochen.\n")
    }

    func testAForeignFileIsRefusedByRunAndAsTheScript() throws {
        sandbox.write("schatten", Self.shadow)
        let refused = Wording.message(ShellError.notAScript(path: "schatten"))
        let s = sandbox.path("s.db")
        let r = sandbox.run(["--session", s, "--keep-going", "-c", "run schatten", "-c", "new auftrag A-1 typ=ba"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stderr, "-c:1: Fehler: \(refused)\n")
        XCTAssertFalse(r.output.contains("root"), r.output)
        let logged = try rows(s, "SELECT zeile FROM befehle").compactMap { $0[0] }.joined(separator: "\n")
        XCTAssertFalse(logged.contains("geheim") || logged.contains("daemon"), logged)

        let direct = sandbox.run(["schatten"])
        XCTAssertEqual(direct.status, 2, direct.stderr)
        XCTAssertEqual(direct.stderr, "kbm: Fehler: \(refused)\n")
    }

    /// Named like a script but foreign inside: each line fails, and the log keeps a note instead of the line.
    func testLinesThatAreNoCommandAreLoggedWithoutTheirText() throws {
        sandbox.write("schatten.kbm", Self.shadow)
        let s = sandbox.path("s.db")
        let r = sandbox.run(["--session", s, "--keep-going", "-c", "run schatten.kbm", "-c", "lsit auftraege"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let logged = try rows(s, "SELECT zeile, ergebnis FROM befehle")
        XCTAssertEqual(logged, [["run schatten.kbm", "ok"]]
                       + Array(repeating: [Shell.refusedLine, "fehler"], count: 4))
        // The export replays cleanly: the notes are left out, not turned into failing commands.
        XCTAssertEqual(sandbox.run(["--session", s, "-c", "verlauf --export v.kbm"]).status, 0)
        let export = try String(contentsOfFile: sandbox.path("v.kbm"), encoding: .utf8)
        XCTAssertFalse(export.contains("nicht gespeichert") || export.contains("geheim"), export)
        let replay = sandbox.run(["v.kbm"])
        XCTAssertEqual(replay.status, 0, replay.stderr)
    }

    func testAScriptWithAnotherNameRunsWhenItsFirstLineIsKbm() {
        sandbox.write("anleitung.txt", "# Vorführung\nnew auftrag A-1 typ=ba\n")
        sandbox.write("befehle", "new auftrag B-1 typ=ba\n")
        let r = sandbox.run(["anleitung.txt"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("A-1"), r.stdout)
        let run = sandbox.run(["--fresh", "-c", "run befehle"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("B-1"), run.stdout)
    }
}
