// Tests for the section schedule, each checked against a calendar by hand.

import XCTest
@testable import KBMCore
@testable import KBMModel

final class AbschnittsplanTests: XCTestCase {
    private func d(_ text: String) -> Day { Day(parsing: text)! }

    /// "key erster–letzter tage", one line per entry, so a failure shows the whole plan.
    private func summary(_ plan: Abschnittsplan) -> [String] {
        plan.entries.map { "\($0.abschnitt.key(in: plan.kursart)) \($0.erster)–\($0.letzter) \($0.unterrichtstage)" }
    }

    // Allgemeiner Integrationskurs from Basiskurs – Abschnitt 2, Mon–Fri, 20 UE:
    // 4 UE a day, so every Abschnitt is 25 teaching days (5 weeks without Feiertage).
    // Kursbeginn Mon 02.03.2026; Easter 2026 is 05.04.
    // basis2:  02.03.–27.03. = 20 days, 30.03.–02.04. = 24, Fri 03.04. Karfreitag,
    //          Mon 06.04. Ostermontag, Tue 07.04. = 25.
    // basis3:  08.–10.04. = 3, 13.–17.04. = 8, 20.–24.04. = 13, 27.–30.04. = 17
    //          (Fri 01.05. Tag der Arbeit), 04.–08.05. = 22, 11.–13.05. = 25.
    // aufbau1: Thu 14.05. is Himmelfahrt; Fri 15.05. = 1, 18.–22.05. = 6,
    //          Mon 25.05. Pfingstmontag, 26.–29.05. = 10, then 3 full weeks to Fri 19.06.
    // aufbau2, aufbau3, orientierung: five full weeks each, no Feiertag
    //          (03.10.2026 is a Saturday): 22.06.–24.07., 27.07.–28.08., 31.08.–02.10.
    func testStandardExampleFromBasis2() throws {
        let plan = try Abschnittsplan(kursart: .allgemein, beginnabschnitt: Abschnitt(number: 2), kursbeginn: d("02.03.2026"))
        XCTAssertEqual(summary(plan), [
            "basis2 02.03.2026–07.04.2026 25",
            "basis3 08.04.2026–13.05.2026 25",
            "aufbau1 15.05.2026–19.06.2026 25",
            "aufbau2 22.06.2026–24.07.2026 25",
            "aufbau3 27.07.2026–28.08.2026 25",
            "orientierung 31.08.2026–02.10.2026 25",
        ])
        XCTAssertEqual(plan.beginn, d("02.03.2026"))
        XCTAssertEqual(plan.ende, d("02.10.2026"))
        XCTAssertEqual(plan.feiertage.map { "\($0.day) \($0.name)" }, [
            "03.04.2026 Karfreitag",
            "06.04.2026 Ostermontag",
            "01.05.2026 Tag der Arbeit",
            "14.05.2026 Christi Himmelfahrt",
            "25.05.2026 Pfingstmontag",
        ])
        XCTAssertEqual(plan.unterbrechungen, [])
        XCTAssertTrue(plan.ueProUnterrichtstag == (4, 1))
        XCTAssertTrue(plan.isUnterrichtstag(d("07.04.2026")))
        XCTAssertFalse(plan.isUnterrichtstag(d("06.04.2026")))
        XCTAssertFalse(plan.isUnterrichtstag(d("07.03.2026")))  // Saturday
        XCTAssertFalse(plan.isUnterrichtstag(d("05.10.2026")))  // after the end
    }

    // Summer break Mon 20.07.–Fri 31.07.2026 = 10 teaching days. Everything up to
    // aufbau1 is unchanged; aufbau2 has 20 days by Fri 17.07. and its last 5 in the
    // week of 03.08.; every later Abschnitt moves by exactly two weeks.
    func testUnterbrechungShiftsLaterAbschnitte() throws {
        let plan = try Abschnittsplan(
            kursart: .allgemein, beginnabschnitt: Abschnitt(number: 2), kursbeginn: d("02.03.2026"),
            unterbrechungen: [(von: d("20.07.2026"), bis: d("31.07.2026"))]
        )
        XCTAssertEqual(summary(plan), [
            "basis2 02.03.2026–07.04.2026 25",
            "basis3 08.04.2026–13.05.2026 25",
            "aufbau1 15.05.2026–19.06.2026 25",
            "aufbau2 22.06.2026–07.08.2026 25",
            "aufbau3 10.08.2026–11.09.2026 25",
            "orientierung 14.09.2026–16.10.2026 25",
        ])
        XCTAssertEqual(plan.unterbrechungen, [
            Abschnittsplan.Unterbrechung(von: d("20.07.2026"), bis: d("31.07.2026"), ausgefalleneUnterrichtstage: 10),
        ])
        XCTAssertFalse(plan.isUnterrichtstag(d("22.07.2026")))
        XCTAssertEqual(plan.ende.ordinal - d("02.10.2026").ordinal, 14)
    }

    // Easter break 30.03.–10.04.2026 swallows Karfreitag and Ostermontag: the 10
    // lost weekdays count for the break, and the two Feiertage are not listed twice.
    // basis2: 20 days by 27.03., then 13.–17.04. = 25.
    func testFeiertageInsideAnUnterbrechungCountForTheBreak() throws {
        let plan = try Abschnittsplan(
            kursart: .allgemein, beginnabschnitt: Abschnitt(number: 2), kursbeginn: d("02.03.2026"),
            unterbrechungen: [(von: d("30.03.2026"), bis: d("10.04.2026"))]
        )
        XCTAssertEqual(plan.entries[0].letzter, d("17.04.2026"))
        XCTAssertEqual(plan.unterbrechungen.map(\.ausgefalleneUnterrichtstage), [10])
        XCTAssertEqual(plan.feiertage.first?.day, d("01.05.2026"))
    }

    // A break that began before Kursbeginn only costs the days from Kursbeginn on;
    // a break after the end is not part of the plan.
    func testUnterbrechungenAtTheEdges() throws {
        let plan = try Abschnittsplan(
            kursart: .allgemein, beginnabschnitt: Abschnitt(number: 7), kursbeginn: d("02.03.2026"),
            unterbrechungen: [(von: d("01.06.2027"), bis: d("30.06.2027")),
                              (von: d("23.02.2026"), bis: d("06.03.2026"))]
        )
        XCTAssertEqual(plan.beginn, d("09.03.2026"))
        XCTAssertEqual(plan.unterbrechungen, [
            Abschnittsplan.Unterbrechung(von: d("23.02.2026"), bis: d("06.03.2026"), ausgefalleneUnterrichtstage: 5),
        ])
    }

    // Intensivkurs, only its Orientierungskurs (Abschnitt 5), from Mon 15.12.2025:
    // 15.–19.12. = 5, 22.–24.12. = 8 (25./26.12. Thu/Fri), 29.–31.12. = 11
    // (Thu 01.01.2026 Neujahr), Fri 02.01. = 12, 05.–09.01. = 17, 12.–16.01. = 22,
    // 19.–21.01. = 25.
    func testCourseOverChristmasAndNewYear() throws {
        let plan = try Abschnittsplan(kursart: .intensiv, beginnabschnitt: Abschnitt(number: 5), kursbeginn: d("15.12.2025"))
        XCTAssertEqual(summary(plan), ["orientierung 15.12.2025–21.01.2026 25"])
        XCTAssertEqual(plan.feiertage.map(\.day), [d("25.12.2025"), d("26.12.2025"), d("01.01.2026")])
    }

    func testStartInALaterAbschnitt() throws {
        let plan = try Abschnittsplan(kursart: .alpha, beginnabschnitt: Abschnitt(number: 9), kursbeginn: d("02.03.2026"))
        XCTAssertEqual(plan.entries.map(\.abschnitt.number), [9, 10])
        // Same 25-day rhythm as basis2/basis3 of the standard example.
        XCTAssertEqual(plan.entries[1].letzter, d("13.05.2026"))

        let full = try Abschnittsplan(kursart: .alpha, beginnabschnitt: Abschnitt(number: 1), kursbeginn: d("02.03.2026"))
        XCTAssertEqual(full.entries.count, 10)
        XCTAssertEqual(full.entries.map(\.unterrichtstage), Array(repeating: 25, count: 10))
    }

    // Ostermontag 06.04.2026: the course begins on Tue 07.04.
    // 07.–10.04. = 4, 13.–17. = 9, 20.–24. = 14, 27.–30.04. = 18 (01.05. Feiertag),
    // 04.–08.05. = 23, 11.–12.05. = 25.
    func testStartOnAFeiertagMovesToTheNextTeachingDay() throws {
        let plan = try Abschnittsplan(kursart: .allgemein, beginnabschnitt: .orientierung(in: .allgemein), kursbeginn: d("06.04.2026"))
        XCTAssertEqual(plan.kursbeginn, d("06.04.2026"))
        XCTAssertEqual(summary(plan), ["orientierung 07.04.2026–12.05.2026 25"])
        XCTAssertEqual(plan.feiertage.map(\.day), [d("06.04.2026"), d("01.05.2026")])

        // Fri 01.05.2026: past the weekend to Mon 04.05.
        let mayDay = try Abschnittsplan(kursart: .allgemein, beginnabschnitt: Abschnitt(number: 1), kursbeginn: d("01.05.2026"))
        XCTAssertEqual(mayDay.beginn, d("04.05.2026"))
        // Sat 04.07.2026: Mon 06.07., then five full weeks.
        let saturday = try Abschnittsplan(kursart: .allgemein, beginnabschnitt: Abschnitt(number: 7), kursbeginn: d("04.07.2026"))
        XCTAssertEqual(summary(saturday), ["orientierung 06.07.2026–07.08.2026 25"])
        XCTAssertEqual(saturday.feiertage, [])
    }

    // Mon/Wed/Fri with 20 UE: 6 2/3 UE a day, 15 days = exactly 100 UE, so the
    // Abschnitte meet without sharing a day. Mon 07.09.2026, five weeks each:
    // aufbau3 07.09.–09.10., orientierung 12.10.–13.11. (03.10. is a Saturday).
    func testThreeDayWeekWithFractionalUE() throws {
        let plan = try Abschnittsplan(
            kursart: .allgemein, beginnabschnitt: Abschnitt(number: 6), kursbeginn: d("07.09.2026"),
            unterrichtstage: [1, 3, 5], ueProWoche: 20
        )
        XCTAssertEqual(summary(plan), [
            "aufbau3 07.09.2026–09.10.2026 15",
            "orientierung 12.10.2026–13.11.2026 15",
        ])
        XCTAssertTrue(plan.ueProUnterrichtstag == (20, 3))
    }

    // No drift across a whole 1000-UE course: 10 × 15 days, never a shared day.
    func testFractionalUEDoNotDrift() throws {
        let plan = try Abschnittsplan(kursart: .jugend, beginnabschnitt: Abschnitt(number: 1), kursbeginn: d("07.09.2026"),
                                      unterrichtstage: [1, 3, 5], ueProWoche: 20)
        XCTAssertEqual(plan.entries.map(\.unterrichtstage), Array(repeating: 15, count: 10))
        for (earlier, later) in zip(plan.entries, plan.entries.dropFirst()) {
            XCTAssertLessThan(earlier.letzter, later.erster)
        }
    }

    // Mon/Wed/Fri with 16 UE: 5 1/3 UE a day. Day 18 ends at 96 UE, day 19 at
    // 101 1/3, so teaching day 19 (Mon 19.10.2026, week 7) closes Abschnitt 4 and
    // opens the Orientierungskurs. Day 37 ends at 197 1/3, day 38 at 202 2/3:
    // day 38 is Wed of week 13 (from Mon 30.11.), 02.12.2026.
    func testDayStraddlingABoundaryBelongsToBothAbschnitte() throws {
        let plan = try Abschnittsplan(kursart: .intensiv, beginnabschnitt: Abschnitt(number: 4), kursbeginn: d("07.09.2026"),
                                      unterrichtstage: [1, 3, 5], ueProWoche: 16)
        XCTAssertEqual(summary(plan), [
            "4 07.09.2026–19.10.2026 19",
            "orientierung 19.10.2026–02.12.2026 20",
        ])
        XCTAssertEqual(plan.entries(on: d("19.10.2026")).map(\.abschnitt.number), [4, 5])
        XCTAssertEqual(plan.entries(on: d("21.10.2026")).map(\.abschnitt.number), [5])
    }

    // Whole UE per day can straddle too: 6 UE a day, day 17 holds UE 97–102.
    func testWholeUEPerDayCanStraddle() throws {
        let plan = try Abschnittsplan(kursart: .intensiv, beginnabschnitt: Abschnitt(number: 4), kursbeginn: d("07.09.2026"),
                                      unterrichtstage: [1, 3, 5], ueProWoche: 18)
        XCTAssertEqual(plan.entries.map(\.unterrichtstage), [17, 18])
        XCTAssertEqual(plan.entries[0].letzter, plan.entries[1].erster)
    }

    func testNonsenseInputIsRefused() {
        let start = d("02.03.2026")
        func error(_ make: () throws(AbschnittsplanError) -> Abschnittsplan) -> AbschnittsplanError? {
            do { _ = try make(); return nil } catch { return error }
        }
        XCTAssertEqual(error { () throws(AbschnittsplanError) in
            try Abschnittsplan(kursart: .allgemein, beginnabschnitt: Abschnitt(number: 1), kursbeginn: start, ueProWoche: 0)
        }, .ueProWocheOutOfRange(0))
        XCTAssertEqual(error { () throws(AbschnittsplanError) in
            try Abschnittsplan(kursart: .allgemein, beginnabschnitt: Abschnitt(number: 1), kursbeginn: start, ueProWoche: 51)
        }, .ueProWocheOutOfRange(51))
        XCTAssertEqual(error { () throws(AbschnittsplanError) in
            try Abschnittsplan(kursart: .allgemein, beginnabschnitt: Abschnitt(number: 1), kursbeginn: start, unterrichtstage: [])
        }, .noUnterrichtstage)
        XCTAssertEqual(error { () throws(AbschnittsplanError) in
            try Abschnittsplan(kursart: .allgemein, beginnabschnitt: Abschnitt(number: 1), kursbeginn: start, unterrichtstage: [1, 8])
        }, .invalidWeekday(8))
        XCTAssertEqual(error { () throws(AbschnittsplanError) in
            try Abschnittsplan(kursart: .allgemein, beginnabschnitt: Abschnitt(number: 8), kursbeginn: start)
        }, .beginnabschnittOutOfRange(Abschnitt(number: 8), .allgemein))
        XCTAssertEqual(error { () throws(AbschnittsplanError) in
            try Abschnittsplan(kursart: .allgemein, beginnabschnitt: Abschnitt(number: 1), kursbeginn: start,
                               unterbrechungen: [(von: d("10.03.2026"), bis: d("09.03.2026"))])
        }, .unterbrechungEndsBeforeStart(von: d("10.03.2026"), bis: d("09.03.2026")))
    }

    // The extremes that are allowed: 50 UE over Mon–Sat, and 1 UE a week on Sundays only.
    // 100 Sundays from 08.03.2026 would end on 30.01.2028, but Sun 03.10.2027 and
    // Sun 26.12.2027 are Feiertage, so it ends two Sundays later.
    func testExtremesThatAreAllowed() throws {
        let dense = try Abschnittsplan(kursart: .allgemein, beginnabschnitt: Abschnitt(number: 1), kursbeginn: d("02.03.2026"),
                                       unterrichtstage: [1, 2, 3, 4, 5, 6], ueProWoche: 50)
        XCTAssertEqual(dense.entries.map(\.unterrichtstage), Array(repeating: 12, count: 7))
        let sparse = try Abschnittsplan(kursart: .intensiv, beginnabschnitt: Abschnitt(number: 5), kursbeginn: d("02.03.2026"),
                                        unterrichtstage: [7], ueProWoche: 1)
        XCTAssertEqual(sparse.entries[0].unterrichtstage, 100)
        XCTAssertEqual(sparse.beginn, d("08.03.2026"))
        XCTAssertEqual(sparse.feiertage.map(\.day), [d("03.10.2027"), d("26.12.2027")])
        XCTAssertEqual(sparse.ende, d("08.03.2026").adding(days: 101 * 7))
    }
}
