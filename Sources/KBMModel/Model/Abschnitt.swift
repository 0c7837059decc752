// One 100-UE Abschnitt of a course, its names and how users type it.

/// An Abschnitt is identified by its 1-based position within a Kursart; the
/// last one is always the Orientierungskurs.
///
/// The number alone does not know its Kursart, so names and range checks take
/// the Kursart as an argument: the same number means different things in an
/// Allgemeiner Integrationskurs and an Intensivkurs.
public struct Abschnitt: Hashable, Comparable, Sendable {
    public let number: Int

    /// Unchecked: use `init?(number:in:)` for anything typed or stored.
    public init(number: Int) {
        self.number = number
    }

    public init?(number: Int, in kursart: Kursart) {
        guard (1...kursart.abschnittCount).contains(number) else { return nil }
        self.number = number
    }

    public static func all(in kursart: Kursart) -> [Abschnitt] {
        (1...kursart.abschnittCount).map { Abschnitt(number: $0) }
    }

    public static func orientierung(in kursart: Kursart) -> Abschnitt {
        Abschnitt(number: kursart.abschnittCount)
    }

    public func isOrientierung(in kursart: Kursart) -> Bool {
        number == kursart.abschnittCount
    }

    public func isValid(in kursart: Kursart) -> Bool {
        (1...kursart.abschnittCount).contains(number)
    }

    public static func < (lhs: Abschnitt, rhs: Abschnitt) -> Bool {
        lhs.number < rhs.number
    }

    /// Accepts a number `1`…`abschnittCount`, `orientierung`, and for the
    /// Allgemeiner Integrationskurs `basis1`…`basis3` and `aufbau1`…`aufbau3`
    /// (also `Basiskurs 2`, `aufbau-1`). Basis/Aufbau are refused for the other
    /// Kursarten because only the Allgemeiner Integrationskurs is split that way.
    public static func parse(_ text: String, kursart: Kursart) -> Abschnitt? {
        let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        // Digits are checked before separators are dropped, so "-1" stays invalid.
        if !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return Int(trimmed).flatMap { Abschnitt(number: $0, in: kursart) }
        }
        let compact = String(trimmed.lowercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" })
        if compact == "orientierung" || compact == "orientierungskurs" {
            return orientierung(in: kursart)
        }
        guard kursart == .allgemein else { return nil }
        for (prefixes, offset) in [(["basiskurs", "basis"], 0), (["aufbaukurs", "aufbau"], 3)] {
            for prefix in prefixes where compact.hasPrefix(prefix) {
                let rest = compact.dropFirst(prefix.count)
                guard rest.count == 1, let n = Int(rest), (1...3).contains(n) else { return nil }
                return Abschnitt(number: offset + n, in: kursart)
            }
        }
        return nil
    }

    /// "Basiskurs – Abschnitt 2", "Aufbaukurs – Abschnitt 1", "Sprachkurs – Abschnitt 5"
    /// or "Orientierungskurs".
    public func name(in kursart: Kursart) -> String {
        guard isValid(in: kursart) else { return "Abschnitt \(number)" }
        if isOrientierung(in: kursart) { return "Orientierungskurs" }
        if kursart == .allgemein {
            return number <= 3 ? "Basiskurs – Abschnitt \(number)" : "Aufbaukurs – Abschnitt \(number - 3)"
        }
        return "Sprachkurs – Abschnitt \(number)"
    }

    /// The short form `parse` accepts back: "basis2", "aufbau1", "orientierung" or "5".
    public func key(in kursart: Kursart) -> String {
        guard isValid(in: kursart) else { return String(number) }
        if isOrientierung(in: kursart) { return "orientierung" }
        if kursart == .allgemein {
            return number <= 3 ? "basis\(number)" : "aufbau\(number - 3)"
        }
        return String(number)
    }
}
