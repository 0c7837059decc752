// JSON and CSV hold one document each and nothing else, as Python's json and csv modules read them.

import Foundation
import XCTest

final class MachineFormatTests: XCTestCase {
    var sandbox: Sandbox!

    override func setUp() { sandbox = Sandbox() }
    override func tearDown() { sandbox = nil }

    /// The example up to its Kursbeginnmeldung, in a session file: an open Auftrag with four Tn, three transmitted.
    func exampleSession() throws -> String {
        let script = try sandbox.writeExampleUntilMelden()
        let session = sandbox.path("s.db")
        let r = sandbox.run(["--session", session, script])
        XCTAssertEqual(r.status, 0, r.stderr)
        return session
    }

    /// What Python makes of a document: `json.load` and `csv.reader` on all of it, or the reason it fails.
    func python(_ program: String, _ document: String) -> RunResult {
        ProcessRunner.run("/usr/bin/env", ["python3", "-c", "import json, csv, sys\n" + program], cwd: sandbox.work,
                          environment: sandbox.environment, stdin: document, merge: false, timeout: 20)
    }

    func testJSONIsOneDocumentWithTheTotalsInside() throws {
        let session = try exampleSession()
        let list = sandbox.run(["--session", session, "--format", "json", "-c", "list teilnehmer"])
        XCTAssertEqual(list.status, 0, list.stderr)
        let totals = python("d = json.load(sys.stdin); print(len(d['teilnehmer']), d['uebermittelt'], d['gesamt'])", list.stdout)
        XCTAssertEqual(totals.stdout, "4 3 4\n", totals.stderr + list.stdout)
        // `show` is one object, its parts under their names.
        let show = sandbox.run(["--session", session, "--format", "json", "-c", "show"])
        let keys = python("print(sorted(json.load(sys.stdin)))", show.stdout)
        XCTAssertEqual(keys.stdout, "['abschnitte', 'auftrag', 'befunde', 'gesamt', 'kursdaten', 'meldungen', 'teilnehmer', "
                       + "'uebermittelt', 'unterbrechungen', 'zustaendigkeiten']\n", keys.stderr + show.stdout)
        for command in ["plan", "check", "list auftraege", "anmeldungen 1", "melden", "show"] {
            let r = sandbox.run(["--session", session, "--format", "json", "-c", command])
            let parsed = python("d = json.load(sys.stdin); print(type(d).__name__)", r.stdout)
            XCTAssertEqual(parsed.status, 0, "\(command): \(parsed.stderr)\n\(r.stdout)")
        }
    }

    func testCSVIsOneTableWithoutAFooter() throws {
        let session = try exampleSession()
        let list = sandbox.run(["--session", session, "--format", "csv", "-c", "list teilnehmer"])
        XCTAssertEqual(list.status, 0, list.stderr)
        let rows = python("r = list(csv.reader(sys.stdin)); print(len(r), sorted(set(len(x) for x in r)))", list.stdout)
        XCTAssertEqual(rows.stdout, "5 [8]\n", rows.stderr + list.stdout)
        XCTAssertFalse(list.stdout.contains("Übermittelt:"), list.stdout)
        // Output of several parts is one long table: part, row, field, value.
        for command in ["show", "plan"] {
            let r = sandbox.run(["--session", session, "--format", "csv", "-c", command])
            let parsed = python("r = list(csv.reader(sys.stdin)); print(r[0], sorted(set(len(x) for x in r)))", r.stdout)
            XCTAssertEqual(parsed.stdout, "['teil', 'nr', 'feld', 'wert'] [4]\n", "\(command): \(parsed.stderr)\n\(r.stdout)")
        }
        for command in ["check", "melden", "anmeldungen 1"] {
            let r = sandbox.run(["--session", session, "--format", "csv", "-c", command])
            let parsed = python("r = list(csv.reader(sys.stdin)); print(len(set(len(x) for x in r)))", r.stdout)
            XCTAssertEqual(parsed.stdout, "1\n", "\(command): \(parsed.stderr)\n\(r.stdout)")
        }
    }
}
