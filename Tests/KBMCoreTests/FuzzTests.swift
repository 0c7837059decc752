// The bounded fuzz run of every test run: generated hostile lines and scripts until the time is up.
// Longer by hand: KBM_FUZZ_SECONDS=3600 swift test --filter FuzzTests; another seed with KBM_FUZZ_SEED=N.

import Glibc
import XCTest
@testable import KBMCore

final class FuzzTests: XCTestCase {
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    func testHostileInputIsAlwaysAnsweredAndNeverCrashes() throws {
        let seconds = Self.environment("KBM_FUZZ_SECONDS").flatMap(Double.init) ?? 12
        let seed = Self.environment("KBM_FUZZ_SEED").flatMap { UInt64($0) } ?? 20_260_302
        var template = Array("/tmp/kbm-fuzz.XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else { throw XCTSkip("mkdtemp") }
        let directory = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let harness = FuzzHarness(directory: directory)
        // Every file name is moved into the directory; nothing may appear where the tests run.
        let here = FileManager.default.currentDirectoryPath
        let before = try FileManager.default.contentsOfDirectory(atPath: here).sorted()
        // Should a case crash the process, this file names it: rerun with that seed and KBM_FUZZ_SECONDS=0.
        let lastCase = directory + "/letzter-fall"
        let deadline = Self.now() + seconds
        var cases: UInt64 = 0
        repeat {
            let caseSeed = seed &+ cases
            let note = Array("KBM_FUZZ_SEED=\(caseSeed)\n".utf8)
            let fd = open(lastCase, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            _ = note.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            harness.caseName = "KBM_FUZZ_SEED=\(caseSeed) KBM_FUZZ_SECONDS=0"
            // Every eighth case a session file with values changed behind kbm's back.
            if caseSeed % 8 == 7 { harness.storedValues(FuzzRandom(seed: caseSeed)) } else { harness.generated(FuzzRandom(seed: caseSeed)) }
            cases += 1
        } while Self.now() < deadline && harness.problems.count < 20
        print("Fuzz: \(cases) Fälle, \(harness.lines) Zeilen durch Parser und Interpreter, \(harness.scripts) Skripte "
              + "und \(harness.damagedSessions) veränderte Sitzungsdateien (\(harness.plantedSchemas) mit fremdem Schema) durch die Shell, "
              + "Seed \(seed), \(harness.problems.count) Probleme")
        XCTAssertEqual(harness.problems.count, 0, harness.problems.prefix(20).joined(separator: "\n"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: here).sorted(), before, "Dateien außerhalb von \(directory)")
        if harness.problems.isEmpty { _ = try? FileManager.default.removeItem(atPath: directory) }
    }
}
