// Tests for Kursart and Abschnitt: sizes, keys, parsing and names.

import XCTest
@testable import KBMCore
@testable import KBMModel

final class KursartTests: XCTestCase {
    func testSizesFollowTheDomainTable() {
        XCTAssertEqual(Kursart.allgemein.sprachkursUE, 600)
        XCTAssertEqual(Kursart.allgemein.abschnittCount, 7)
        XCTAssertEqual(Kursart.intensiv.sprachkursUE, 400)
        XCTAssertEqual(Kursart.intensiv.abschnittCount, 5)
        for kursart in [Kursart.alpha, .zweitschrift, .foerder, .jugend, .eltern, .frauen] {
            XCTAssertEqual(kursart.sprachkursUE, 900, kursart.key)
            XCTAssertEqual(kursart.abschnittCount, 10, kursart.key)
        }
        for kursart in Kursart.allCases {
            XCTAssertEqual(kursart.orientierungUE, 100)
        }
        XCTAssertEqual(Kursart.allCases.map(\.defaultHoechstTeilnehmer), [25, 16, 16, 20, 20, 20, 20, 20])
    }

    func testNames() {
        XCTAssertEqual(Kursart.allgemein.name, "Allgemeiner Integrationskurs")
        XCTAssertEqual(Kursart.foerder.name, "Förderkurs")
        XCTAssertEqual(Kursart.zweitschrift.name, "Zweitschriftlernerkurs")
    }

    func testKeysAreAcceptedCaseInsensitivelyAndWithUmlauts() {
        XCTAssertEqual(Kursart(key: "allgemein"), .allgemein)
        XCTAssertEqual(Kursart(key: "ALPHA"), .alpha)
        XCTAssertEqual(Kursart(key: "foerder"), .foerder)
        XCTAssertEqual(Kursart(key: "förder"), .foerder)
        XCTAssertEqual(Kursart(key: "Förder"), .foerder)
        XCTAssertEqual(Kursart(key: "FÖRDER"), .foerder)
        // Decomposed ö (o + combining diaeresis), as some terminals send it.
        XCTAssertEqual(Kursart(key: "fo\u{308}rder"), .foerder)
        XCTAssertEqual(Kursart(key: " intensiv "), .intensiv)
        XCTAssertNil(Kursart(key: "forder"))
        XCTAssertNil(Kursart(key: ""))
        XCTAssertNil(Kursart(key: "Allgemeiner Integrationskurs"))
        for kursart in Kursart.allCases {
            XCTAssertEqual(Kursart(key: kursart.key), kursart)
        }
    }

    func testAbschnittParsingForAllgemein() {
        let k = Kursart.allgemein
        XCTAssertEqual(Abschnitt.parse("basis1", kursart: k)?.number, 1)
        XCTAssertEqual(Abschnitt.parse("basis3", kursart: k)?.number, 3)
        XCTAssertEqual(Abschnitt.parse("aufbau1", kursart: k)?.number, 4)
        XCTAssertEqual(Abschnitt.parse("Aufbau 3", kursart: k)?.number, 6)
        XCTAssertEqual(Abschnitt.parse("Basiskurs-2", kursart: k)?.number, 2)
        XCTAssertEqual(Abschnitt.parse("orientierung", kursart: k)?.number, 7)
        XCTAssertEqual(Abschnitt.parse("Orientierungskurs", kursart: k)?.number, 7)
        XCTAssertEqual(Abschnitt.parse("1", kursart: k)?.number, 1)
        XCTAssertEqual(Abschnitt.parse("7", kursart: k)?.number, 7)
        XCTAssertNil(Abschnitt.parse("0", kursart: k))
        XCTAssertNil(Abschnitt.parse("8", kursart: k))
        XCTAssertNil(Abschnitt.parse("-1", kursart: k))
        XCTAssertNil(Abschnitt.parse("basis0", kursart: k))
        XCTAssertNil(Abschnitt.parse("basis4", kursart: k))
        XCTAssertNil(Abschnitt.parse("aufbau4", kursart: k))
        XCTAssertNil(Abschnitt.parse("basis", kursart: k))
        XCTAssertNil(Abschnitt.parse("basis12", kursart: k))
        XCTAssertNil(Abschnitt.parse("", kursart: k))
        XCTAssertNil(Abschnitt.parse("irgendwas", kursart: k))
    }

    func testAbschnittParsingForOtherKursarten() {
        XCTAssertEqual(Abschnitt.parse("10", kursart: .alpha)?.number, 10)
        XCTAssertEqual(Abschnitt.parse("orientierung", kursart: .alpha)?.number, 10)
        XCTAssertNil(Abschnitt.parse("11", kursart: .alpha))
        XCTAssertNil(Abschnitt.parse("basis2", kursart: .alpha))
        XCTAssertNil(Abschnitt.parse("aufbau1", kursart: .jugend))
        XCTAssertEqual(Abschnitt.parse("5", kursart: .intensiv)?.number, 5)
        XCTAssertEqual(Abschnitt.parse("orientierung", kursart: .intensiv)?.number, 5)
        XCTAssertNil(Abschnitt.parse("6", kursart: .intensiv))
        XCTAssertNil(Abschnitt(number: 6, in: .intensiv))
        XCTAssertNil(Abschnitt(number: 0, in: .intensiv))
    }

    func testAbschnittNamesAndKeys() {
        let k = Kursart.allgemein
        XCTAssertEqual(Abschnitt(number: 2).name(in: k), "Basiskurs – Abschnitt 2")
        XCTAssertEqual(Abschnitt(number: 4).name(in: k), "Aufbaukurs – Abschnitt 1")
        XCTAssertEqual(Abschnitt(number: 6).name(in: k), "Aufbaukurs – Abschnitt 3")
        XCTAssertEqual(Abschnitt(number: 7).name(in: k), "Orientierungskurs")
        XCTAssertEqual(Abschnitt(number: 5).name(in: .alpha), "Sprachkurs – Abschnitt 5")
        XCTAssertEqual(Abschnitt(number: 10).name(in: .alpha), "Orientierungskurs")
        XCTAssertEqual(Abschnitt(number: 5).name(in: .intensiv), "Orientierungskurs")
        XCTAssertEqual(Abschnitt(number: 2).key(in: k), "basis2")
        XCTAssertEqual(Abschnitt(number: 4).key(in: k), "aufbau1")
        XCTAssertEqual(Abschnitt(number: 7).key(in: k), "orientierung")
        XCTAssertEqual(Abschnitt(number: 5).key(in: .foerder), "5")
        XCTAssertEqual(Abschnitt(number: 10).key(in: .foerder), "orientierung")
    }

    func testKeysRoundTripThroughParse() {
        for kursart in Kursart.allCases {
            let all = Abschnitt.all(in: kursart)
            XCTAssertEqual(all.count, kursart.abschnittCount)
            XCTAssertEqual(all.last, Abschnitt.orientierung(in: kursart))
            for abschnitt in all {
                XCTAssertEqual(Abschnitt.parse(abschnitt.key(in: kursart), kursart: kursart), abschnitt)
            }
        }
    }

    func testAbschnitteOrderByNumber() {
        XCTAssertLessThan(Abschnitt(number: 2), Abschnitt(number: 3))
        XCTAssertEqual([Abschnitt(number: 3), Abschnitt(number: 1)].sorted().map(\.number), [1, 3])
    }
}
