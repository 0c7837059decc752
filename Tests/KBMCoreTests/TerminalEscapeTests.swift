// Unprintable: control, C1 and bidi-override characters come out as escapes, everything else untouched; the sinks and the renderer use it.

import XCTest
@testable import KBMCore
@testable import KBMModel
@testable import KBMDomain
@testable import KBMRender

final class TerminalEscapeTests: XCTestCase {
    func testControlC1AndBidiOverridesAreEscaped() {
        XCTAssertEqual(Unprintable.escaped("a\u{1B}]0;pwned\u{7}b"), "a\\e]0;pwned\\u{7}b")
        XCTAssertEqual(Unprintable.escaped("\u{0}\u{8}\r\u{7F}"), "\\u{0}\\u{8}\\r\\u{7F}")
        XCTAssertEqual(Unprintable.escaped("\u{80}\u{9B}31m\u{9D}\u{9F}"), "\\u{80}\\u{9B}31m\\u{9D}\\u{9F}")
        XCTAssertEqual(Unprintable.escaped("\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}kbm"),
                       "\\u{202A}\\u{202B}\\u{202C}\\u{202D}\\u{202E}kbm")
        XCTAssertEqual(Unprintable.escaped("\u{2066}x\u{2067}\u{2068}\u{2069}"), "\\u{2066}x\\u{2067}\\u{2068}\\u{2069}")
    }

    func testLineBreaksAndTabsStayInAWholeTextButNotInAValue() {
        XCTAssertEqual(Unprintable.escaped("a\tb\nc\n"), "a\tb\nc\n")
        XCTAssertEqual(Unprintable.escaped("a\tb\nc\n", lineBreaks: false), "a\\tb\\nc\\n")
    }

    func testPrintableTextIsReturnedUnchanged() {
        // Neighbours of the escaped ranges in UTF-8: ß is C3 9F, „“ are E2 80 9E/9C, U+2029 is E2 80 A9, U+202F is
        // E2 80 AF, U+2065 and U+206A frame the isolates, U+00A0 follows C1.
        let text = "Öztürk-Weiß „Kurs“ – 12.04.1990 \u{A0}\u{2029}\u{202F}\u{2065}\u{206A} 😀 \\e \\u{1B}"
        XCTAssertEqual(Unprintable.escaped(text), text)
        XCTAssertEqual(Unprintable.escaped(text, lineBreaks: false), text)
        XCTAssertEqual(Unprintable.escaped(""), "")
    }

    /// The byte scan (the fast path) and the per-character rule agree on every character of the first planes.
    func testTheByteScanFindsExactlyTheEscapedCharacters() {
        for value in UInt32(0)...0x3000 {
            guard let u = Unicode.Scalar(value) else { continue }
            for lineBreaks in [true, false] {
                var text = "ab" + String(Character(u)) + "c"
                let found = text.withUTF8 { Unprintable.containsUnprintable($0, lineBreaks: lineBreaks) }
                XCTAssertEqual(found, Unprintable.isUnprintable(u, lineBreaks: lineBreaks), "U+\(String(value, radix: 16))")
            }
        }
    }

    func testEscapingTwiceChangesNothing() {
        let once = Unprintable.escaped("x\u{1B}[2J\u{9B}\u{202E}\n\t", lineBreaks: false)
        XCTAssertEqual(Unprintable.escaped(once, lineBreaks: false), once)
    }

    func testATableCellShowsItsLineBreakAndEscapes() {
        let table = Table(headers: ["Titel", "N"], keys: ["titel", "n"], rows: [[.text("Kurs\nzwei\u{1B}[31m"), .number(1)]])
        XCTAssertEqual(Renderer.render(table, format: .table), """
            Titel             N
            ----------------  -
            Kurs\\nzwei\\e[31m  1
            (1 Zeile)

            """)
    }

    func testJSONEscapesC1AndBidiOverridesLosslessly() {
        XCTAssertEqual(Renderer.jsonString("a\u{1B}\u{9B}\u{202E}\u{2069}ü"), "\"a\\u001b\\u009b\\u202e\\u2069ü\"")
    }

    func testTheShellsOutputIsEscapedOnTheWayOut() {
        let sink = BufferSink()
        let shell = Shell(session: Session(today: Clock.today()), store: nil, sink: sink)
        let script = "echo \"\u{9D}0;pwned\u{9C} \u{202E}x\"\nfrobnicate\u{9B}\n"
        _ = shell.run(ByteLineSource(name: "a\u{1B}.kbm", directory: ".", bytes: Array(script.utf8)), asUnit: false)
        XCTAssertTrue(sink.text.hasPrefix("\\u{9D}0;pwned\\u{9C} \\u{202E}x\n"), sink.text)
        XCTAssertTrue(sink.text.contains("a\\e.kbm:2: Fehler"), sink.text)
        XCTAssertFalse(sink.text.unicodeScalars.contains { Unprintable.isUnprintable($0, lineBreaks: true) }, sink.text)
    }
}
