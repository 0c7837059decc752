// The nationwide German public holidays, computed per year.

/// Only holidays that apply in every Bundesland count, because a course
/// schedule must not depend on the Kursort's state. Computed on demand: the
/// work is a few integer operations, so there is nothing worth caching.
public enum Feiertage {
    /// Easter Sunday by the Anonymous Gregorian algorithm (Meeus/Jones/Butcher);
    /// proleptic Gregorian for years before 1583.
    public static func easterSunday(year: Int) -> Day {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        // The algorithm only yields dates between 22.03. and 25.04., which always exist.
        return Day(year: year, month: month, day: day)!
    }

    /// The holidays of `year` in date order. Tag der Arbeit and Christi
    /// Himmelfahrt can fall on the same day (2008); both are listed then.
    ///
    /// The Tag der Deutschen Einheit exists from 1990 on; the Reformationstag
    /// was a nationwide holiday once, in 2017.
    public static func of(year: Int) -> [(day: Day, name: String)] {
        let easter = easterSunday(year: year)
        var holidays: [(day: Day, name: String)] = [
            (fixed(year, 1, 1), "Neujahr"),
            (easter.adding(days: -2), "Karfreitag"),
            (easter.adding(days: 1), "Ostermontag"),
            (fixed(year, 5, 1), "Tag der Arbeit"),
            (easter.adding(days: 39), "Christi Himmelfahrt"),
            (easter.adding(days: 50), "Pfingstmontag"),
            (fixed(year, 12, 25), "1. Weihnachtstag"),
            (fixed(year, 12, 26), "2. Weihnachtstag"),
        ]
        if year >= 1990 {
            holidays.append((fixed(year, 10, 3), "Tag der Deutschen Einheit"))
        }
        if year == 2017 {
            holidays.append((fixed(year, 10, 31), "Reformationstag"))
        }
        // Stable on ties keeps the listing order above for a shared day.
        return holidays.enumerated()
            .sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }
            .map(\.element)
    }

    /// The holiday's name, or nil on an ordinary day; two holidays on one day
    /// are joined ("Tag der Arbeit / Christi Himmelfahrt").
    public static func name(of day: Day) -> String? {
        let names = of(year: day.year).filter { $0.day == day }.map(\.name)
        return names.isEmpty ? nil : names.joined(separator: " / ")
    }

    public static func isFeiertag(_ day: Day) -> Bool {
        name(of: day) != nil
    }

    private static func fixed(_ year: Int, _ month: Int, _ day: Int) -> Day {
        // Fixed holidays are on days that exist in every year.
        Day(year: year, month: month, day: day)!
    }
}
