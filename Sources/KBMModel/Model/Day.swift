// A calendar date without time or zone: the only date type of the domain.

public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    // Four bytes instead of three Ints: a large session holds hundreds of thousands of birth dates.
    private let storedYear: UInt16
    private let storedMonth: UInt8
    private let storedDay: UInt8

    public var year: Int { Int(storedYear) }
    public var month: Int { Int(storedMonth) }
    public var day: Int { Int(storedDay) }

    /// Returns nil unless the date exists in the Gregorian calendar (31.02. does not).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        storedYear = UInt16(year)
        storedMonth = UInt8(month)
        storedDay = UInt8(day)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), from Howard Hinnant's algorithm.
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(ordinal z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        // Outside years 1…9999 the value is clamped: no date of the domain is anywhere near.
        storedYear = UInt16(clamping: yoe + era * 400 + (m <= 2 ? 1 : 0))
        storedMonth = UInt8(m)
        storedDay = UInt8(d)
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    public static func - (lhs: Day, rhs: Day) -> Int { lhs.ordinal - rhs.ordinal }

    /// 1 = Monday … 7 = Sunday (ISO 8601).
    public var weekday: Int {
        let w = (ordinal + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `TT.MM.JJJJ`, the form users read.
    public var description: String { formatted(dayFirst: true) }

    /// `JJJJ-MM-TT`, for JSON and the session file.
    public var iso: String { formatted(dayFirst: false) }

    /// Ten ASCII digits and separators, made in one go: every Teilnehmer written to the file has a birth date.
    private func formatted(dayFirst: Bool) -> String {
        String(unsafeUninitializedCapacity: 10) { out in
            func put(_ n: Int, _ width: Int, at start: Int) {
                var n = n
                for i in stride(from: start + width - 1, through: start, by: -1) {
                    out[i] = UInt8(0x30 + n % 10)
                    n /= 10
                }
            }
            if dayFirst {
                put(day, 2, at: 0); out[2] = UInt8(ascii: "."); put(month, 2, at: 3); out[5] = UInt8(ascii: "."); put(year, 4, at: 6)
            } else {
                put(year, 4, at: 0); out[4] = UInt8(ascii: "-"); put(month, 2, at: 5); out[7] = UInt8(ascii: "-"); put(day, 2, at: 8)
            }
            return 10
        }
    }

    /// Accepts `TT.MM.JJJJ` (also `T.M.JJJJ`) and `JJJJ-MM-TT`; nil for anything else or a day that does not exist.
    public init?(parsing text: String) {
        var text = text
        guard let day = text.withUTF8({ Day(parsing: $0) }) else { return nil }
        self = day
    }

    /// The same from raw bytes (a column of the session file), without making a String first.
    public init?(parsing bytes: UnsafeBufferPointer<UInt8>) {
        // Three runs of ASCII digits between two equal separators, read straight from the bytes.
        var numbers = (0, 0, 0)
        var lengths = (0, 0, 0)
        var field = 0
        var separator: UInt8 = 0
        var current = 0, length = 0
        for b in bytes {
            if b >= 0x30 && b <= 0x39 {
                guard length < 4 else { return nil }
                current = current * 10 + Int(b - 0x30)
                length += 1
            } else if (b == 0x2E || b == 0x2D) && (separator == 0 || separator == b) && length > 0 && field < 2 {
                separator = b
                if field == 0 { numbers.0 = current; lengths.0 = length } else { numbers.1 = current; lengths.1 = length }
                field += 1
                current = 0; length = 0
            } else {
                return nil
            }
        }
        guard length > 0, field == 2 else { return nil }
        numbers.2 = current; lengths.2 = length
        if separator == 0x2E {
            guard (1...2).contains(lengths.0), (1...2).contains(lengths.1), lengths.2 == 4 else { return nil }
            self.init(year: numbers.2, month: numbers.1, day: numbers.0)
        } else {
            guard lengths == (4, 2, 2) else { return nil }
            self.init(year: numbers.0, month: numbers.1, day: numbers.2)
        }
    }
}

