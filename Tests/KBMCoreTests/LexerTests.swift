// Tests for the Lexer: words, quotes and escapes, comments, key=value, columns and the two lexical errors.

import XCTest
@testable import KBMCore
@testable import KBMLanguage

final class LexerTests: XCTestCase {
    func texts(_ line: String) throws -> [String] { try Lexer.tokenize(line).map(\.text) }

    func lexError(_ line: String, file: StaticString = #filePath, line testLine: UInt = #line) -> LanguageError? {
        do {
            let tokens = try Lexer.tokenize(line)
            XCTFail("kein Fehler, sondern \(tokens.map(\.text))", file: file, line: testLine)
            return nil
        } catch {
            return error
        }
    }

    // MARK: words

    func testBlanksAndTabsSeparateWords() throws {
        XCTAssertEqual(try texts("list auftraege"), ["list", "auftraege"])
        XCTAssertEqual(try texts("  list \t  auftraege  "), ["list", "auftraege"])
        XCTAssertEqual(try texts("\tshow"), ["show"])
    }

    func testEmptyAndBlankLinesHaveNoTokens() throws {
        XCTAssertEqual(try texts(""), [])
        XCTAssertEqual(try texts("   \t "), [])
    }

    func testColumnsAreOneBasedAndPointAtTheWord() throws {
        let tokens = try Lexer.tokenize("new  auftrag IK-1")
        XCTAssertEqual(tokens.map(\.column), [1, 6, 14])
    }

    func testColumnsCountCharactersNotBytes() throws {
        let tokens = try Lexer.tokenize("mandant trägernummer=1 x")
        XCTAssertEqual(tokens.map(\.column), [1, 9, 24])
    }

    func testColumnsCountCharactersInQuotesAndErrorsToo() throws {
        XCTAssertEqual(try Lexer.tokenize(#"x "ä b" y"#).map(\.column), [1, 3, 9])
        XCTAssertEqual(lexError("ä\u{1}"), .controlCharacter(column: 2))
        XCTAssertEqual(lexError("x \"ä\u{1}\""), .controlCharacter(column: 5))
        XCTAssertEqual(lexError("ä \"offen"), .unterminatedQuote(column: 3))
    }

    func testNonASCIIWordsAreKeptAsTyped() throws {
        XCTAssertEqual(try texts("list Aufträge Straße"), ["list", "Aufträge", "Straße"])
    }

    func testUnquotedBackslashIsAnOrdinaryCharacter() throws {
        XCTAssertEqual(try texts(#"save a\b"#), ["save", #"a\b"#])
    }

    // MARK: quotes

    func testQuotesKeepBlanks() throws {
        let tokens = try Lexer.tokenize(#"add kursort KO-1 name="VHS  Mitte""#)
        XCTAssertEqual(tokens.count, 4)
        XCTAssertEqual(tokens[3].key, "name")
        XCTAssertEqual(tokens[3].value, "VHS  Mitte")
        XCTAssertTrue(tokens[3].quoted)
        XCTAssertFalse(tokens[0].quoted)
    }

    func testAQuotedWordOnItsOwn() throws {
        let tokens = try Lexer.tokenize(#"run "mein skript.kbm""#)
        XCTAssertEqual(tokens.map(\.text), ["run", "mein skript.kbm"])
        XCTAssertNil(tokens[1].key)
        XCTAssertEqual(tokens[1].value, "mein skript.kbm")
    }

    func testEscapedQuoteAndBackslashInsideQuotes() throws {
        let tokens = try Lexer.tokenize(#"x titel="Kurs \"A\" \\ B""#)
        XCTAssertEqual(tokens[1].value, #"Kurs "A" \ B"#)
    }

    func testOtherBackslashesInsideQuotesStayLiteral() throws {
        XCTAssertEqual(try Lexer.tokenize(#"x "a\tb\qc""#)[1].text, #"a\tb\qc"#)
    }

    /// `\n` inside quotes is a line break, so a multi-line value (the XML of a dump) fits on one line;
    /// outside quotes, and after an escaped backslash, it stays two characters.
    func testBackslashNInsideQuotesIsALineBreak() throws {
        let tokens = try Lexer.tokenize(#"x="a\nb" "c\\nd" e\nf "\"q\"\n""#)
        XCTAssertEqual(tokens.map(\.value), ["a\nb", "c\\nd", "e\\nf", "\"q\"\n"])
        XCTAssertEqual(tokens[0].key, "x")
    }

    func testBackslashAtTheEndOfAQuoteDoesNotEscapeTheQuote() throws {
        XCTAssertEqual(try Lexer.tokenize(#"x "a\\" y"#).map(\.text), ["x", #"a\"#, "y"])
    }

    func testEmptyQuotes() throws {
        let tokens = try Lexer.tokenize(#"x titel="" """#)
        XCTAssertEqual(tokens.count, 3)
        XCTAssertEqual(tokens[1].key, "titel")
        XCTAssertEqual(tokens[1].value, "")
        XCTAssertEqual(tokens[2].text, "")
        XCTAssertTrue(tokens[2].quoted)
    }

    func testQuotesJoinWithAdjacentText() throws {
        XCTAssertEqual(try texts(#"ab"c d"ef"#), ["abc def"])
    }

    func testUnterminatedQuoteNamesTheColumnOfTheQuote() {
        XCTAssertEqual(lexError(#"add kursort KO-1 name="offen"#), .unterminatedQuote(column: 23))
        XCTAssertEqual(lexError(#"""#), .unterminatedQuote(column: 1))
        XCTAssertEqual(lexError(#"x "a\""#), .unterminatedQuote(column: 3))
    }

    // MARK: comments

    func testHashStartsACommentOutsideQuotes() throws {
        XCTAssertEqual(try texts("# nur Kommentar"), [])
        XCTAssertEqual(try texts("   # eingerückt"), [])
        XCTAssertEqual(try texts("list auftraege # alle"), ["list", "auftraege"])
        XCTAssertEqual(try texts("list auftraege #alle"), ["list", "auftraege"])
    }

    func testHashInsideQuotesIsText() throws {
        XCTAssertEqual(try Lexer.tokenize(#"x name="Haus # 1" # Kommentar"#).map(\.value), ["x", "Haus # 1"])
    }

    func testHashInsideAWordIsText() throws {
        XCTAssertEqual(try texts("add kursort KO#1"), ["add", "kursort", "KO#1"])
    }

    func testAnUnterminatedQuoteInACommentIsNoError() throws {
        XCTAssertEqual(try texts(#"show # "offen"#), ["show"])
    }

    // MARK: key=value

    func testKeyValue() throws {
        let token = try Lexer.tokenize("typ=ba")[0]
        XCTAssertEqual(token.key, "typ")
        XCTAssertEqual(token.value, "ba")
        XCTAssertEqual(token.text, "typ=ba")
    }

    func testOnlyTheFirstEqualsSignSplits() throws {
        let token = try Lexer.tokenize("titel=a=b")[0]
        XCTAssertEqual(token.key, "titel")
        XCTAssertEqual(token.value, "a=b")
    }

    func testEqualsInsideQuotesDoesNotMakeAKey() throws {
        let token = try Lexer.tokenize(#""a=b""#)[0]
        XCTAssertNil(token.key)
        XCTAssertEqual(token.text, "a=b")
    }

    func testEmptyValueAndUmlautKey() throws {
        let empty = try Lexer.tokenize("titel=")[0]
        XCTAssertEqual(empty.key, "titel")
        XCTAssertEqual(empty.value, "")
        let umlaut = try Lexer.tokenize("trägernummer=TR-1")[0]
        XCTAssertEqual(umlaut.key, "trägernummer")
        XCTAssertEqual(umlaut.value, "TR-1")
    }

    func testValueWithQuotedPartAndUnicode() throws {
        let token = try Lexer.tokenize(#"name="Café Ümlaut""#)[0]
        XCTAssertEqual(token.key, "name")
        XCTAssertEqual(token.value, "Café Ümlaut")
    }

    // MARK: control characters, line ends

    func testControlCharactersAreRefusedWithTheirColumn() {
        XCTAssertEqual(lexError("list\u{1}"), .controlCharacter(column: 5))
        XCTAssertEqual(lexError("ab \u{7F}"), .controlCharacter(column: 4))
        XCTAssertEqual(lexError("a\u{1B}[31m"), .controlCharacter(column: 2))
    }

    /// Judgement call: a quoted value must not smuggle control characters (an ESC sequence in a Titel reaches every terminal
    /// that lists it). Only the tab is harmless.
    func testControlCharactersInsideQuotesAreRefusedToo() {
        XCTAssertEqual(lexError("x titel=\"a\u{1B}[2Jb\""), .controlCharacter(column: 11))
        XCTAssertEqual(lexError("x \"a\u{7}\""), .controlCharacter(column: 5))
    }

    func testATrailingCarriageReturnIsIgnored() throws {
        XCTAssertEqual(try texts("list auftraege\r"), ["list", "auftraege"])
        XCTAssertEqual(try Lexer.tokenize("x titel=\"a\"\r")[1].value, "a")
    }
}
