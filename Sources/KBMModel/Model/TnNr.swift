// A Tn-Nr (`T1`, `T2`, …): how kbm writes it, which spellings it reads, and the number the session file keeps it under.

public struct TnNr: Hashable, Sendable, CustomStringConvertible {
    /// The number after the T: the order of creation, and the row id of the Tn in the session file.
    public let number: Int

    public init(_ number: Int) { self.number = number }

    /// A Tn-Nr as kbm gives them out (`T17`); nil for anything else (`T07`, `T`, `7`, `t17`). Stored ones stay
    /// below Int.max / 2, since the next Tn-Nr counts on from them.
    public init?(stored text: String) {
        guard let n = Self.parse(text, typed: false) else { return nil }
        number = n
    }

    /// A Tn-Nr as a user types it: also with `t`, and at most nine digits.
    public init?(typed text: String) {
        guard let n = Self.parse(text, typed: true) else { return nil }
        number = n
    }

    /// Byte by byte: a session file with 250,000 Teilnehmer reads each Tn-Nr through here.
    private static func parse(_ text: String, typed: Bool) -> Int? {
        let bytes = text.utf8
        guard let first = bytes.first, first == UInt8(ascii: "T") || (typed && first == UInt8(ascii: "t")),
              bytes.count >= 2, bytes.count <= (typed ? 10 : 19) else { return nil }
        var n = 0
        for (i, b) in bytes.dropFirst().enumerated() {
            guard b >= 0x30 && b <= 0x39, i > 0 || b != 0x30 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n < Int.max / 2 ? n : nil
    }

    /// `T7`, written digit by digit: it fits a small string, and `+` or interpolation would cost several times
    /// as much for every `add teilnehmer`.
    public var text: String {
        guard number >= 0 else { return "T" + String(number) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { buffer in
            var i = buffer.count, rest = number
            repeat {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            i -= 1
            buffer[i] = UInt8(ascii: "T")
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[i...]), as: UTF8.self)
        }
    }

    public var description: String { text }
}
