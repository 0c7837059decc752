// The section schedule: first and last teaching day of every Abschnitt.

/// Why an `Abschnittsplan` cannot be computed; the German wording lives in the
/// layer that talks to users.
public enum AbschnittsplanError: Error, Equatable, Sendable {
    /// UE pro Woche outside 1…50.
    case ueProWocheOutOfRange(Int)
    /// The set of Unterrichtstage is empty.
    case noUnterrichtstage
    /// An Unterrichtstag outside 1 (Monday) … 7 (Sunday).
    case invalidWeekday(Int)
    /// The Beginnabschnitt does not exist in the Kursart.
    case beginnabschnittOutOfRange(Abschnitt, Kursart)
    /// An Unterbrechung whose `bis` lies before its `von`.
    case unterbrechungEndsBeforeStart(von: Day, bis: Day)
    /// The course would run past 31.12.9999, the last day a `Day` can be.
    case pastLastDay
}

/// The schedule from the Beginnabschnitt to the end of the Orientierungskurs.
///
/// The UE pro Woche are spread evenly over the Unterrichtstage of a week, so
/// every teaching day carries `ueProWoche / unterrichtstage.count` UE. A day
/// lost to a Feiertag or an Unterbrechung is not made up: its UE move to the
/// end of the course. The accounting is done in units of 1/n UE (n = teaching
/// days per week), which keeps fractions such as 6 2/3 UE exact.
///
/// An Abschnitt ends on the teaching day on which the cumulative UE reach its
/// 100-UE boundary. A day that straddles a boundary is the last day of the
/// earlier Abschnitt and also the first day of the next one, so the
/// `unterrichtstage` of adjacent entries may share a day.
public struct Abschnittsplan: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public let abschnitt: Abschnitt
        public let erster: Day
        public let letzter: Day
        /// Teaching days from `erster` through `letzter`, both included.
        public let unterrichtstage: Int

        public init(abschnitt: Abschnitt, erster: Day, letzter: Day, unterrichtstage: Int) {
            self.abschnitt = abschnitt
            self.erster = erster
            self.letzter = letzter
            self.unterrichtstage = unterrichtstage
        }
    }

    /// A Feiertag that fell on a would-be teaching day within the plan.
    public struct Feiertag: Equatable, Sendable {
        public let day: Day
        public let name: String
    }

    /// A planned break that overlaps the plan, as entered.
    public struct Unterbrechung: Equatable, Sendable {
        public let von: Day
        public let bis: Day
        /// Would-be teaching days lost to it between `kursbeginn` and `ende`
        /// (days on a Feiertag count here, not as Feiertag).
        public let ausgefalleneUnterrichtstage: Int
    }

    public let kursart: Kursart
    public let beginnabschnitt: Abschnitt
    /// As entered; the first teaching day is `beginn`.
    public let kursbeginn: Day
    public let unterrichtstage: Set<Int>
    public let ueProWoche: Int
    public let entries: [Entry]
    /// Feiertage from `kursbeginn` to `ende` on an Unterrichtstag outside any Unterbrechung.
    public let feiertage: [Feiertag]
    /// The Unterbrechungen that overlap `kursbeginn`…`ende`, ordered by `von`.
    public let unterbrechungen: [Unterbrechung]

    public static let defaultUnterrichtstage: Set<Int> = [1, 2, 3, 4, 5]
    public static let defaultUEProWoche = 20
    public static let ueProWocheRange = 1...50

    /// The first teaching day: `kursbeginn` or, if that is no teaching day, the next one.
    public var beginn: Day { entries[0].erster }
    /// The last teaching day of the Orientierungskurs.
    public var ende: Day { entries[entries.count - 1].letzter }

    /// The UE of one teaching day as a reduced fraction, e.g. (20, 3) for 6 2/3.
    public var ueProUnterrichtstag: (zaehler: Int, nenner: Int) {
        let divisor = gcd(ueProWoche, unterrichtstage.count)
        return (ueProWoche / divisor, unterrichtstage.count / divisor)
    }

    /// Throws `AbschnittsplanError` on nonsense input instead of returning nil,
    /// so the caller can tell the user which value is wrong.
    public init(
        kursart: Kursart,
        beginnabschnitt: Abschnitt,
        kursbeginn: Day,
        unterrichtstage: Set<Int> = Abschnittsplan.defaultUnterrichtstage,
        ueProWoche: Int = Abschnittsplan.defaultUEProWoche,
        unterbrechungen: [(von: Day, bis: Day)] = []
    ) throws(AbschnittsplanError) {
        guard Abschnittsplan.ueProWocheRange.contains(ueProWoche) else {
            throw .ueProWocheOutOfRange(ueProWoche)
        }
        guard !unterrichtstage.isEmpty else { throw .noUnterrichtstage }
        if let bad = unterrichtstage.sorted().first(where: { !(1...7).contains($0) }) {
            throw .invalidWeekday(bad)
        }
        guard beginnabschnitt.isValid(in: kursart) else {
            throw .beginnabschnittOutOfRange(beginnabschnitt, kursart)
        }
        if let bad = unterbrechungen.first(where: { $0.bis < $0.von }) {
            throw .unterbrechungEndsBeforeStart(von: bad.von, bis: bad.bis)
        }

        let breaks = unterbrechungen.sorted { ($0.von, $0.bis) < ($1.von, $1.bis) }
        let daysPerWeek = unterrichtstage.count
        // One teaching day is worth `ueProWoche` units; an Abschnitt is `unitsPerAbschnitt`.
        let unitsPerAbschnitt = Kursart.ueProAbschnitt * daysPerWeek
        let abschnittCount = kursart.abschnittCount - beginnabschnitt.number + 1
        let neededDays = ceilDiv(unitsPerAbschnitt * abschnittCount, ueProWoche)

        var teachingDays: [Day] = []
        teachingDays.reserveCapacity(neededDays)
        var lostToBreak = [Int](repeating: 0, count: breaks.count)
        var feiertage: [Feiertag] = []
        var day = kursbeginn
        while teachingDays.count < neededDays {
            guard day.year <= 9999 else { throw .pastLastDay }
            if let index = breaks.firstIndex(where: { $0.von <= day && day <= $0.bis }) {
                // The rest of the break in one step: a break over centuries must not cost a step per day.
                lostToBreak[index] += count(of: unterrichtstage, from: day, through: breaks[index].bis)
                day = breaks[index].bis.adding(days: 1)
                continue
            }
            if unterrichtstage.contains(day.weekday) {
                if let name = Feiertage.name(of: day) {
                    feiertage.append(Feiertag(day: day, name: name))
                } else {
                    teachingDays.append(day)
                }
            }
            day = day.adding(days: 1)
        }

        var entries: [Entry] = []
        for k in 0..<abschnittCount {
            // Day i (1-based) covers units ((i-1)·W, i·W]; it belongs to every
            // Abschnitt whose unit range it overlaps.
            let firstIndex = unitsPerAbschnitt * k / ueProWoche
            let lastIndex = ceilDiv(unitsPerAbschnitt * (k + 1), ueProWoche) - 1
            entries.append(Entry(
                abschnitt: Abschnitt(number: beginnabschnitt.number + k),
                erster: teachingDays[firstIndex],
                letzter: teachingDays[lastIndex],
                unterrichtstage: lastIndex - firstIndex + 1
            ))
        }

        let ende = teachingDays[teachingDays.count - 1]
        self.kursart = kursart
        self.beginnabschnitt = beginnabschnitt
        self.kursbeginn = kursbeginn
        self.unterrichtstage = unterrichtstage
        self.ueProWoche = ueProWoche
        self.entries = entries
        self.feiertage = feiertage
        self.unterbrechungen = breaks.indices
            .filter { breaks[$0].von <= ende && breaks[$0].bis >= kursbeginn }
            .map { Unterbrechung(von: breaks[$0].von, bis: breaks[$0].bis, ausgefalleneUnterrichtstage: lostToBreak[$0]) }
    }

    /// The entries (one, or two on a straddling day) whose range holds `day`.
    public func entries(on day: Day) -> [Entry] {
        entries.filter { $0.erster <= day && day <= $0.letzter }
    }

    /// Whether the course is taught on `day`; false outside `beginn`…`ende`.
    public func isUnterrichtstag(_ day: Day) -> Bool {
        guard beginn <= day, day <= ende, unterrichtstage.contains(day.weekday) else { return false }
        if unterbrechungen.contains(where: { $0.von <= day && day <= $0.bis }) { return false }
        return !Feiertage.isFeiertag(day)
    }
}

/// How many days from `from` through `to` fall on one of `weekdays`.
private func count(of weekdays: Set<Int>, from: Day, through to: Day) -> Int {
    let weeks = (to - from + 1) / 7
    var n = weeks * weekdays.count
    var day = from.adding(days: weeks * 7)
    while day <= to {
        if weekdays.contains(day.weekday) { n += 1 }
        day = day.adding(days: 1)
    }
    return n
}

private func ceilDiv(_ a: Int, _ b: Int) -> Int {
    (a + b - 1) / b
}

private func gcd(_ a: Int, _ b: Int) -> Int {
    b == 0 ? a : gcd(b, a % b)
}
