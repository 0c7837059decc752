// R16, the rule for names: the ASCII fast path and the path over characters give the same verdicts.

import XCTest
@testable import KBMCore
@testable import KBMModel

final class TeilnehmerTests: XCTestCase {
    func testNamesOfAnyScriptPassAndDigitsOrSignsDoNot() {
        for name in ["Lima", "O'Neil", "O’Neil", "Anne-Marie", "de la Cruz", "Żółć", "Nguyễn", "Jose\u{301}", "Ελένη"] {
            XCTAssertTrue(Teilnehmer.isValidName(name), name)
        }
        for name in ["", " ", "-", "' -", "R2D2", "a_b", "a\r\nb", "Anna.", "a-\u{301}", "Ana\u{0}", "Żółć1"] {
            XCTAssertFalse(Teilnehmer.isValidName(name), name)
        }
    }

    /// Each ASCII character once beside an ASCII letter (the table) and once beside a letter that is not (the
    /// Unicode path): both must judge it alike.
    func testAsciiFastPathJudgesLikeTheUnicodePath() {
        for b in UInt8(0)..<0x80 {
            let c = String(UnicodeScalar(b))
            XCTAssertEqual(Teilnehmer.isValidName("a" + c), Teilnehmer.isValidName("é" + c), "byte \(b)")
        }
    }
}
