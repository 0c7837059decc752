// Completion scripts for bash, zsh and fish, and the step mode and -i as a process sees them.

import Foundation
import XCTest
@testable import KBMCore

final class ShellIntegrationTests: XCTestCase {
    var sandbox: Sandbox!

    override func setUp() { sandbox = Sandbox() }
    override func tearDown() { sandbox = nil }

    func testCompletionScriptsForBashZshAndFishNameTheOptions() {
        for shell in ["bash", "zsh", "fish"] {
            let r = sandbox.run(["--generate-completion-script", shell])
            XCTAssertEqual(r.status, 0, r.stderr)
            for option in ["--session", "--step", "--keep-going", "--today"] {
                XCTAssertTrue(r.stdout.contains(option.dropFirst(2)), "\(shell): \(option) fehlt")
            }
        }
        XCTAssertTrue(sandbox.run(["--generate-completion-script", "bash"]).stdout.contains("complete -o filenames -F _kbm kbm"))
    }

    func testStepModeReadsAnswersAndQuits() {
        let script = sandbox.write("s.kbm", "# Die Uhr.\nset today 02.03.2026\n# Der Mandant.\nmandant traegernummer=TR-1\nlist auftraege\n")
        // Without a terminal the answers come from stdin: Enter runs, q ends.
        let r = sandbox.run(["--step", script], stdin: "\nq\n", merge: true)
        XCTAssertEqual(r.status, 0, r.stdout)
        XCTAssertTrue(r.stdout.contains("  Die Uhr.\n\nkbm> set today 02.03.2026\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Heute ist für diese Sitzung der 02.03.2026"), r.stdout)
        XCTAssertFalse(r.stdout.contains("Mandant gespeichert."), r.stdout)
    }

    func testStepAndInteractiveAfterNeedAScript() {
        XCTAssertEqual(sandbox.run(["--step"]).status, 2)
        XCTAssertEqual(sandbox.run(["-i", "-c", "list auftraege"]).status, 2)
    }
}
