// No stored or typed text reaches the terminal raw: ESC, C1 and bidi overrides in a crafted session, a logged line and a script's name come out escaped.

import Foundation
import XCTest
@testable import KBMCore
@testable import KBMPersistence

final class EscapeTests: XCTestCase {
    var sandbox: Sandbox!

    override func setUp() { sandbox = Sandbox() }
    override func tearDown() { sandbox = nil }

    /// ESC ] 0 ; … BEL sets the window title; U+009B is CSI in 8 bits; U+202E turns the text around.
    static let payload = "' || char(27) || ']0;pwned' || char(7) || char(155) || char(8238) || '"

    /// Any control except line break and tab, any C1 and any bidi override: what must not reach a terminal.
    static func raw(_ text: String) -> [String] {
        text.unicodeScalars.filter { u in
            (u.value < 0x20 && u != "\n" && u != "\t") || (0x7F...0x9F).contains(u.value)
                || (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value)
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    func assertEscaped(_ r: RunResult, _ label: String, shows expected: String = "\\e]0;pwned\\u{7}\\u{9B}\\u{202E}",
                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Self.raw(r.stdout), [], "\(label): stdout", file: file, line: line)
        XCTAssertEqual(Self.raw(r.stderr), [], "\(label): stderr", file: file, line: line)
        XCTAssertTrue(r.output.contains(expected), "\(label): \(r.output)", file: file, line: line)
    }

    /// The standard example as a session, then every kind of stored value changed behind kbm's back (the row values;
    /// the schema stays kbm's own).
    func craftedSession() throws -> String {
        let s = sandbox.path("s.db")
        let script = BadInputTests.repository + "/scripts/beispiel.kbm"
        XCTAssertEqual(sandbox.run([script, "--session", s]).status, 0)
        let p = Self.payload
        try Database(path: s, create: false).execute("""
            UPDATE person SET nachname = nachname || '\(p)' WHERE nummer = 'T1';
            UPDATE einstellung SET wert = wert || '\(p)' WHERE schluessel = 'traegernummer';
            UPDATE auftrag SET titel = 'Kurs' || char(10) || 'zwei\(p)';
            UPDATE anmeldung SET meldungen = meldungen || '\(p)', anfrage = anfrage || '\(p)';
            UPDATE befehl SET zeile = zeile || '\(p)';
            """)
        return s
    }

    func testACraftedSessionReachesNoCommandRaw() throws {
        let s = try craftedSession()
        for command in ["list teilnehmer", "show", "list auftraege", "mandant", "anmeldungen 5", "dump", "verlauf",
                        "sql \"SELECT * FROM teilnehmer\"", "sql \"SELECT * FROM befehle\""] {
            let r = sandbox.run(["--session", s, "-c", command])
            XCTAssertEqual(r.status, 0, "\(command): \(r.stderr)")
            assertEscaped(r, command)
        }
        // A line break inside a table cell shows as `\n`: each row stays one line.
        let list = sandbox.run(["--session", s, "-c", "list auftraege"]).stdout
        XCTAssertTrue(list.contains("Kurs\\nzwei\\e]0;pwned"), list)
        // The other formats: csv and json, too.
        for format in ["csv", "json"] {
            assertEscaped(sandbox.run(["--session", s, "--format", format, "-c", "list teilnehmer"]), format,
                          shows: format == "json" ? "\\u001b]0;pwned\\u0007\\u009b\\u202e" : "\\e]0;pwned")
        }
        // A dump into a file keeps the value exact: it is a copy, not shown on a terminal.
        XCTAssertEqual(sandbox.run(["--session", s, "-c", "dump d.kbm"]).status, 0)
        let dumped = try String(contentsOfFile: sandbox.path("d.kbm"), encoding: .utf8)
        XCTAssertTrue(dumped.contains("\u{1B}]0;pwned\u{7}\u{9B}\u{202E}"))
    }

    /// The reported attack: an `echo` with an OSC sequence is refused, but its line was logged and `verlauf` showed it.
    /// A refused line is now logged without its text; a stored line with C1 and bidi characters shows escaped.
    func testALoggedLineAndAnEchoAreShownEscaped() {
        let s = sandbox.path("s.db")
        let script = sandbox.write("osc.kbm", "echo \"a\u{1B}]0;pwned\u{7}\u{9B}\u{202E}\"\necho \"\u{9D}0;c1\u{9C} \u{202E}\u{2066}x\u{2069}\"\n")
        let run = sandbox.run(["--keep-going", "--session", s, script])
        assertEscaped(run, "echo", shows: "\\u{9D}0;c1\\u{9C} \\u{202E}\\u{2066}x\\u{2069}")
        let verlauf = sandbox.run(["--session", s, "-c", "verlauf"])
        assertEscaped(verlauf, "verlauf", shows: "\\u{9D}0;c1\\u{9C} \\u{202E}\\u{2066}x\\u{2069}")
        XCTAssertFalse(verlauf.stdout.contains("pwned"), verlauf.stdout)
        // Interactive input (stdin) echoes nothing raw either.
        let typed = sandbox.run(["--session", s, "--echo"], stdin: "echo \"\u{9B}31m\"\n")
        assertEscaped(typed, "stdin", shows: "\\u{9B}31m")
    }

    func testAScriptNamedWithAnEscapeGetsAnEscapedPrefix() {
        let name = "x\u{1B}]0;pwned\u{7}\u{9B}\u{202E}.kbm"
        sandbox.write(name, "frobnicate\n")
        // A quoted word cannot hold ESC (the lexer refuses it), but C1 and bidi overrides it takes.
        let inner = "y\u{9B}\u{202E}.kbm"
        sandbox.write(inner, "frobnicate\n")
        sandbox.write("outer.kbm", "run \"\(inner)\"\n")
        let direct = sandbox.run([name])
        XCTAssertEqual(direct.status, 3, direct.stderr)
        assertEscaped(direct, "DATEI:ZEILE", shows: "x\\e]0;pwned\\u{7}\\u{9B}\\u{202E}.kbm:1: Fehler")
        let included = sandbox.run(["outer.kbm"])
        assertEscaped(included, "run", shows: "y\\u{9B}\\u{202E}.kbm:1: Fehler")
    }

    /// The messages the program prints before any shell runs: a session that cannot be opened, a wrong option value.
    func testMessagesBeforeTheShellAreEscaped() throws {
        let name = "d\u{1B}]0;pwned\u{7}\u{9B}\u{202E}"
        XCTAssertEqual(mkdir(sandbox.path(name), 0o700), 0)
        let session = sandbox.run(["--session", sandbox.path(name), "-c", "exit"])
        XCTAssertEqual(session.status, 4, session.stderr)
        assertEscaped(session, "--session", shows: "d\\e]0;pwned\\u{7}\\u{9B}\\u{202E}")
        let today = sandbox.run(["--fresh", "--today", "\u{1B}]0;pwned\u{7}\u{9B}\u{202E}", "-c", "exit"])
        XCTAssertEqual(today.status, 2, today.stderr)
        assertEscaped(today, "--today")
    }
}
