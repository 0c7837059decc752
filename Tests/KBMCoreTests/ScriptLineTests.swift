// ScriptLine, the Lexer's inverse: what kbm writes (dumps, anonymised lines), it reads back unchanged.

import XCTest
@testable import KBMCore
@testable import KBMLanguage

final class ScriptLineTests: XCTestCase {
    func testQuoteIsTheInverseOfTheLexer() throws {
        let samples = ["plain", "", " ", "two words", "a\nb\n", "<?xml version=\"1.0\"?>\n<A>x</A>\n", "back\\slash",
                       "trailing\\", "\\n literally", "# not a comment", "a=b", "tab\there", "Öztürk", "García López",
                       "O'Brien", "\"", "x#y"]
        for sample in samples {
            let option = try Lexer.tokenize("k=" + ScriptLine.quote(sample))
            XCTAssertEqual(option.count, 1, sample)
            XCTAssertEqual(option.first?.key, "k", sample)
            XCTAssertEqual(option.first?.value, sample, sample)
            let positional = try Lexer.tokenize("cmd " + ScriptLine.quote(sample) + " rest")
            XCTAssertEqual(positional.map(\.value), ["cmd", sample, "rest"], sample)
            XCTAssertNil(positional[1].key, sample)
        }
        XCTAssertEqual(ScriptLine.quote("KO-4711-01"), "KO-4711-01")
        XCTAssertEqual(ScriptLine.quote("Linie 1"), "\"Linie 1\"")
    }

    func testScriptLineWritesCanonicalCommands() throws {
        let line = ScriptLine(.book).argument("T1").option("kostentraeger", "bamf").option("status", nil as String?)
            .option("abschnitt", "basis2")
        XCTAssertEqual(line.text, "book T1 kostentraeger=bamf abschnitt=basis2")
        let parsed = try XCTUnwrap(try Parser.parse(line.text))
        XCTAssertEqual(parsed.name, .domain(.book))
        XCTAssertEqual(parsed[Keys.Book.tn], "T1")
    }
}
