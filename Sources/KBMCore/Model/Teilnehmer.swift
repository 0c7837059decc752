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
