// Tests for the nationwide Feiertage and the Easter computation.

import XCTest
@testable import KBMCore
@testable import KBMModel

final class FeiertageTests: XCTestCase {
    private func day(_ text: String) -> Day { Day(parsing: text)! }

    func testEasterSunday2024To2030() {
        let expected = ["2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28",
                        "2028-04-16", "2029-04-01", "2030-04-21"]
        for (offset, iso) in expected.enumerated() {
            XCTAssertEqual(Feiertage.easterSunday(year: 2024 + offset).iso, iso)
        }
    }

    func testHistoricalEasterSundays() {
        // 1818 has the earliest possible date, 1943 and 2038 the latest.
        XCTAssertEqual(Feiertage.easterSunday(year: 1818).iso, "1818-03-22")
        XCTAssertEqual(Feiertage.easterSunday(year: 1943).iso, "1943-04-25")
        XCTAssertEqual(Feiertage.easterSunday(year: 2038).iso, "2038-04-25")
        XCTAssertEqual(Feiertage.easterSunday(year: 2000).iso, "2000-04-23")
        XCTAssertEqual(Feiertage.easterSunday(year: 2008).iso, "2008-03-23")
        XCTAssertEqual(Feiertage.easterSunday(year: 2019).iso, "2019-04-21")
    }

    func testEasterIsAlwaysASundayInItsWindow() {
        for year in 1583...2500 {
            let easter = Feiertage.easterSunday(year: year)
            XCTAssertEqual(easter.weekday, 7, "\(year)")
            XCTAssertTrue(day("\(year)-03-22") <= easter && easter <= day("\(year)-04-25"), "\(year)")
        }
    }

    func testHolidaysOf2026() {
        let list = Feiertage.of(year: 2026).map { "\($0.day.description) \($0.name)" }
        XCTAssertEqual(list, [
            "01.01.2026 Neujahr",
            "03.04.2026 Karfreitag",
            "06.04.2026 Ostermontag",
            "01.05.2026 Tag der Arbeit",
            "14.05.2026 Christi Himmelfahrt",
            "25.05.2026 Pfingstmontag",
            "03.10.2026 Tag der Deutschen Einheit",
            "25.12.2026 1. Weihnachtstag",
            "26.12.2026 2. Weihnachtstag",
        ])
    }

    func testNameOfDayAcrossTheTurnOfTheYear() {
        XCTAssertEqual(Feiertage.name(of: day("24.12.2025")), nil)
        XCTAssertEqual(Feiertage.name(of: day("25.12.2025")), "1. Weihnachtstag")
        XCTAssertEqual(Feiertage.name(of: day("26.12.2025")), "2. Weihnachtstag")
        XCTAssertEqual(Feiertage.name(of: day("31.12.2025")), nil)
        XCTAssertEqual(Feiertage.name(of: day("01.01.2026")), "Neujahr")
        XCTAssertEqual(Feiertage.name(of: day("02.01.2026")), nil)
        XCTAssertEqual(Feiertage.name(of: day("05.04.2026")), nil, "Ostersonntag is a Sunday anyway and not listed")
        XCTAssertTrue(Feiertage.isFeiertag(day("2027-03-26")))  // Karfreitag 2027
        XCTAssertFalse(Feiertage.isFeiertag(day("2027-03-25")))
    }

    func testTagDerArbeitAndHimmelfahrtOnTheSameDay() {
        // Easter 2008 was on 23.03., so Himmelfahrt (+39) fell on 01.05.
        XCTAssertEqual(Feiertage.name(of: day("01.05.2008")), "Tag der Arbeit / Christi Himmelfahrt")
        XCTAssertEqual(Feiertage.of(year: 2008).filter { $0.day == self.day("01.05.2008") }.count, 2)
    }

    func testYearBoundSpecialDays() {
        XCTAssertEqual(Feiertage.name(of: day("31.10.2017")), "Reformationstag")
        XCTAssertNil(Feiertage.name(of: day("31.10.2018")))
        XCTAssertEqual(Feiertage.name(of: day("03.10.1990")), "Tag der Deutschen Einheit")
        XCTAssertNil(Feiertage.name(of: day("03.10.1989")))
    }

    func testListsAreSorted() {
        for year in 2000...2040 {
            let days = Feiertage.of(year: year).map(\.day)
            XCTAssertEqual(days, days.sorted(), "\(year)")
            XCTAssertTrue(days.allSatisfy { $0.year == year }, "\(year)")
        }
    }
}
