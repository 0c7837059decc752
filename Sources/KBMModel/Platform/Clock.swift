// Wall-clock readings, used only where the real time is the point: the command log and the default session date.

import Glibc

public enum Clock {
    /// Local time as `JJJJ-MM-TT HH:MM:SS`.
    public static func timestamp(at seconds: Int? = nil) -> String {
        var now = seconds.map { time_t($0) } ?? time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    public static func epochSeconds() -> Int { Int(time(nil)) }

    /// For durations only: never goes back, unrelated to the date.
    public static func monotonicNanoseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int(ts.tv_sec) * 1_000_000_000 + Int(ts.tv_nsec)
    }

    public static func today() -> Day {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}
