// A person who takes part in courses, with the data the BAMF identifies them by.

public struct Teilnehmer: Equatable, Sendable {
    /// The Tn-Nr (`T1`, `T2`, …), never reused within a session.
    public var nummer: String
    public var vorname: String
    public var nachname: String
    public var geboren: Day
    /// BAMF-Aktenzeichen; mandatory for BAMF-funded Tn before they are sent.
    public var az: String?
    public var strasse: String?
    public var plz: String?
    public var ort: String?
    /// Set once the BAMF accepted a Kursanmeldung.
    public var zulassung: Zulassung?

    public init(nummer: String, vorname: String, nachname: String, geboren: Day, az: String? = nil) {
        self.nummer = nummer
        self.vorname = vorname
        self.nachname = nachname
        self.geboren = geboren
        self.az = az
    }

    /// Joined with `+`, not interpolated: a short name then stays a small string without an allocation.
    public var name: String { nachname + ", " + vorname }

    /// The number of a Tn-Nr as kbm gives them out (`T17` → 17), which is also the order of creation; nil for
    /// anything else (`T07`, `T`, `7`). Stored ones stay below Int.max / 2, since the next Tn-Nr counts on from
    /// them; `typed` ones may also start with `t` and have at most nine digits.
    public static func number(of nummer: String, typed: Bool = false) -> Int? {
        let bytes = nummer.utf8
        guard let first = bytes.first, first == UInt8(ascii: "T") || (typed && first == UInt8(ascii: "t")),
              bytes.count >= 2, bytes.count <= (typed ? 10 : 19) else { return nil }
        var n = 0
        for (i, b) in bytes.dropFirst().enumerated() {
            guard b >= 0x30 && b <= 0x39, i > 0 || b != 0x30 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n < Int.max / 2 ? n : nil
    }

    /// Letters of any script, blanks, hyphens and apostrophes: what R16 allows in a name.
    public static func isValidName(_ name: String) -> Bool {
        // Most names are plain ASCII letters; only others need the Unicode tables.
        let ascii: Bool? = name.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var letter = false
            for b in bytes {
                if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) { letter = true; continue }
                if b != 0x20 && b != 0x2D && b != 0x27 { return false }
            }
            return letter
        } ?? nil
        if let ascii { return ascii }
        guard name.contains(where: \.isLetter) else { return false }
        return name.allSatisfy { $0.isLetter || $0 == " " || $0 == "-" || $0 == "'" || $0 == "’" }
    }
}
