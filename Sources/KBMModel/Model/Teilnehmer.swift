// A person who takes part in courses, with the data the BAMF identifies them by.

public struct Teilnehmer: Equatable, Sendable {
    /// The Tn-Nr (`T1`, `T2`, …; see `TnNr`), never reused within a session.
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

    /// R16: a name is letters of any script, blanks, hyphens and apostrophes, with at least one letter.
    public static func isValidName(_ name: String) -> Bool {
        var hasLetter = false
        // Most names are plain ASCII, one byte per character: judged by a table made from the same rule, without
        // breaking the text into characters, which costs several times as much on every `add teilnehmer`.
        let ascii: Bool? = name.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let kinds = asciiNameCharacters
            for b in bytes {
                switch kinds[Int(b)] {
                case .letter: hasLetter = true
                case .separator: continue
                case .other: return false
                }
            }
            return hasLetter
        } ?? nil
        if let ascii { return ascii }
        for c in name {
            switch NameCharacter(c) {
            case .letter: hasLetter = true
            case .separator: continue
            case .other: return false
            }
        }
        return hasLetter
    }

    /// What R16 makes of one character of a name.
    private enum NameCharacter {
        case letter, separator, other

        init(_ c: Character) {
            if c.isLetter { self = .letter } else if c == " " || c == "-" || c == "'" || c == "’" { self = .separator } else { self = .other }
        }
    }

    private static let asciiNameCharacters: [NameCharacter] = (0..<0x80).map { NameCharacter(Character(Unicode.Scalar(UInt8($0)))) }
}
