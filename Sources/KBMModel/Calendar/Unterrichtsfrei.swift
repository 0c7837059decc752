// Why a day of a course has no teaching, and the first teaching day from a given day on.

/// The reason a day carries no teaching: the same three the section schedule skips.
public enum Unterrichtsfrei: Equatable, Sendable {
    /// The weekday is not one of the Unterrichtstage (1 Monday … 7 Sunday).
    case keinUnterrichtstag(weekday: Int)
    case feiertag(String)
    /// The day lies in this planned break.
    case unterbrechung(von: Day, bis: Day)

    /// Why `day` has no teaching, or nil when it is a teaching day. A break counts before the weekday and
    /// the Feiertag, as in `Abschnittsplan`.
    public static func reason(for day: Day, unterrichtstage: Set<Int>, unterbrechungen: [(von: Day, bis: Day)]) -> Unterrichtsfrei? {
        if let pause = unterbrechungen.first(where: { $0.von <= day && day <= $0.bis }) {
            return .unterbrechung(von: pause.von, bis: pause.bis)
        }
        if !unterrichtstage.contains(day.weekday) { return .keinUnterrichtstag(weekday: day.weekday) }
        if let name = Feiertage.name(of: day) { return .feiertag(name) }
        return nil
    }

    /// The first teaching day on or after `day`; nil when there is none before 31.12.9999 or no Unterrichtstag.
    public static func firstTeachingDay(from day: Day, unterrichtstage: Set<Int>,
                                        unterbrechungen: [(von: Day, bis: Day)]) -> Day? {
        guard !unterrichtstage.isEmpty else { return nil }
        var day = day
        while day.year <= 9999 {
            switch reason(for: day, unterrichtstage: unterrichtstage, unterbrechungen: unterbrechungen) {
            case nil: return day
            // A break is left in one step, so a long one costs no step per day.
            case .unterbrechung(_, let bis): day = bis.adding(days: 1)
            case .keinUnterrichtstag, .feiertag: day = day.adding(days: 1)
            }
        }
        return nil
    }
}
