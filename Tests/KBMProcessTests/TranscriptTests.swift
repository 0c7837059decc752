// Golden transcripts: every Transcripts/NAME.kbm runs as `kbm --echo [args] NAME.kbm`; its combined
// output plus `[Exit-Status N]` must equal NAME.out. `RECORD=1 swift test` rewrites the .out files and fails.

import Foundation
import XCTest

final class TranscriptTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts")

    /// The top-level `.kbm` files; scripts in subfolders are only included by them.
    static func transcripts() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".kbm") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Extra arguments from a first line `# args: --keep-going --format csv`.
    static func extraArguments(_ script: String) -> [String] {
        guard let first = script.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first else { return [] }
        let prefix = "# args:"
        guard first.hasPrefix(prefix) else { return [] }
        return first.dropFirst(prefix.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    func testTranscripts() throws {
        let recording = ProcessInfo.processInfo.environment["RECORD"] == "1"
        let scripts = Self.transcripts()
        XCTAssertFalse(scripts.isEmpty, "keine Transkripte in \(Self.folder.path)")
        var recorded: [String] = []
        for script in scripts {
            let name = script.lastPathComponent
            let text = try String(contentsOf: script, encoding: .utf8)
            let sandbox = Sandbox()
            let result = sandbox.run(["--echo"] + Self.extraArguments(text) + [name], merge: true, cwd: Self.folder.path)
            let actual = result.stdout + "[Exit-Status \(result.status)]\n"
            let outURL = script.deletingPathExtension().appendingPathExtension("out")
            if recording {
                try Data(actual.utf8).write(to: outURL)
                recorded.append(outURL.lastPathComponent)
                continue
            }
            guard let expected = try? String(contentsOf: outURL, encoding: .utf8) else {
                XCTFail("\(name): \(outURL.lastPathComponent) fehlt; mit RECORD=1 aufnehmen und lesen.\n\(actual)")
                continue
            }
            if expected != actual {
                XCTFail("\(name): Ausgabe weicht von \(outURL.lastPathComponent) ab (- erwartet, + tatsächlich):\n"
                        + lineDiff(expected: expected, actual: actual))
            }
        }
        if recording {
            XCTFail("RECORD=1: \(recorded.count) Transkripte neu geschrieben (\(recorded.joined(separator: ", "))); Änderungen als Diff lesen und ohne RECORD erneut testen.")
        }
    }

    /// The runner's own pieces.
    func testArgumentsLine() {
        XCTAssertEqual(Self.extraArguments("# args: --keep-going  --format csv\nlist auftraege\n"), ["--keep-going", "--format", "csv"])
        XCTAssertEqual(Self.extraArguments("# Kommentar\n# args: --keep-going\n"), [])
        XCTAssertEqual(Self.extraArguments(""), [])
    }

    func testLineDiffShowsBothSides() {
        let diff = lineDiff(expected: "a\nb\nc\n", actual: "a\nB\nc\n")
        XCTAssertTrue(diff.contains("- b"), diff)
        XCTAssertTrue(diff.contains("+ B"), diff)
        XCTAssertTrue(diff.contains("  a"), diff)
    }
}
