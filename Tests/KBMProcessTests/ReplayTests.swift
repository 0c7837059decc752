// Recordings and exported histories replay what happened, failures included, and fail on a different failure.

import Foundation
import XCTest

final class ReplayTests: XCTestCase {
    var sandbox: Sandbox!

    override func setUp() { sandbox = Sandbox() }
    override func tearDown() { sandbox = nil }

    /// The example up to its Kursbeginnmeldung, then a fault demo: a rejected, an undelivered and a successful melden.
    func faultDemo() throws -> String {
        _ = try sandbox.writeExampleUntilMelden()
        return """
            run beispiel.kbm
            bamf stoerung kursbeginnmeldung fehler=1042
            melden
            bamf offline on
            melden
            bamf offline off
            melden

            """
    }

    func testARecordedFaultDemoReplays() throws {
        let demo = "record demo.kbm\n" + (try faultDemo()) + "record stop\n"
        let r = sandbox.run(["--fresh", "--keep-going"], stdin: demo)
        XCTAssertEqual(r.status, 1, r.stderr)
        let recorded = try String(contentsOfFile: sandbox.path("demo.kbm"), encoding: .utf8)
        XCTAssertTrue(recorded.contains("melden\nexpect fehler \"BAMF-Fehler 1042\"\nbamf offline on\n"), recorded)
        XCTAssertTrue(recorded.contains("melden\nexpect fehler \"Übertragungsfehler 9001\"\nbamf offline off\nmelden\n"), recorded)
        let replay = sandbox.run([sandbox.path("demo.kbm")])
        XCTAssertEqual(replay.status, 0, replay.stderr)
        XCTAssertTrue(replay.stdout.contains("BAMF-Kursnummer: BK2026-000001"), replay.stdout)
    }

    func testAnExportedHistoryNamesEachFailureAndAReplayFailsOnAnother() throws {
        let session = sandbox.path("kunde.db")
        _ = sandbox.run(["--session", session, "--keep-going"], stdin: try faultDemo() + "open auftrag GIBTSNICHT\n")
        let r = sandbox.run(["--session", session, "-c", "verlauf --export fall.kbm"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let exported = try String(contentsOfFile: sandbox.path("fall.kbm"), encoding: .utf8)
        XCTAssertTrue(exported.contains("melden\nexpect fehler \"BAMF-Fehler 1042\"\n"), exported)
        XCTAssertTrue(exported.contains("open auftrag GIBTSNICHT\nexpect fehler \"Auftrag „GIBTSNICHT“ gibt es nicht"), exported)
        XCTAssertFalse(exported.contains("expect fehler\n"), exported)
        XCTAssertEqual(sandbox.run([sandbox.path("fall.kbm")]).status, 0)

        // A replay that meets another BAMF error stops there and says which numbers the BAMF sent.
        _ = sandbox.write("anders.kbm", exported.replacingOccurrences(of: "BAMF-Fehler 1042", with: "BAMF-Fehler 1043"))
        let other = sandbox.run([sandbox.path("anders.kbm")])
        XCTAssertEqual(other.status, 3, other.stderr)
        XCTAssertTrue(other.stderr.contains("erwartet: ein Fehler mit „BAMF-Fehler 1043“"), other.stderr)
        XCTAssertTrue(other.stderr.contains("abgelehnt") && other.stderr.contains("[BAMF-Fehler 1042]"), other.stderr)
    }
}
