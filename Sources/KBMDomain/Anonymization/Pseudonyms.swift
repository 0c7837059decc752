// The mapping from personal values to pseudonyms: consistent, injective, never an original, always valid input.

import KBMLanguage
import KBMModel

/// First every original is *collected* (handed in and returned unchanged), then the mapping hands out
/// pseudonyms in the order they are asked for. Knowing all originals first is what guarantees that no
/// pseudonym is one of them: a Geburtsdatum mapped onto another Tn's real one would leak it.
///
/// - Names (Vorname, Nachname of Teilnehmer and Lehrkräfte) share one mapping, keyed by their normalised
///   form (`Keyword.normalize`): "Müller" and "MUELLER" are the same name to kbm's look-ups, so they get the
///   same pseudonym, and a `Nachname,Vorname` reference stays exactly as ambiguous as it was. Pseudonyms are
///   three syllables of letters, which R16 accepts.
/// - Geburtsdaten map to real, distinct dates between 1950 and 2004, so equal dates stay equal and a
///   Geburtsdatum that contradicts the BAMF's record still does.
/// - Aktenzeichen (`AZX-000001`) and Lehrkraftkennungen (`LKX-0001`) are identifiers the BAMF accepts.
/// - Straße, PLZ and Ort are free text and get made-up ones.
public struct Pseudonyms: Sendable {
    public enum Kind: Int, Sendable, CaseIterable, Comparable {
        case name, aktenzeichen, kennung, strasse, plz, ort

        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    /// While true, values are only remembered as originals and come back unchanged.
    public private(set) var collecting = true
    /// Every original, exactly as it was seen, by kind; and the original dates.
    public private(set) var originals: [Kind: Set<String>] = [:]
    public private(set) var originalDays: Set<Day> = []
    /// Grows whenever an original is seen for the first time, so users can cache what they derive from `originals`.
    public private(set) var generation = 0

    /// Normalised originals of every kind, and the single words of names: no pseudonym may be or contain one.
    private var reserved: Set<String> = []
    private var used: Set<String> = []
    private var usedDays: Set<Day> = []
    private var mapping: [Kind: [String: String]] = [:]
    private var dayMapping: [Day: Day] = [:]
    private var counters: [Kind: Int] = [:]
    private var dayCounter = 0

    public init() {}

    /// Ends collecting: from now on every value is replaced.
    public mutating func finishCollecting() { collecting = false }

    /// The pseudonym of a personal value (the value itself while collecting).
    public mutating func value(_ original: String, _ kind: Kind) -> String {
        let key = kind == .name ? Keyword.normalize(original) : original
        if let known = mapping[kind]?[key] { return known }
        remember(original, kind)
        if collecting { return original }
        var candidate = Self.candidate(kind, counters[kind, default: 0])
        while !acceptable(candidate) {
            counters[kind, default: 0] += 1
            candidate = Self.candidate(kind, counters[kind, default: 0])
        }
        counters[kind, default: 0] += 1
        used.insert(Keyword.normalize(candidate))
        mapping[kind, default: [:]][key] = candidate
        return candidate
    }

    /// The pseudonym of a Geburtsdatum (the date itself while collecting).
    public mutating func day(_ original: Day) -> Day {
        if let known = dayMapping[original] { return known }
        if originalDays.insert(original).inserted {
            generation += 1
            reserved.insert(original.description)
            reserved.insert(original.iso)
        }
        if collecting { return original }
        var candidate = Self.dayCandidate(dayCounter)
        while originalDays.contains(candidate) || usedDays.contains(candidate) {
            dayCounter += 1
            candidate = Self.dayCandidate(dayCounter)
        }
        dayCounter += 1
        usedDays.insert(candidate)
        dayMapping[original] = candidate
        return candidate
    }

    private mutating func remember(_ original: String, _ kind: Kind) {
        guard originals[kind, default: []].insert(original).inserted else { return }
        generation += 1
        reserved.insert(Keyword.normalize(original))
        if kind == .name {
            for word in Self.words(original) { reserved.insert(Keyword.normalize(word)) }
        }
    }

    private func acceptable(_ candidate: String) -> Bool {
        let normalized = Keyword.normalize(candidate)
        guard !reserved.contains(normalized), !used.contains(normalized) else { return false }
        return Self.words(candidate).allSatisfy { !reserved.contains(Keyword.normalize($0)) }
    }

    /// Maximal runs of letters, digits, `-` and `/`: the words in which an original must not appear whole.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for ch in text {
            if isWordCharacter(ch) { current.append(ch) } else if !current.isEmpty { words.append(current); current = "" }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    public static func isWordCharacter(_ ch: Character) -> Bool {
        ch.isLetter || ch.isNumber || ch == "-" || ch == "/"
    }

    // MARK: - Generating candidates

    private static let consonants: [Character] = ["b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v"]
    private static let vowels: [Character] = ["a", "e", "i", "o", "u"]

    /// A pronounceable word of three syllables, a different one for every `k` below 70³ (7919 is prime to 343000).
    static func syllables(_ k: Int, salt: Int) -> String {
        let count = consonants.count * vowels.count
        var v = ((k + salt * 1009) * 7919 + 4711) % (count * count * count)
        var word = ""
        for _ in 0..<3 {
            let s = v % count
            v /= count
            word.append(consonants[s % consonants.count])
            word.append(vowels[s / consonants.count])
        }
        // Beyond 70³ a fourth syllable keeps the words apart.
        if k >= count * count * count { word += String(consonants[(k / (count * count * count)) % consonants.count]) + "a" }
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    static func candidate(_ kind: Kind, _ k: Int) -> String {
        switch kind {
        case .name: syllables(k, salt: 0)
        case .aktenzeichen: "AZX-" + padded(k + 1, 6)
        case .kennung: "LKX-" + padded(k + 1, 4)
        case .strasse: syllables(k, salt: 1) + "weg " + String(k % 90 + 1)
        case .plz: String(10000 + (k * 7919) % 90000)
        case .ort: syllables(k, salt: 2) + "dorf"
        }
    }

    /// Dates from 01.01.1950 on, spread over 20000 days (7919 is prime to 20000, so all distinct).
    static func dayCandidate(_ k: Int) -> Day {
        Day(year: 1950, month: 1, day: 1)!.adding(days: (k * 7919) % 20000 + (k / 20000) * 20000)
    }

    private static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
