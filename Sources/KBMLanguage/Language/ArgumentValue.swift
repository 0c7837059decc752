// The Swift types a command's values are read as, and the word each choice is typed as.

import KBMModel

/// A type a key can read: what the Parser made of a word, as this type.
public protocol ArgumentValue: Sendable {
    static func from(_ value: Value) -> Self?
}

extension String: ArgumentValue {
    public static func from(_ value: Value) -> String? { if case .text(let s) = value { s } else { nil } }
}

extension Int: ArgumentValue {
    public static func from(_ value: Value) -> Int? { if case .integer(let n) = value { n } else { nil } }
}

extension Day: ArgumentValue {
    public static func from(_ value: Value) -> Day? { if case .date(let d) = value { d } else { nil } }
}

extension Bool: ArgumentValue {
    public static func from(_ value: Value) -> Bool? { if case .bool(let b) = value { b } else { nil } }
}

/// A closed set of words; the Parser keeps the normalised word, the key turns it into the case.
public protocol Choice: ArgumentValue {
    var word: String { get }
    init?(word: String)
}

extension Choice {
    public static func from(_ value: Value) -> Self? { if case .text(let s) = value { Self(word: s) } else { nil } }
}

extension Choice where Self: RawRepresentable<String> {
    public var word: String { rawValue }
    public init?(word: String) { self.init(rawValue: word) }
}

extension Auftrag.Typ: Choice {}
extension Kursart: Choice {}
extension Zustaendigkeit.Art: Choice {}
extension Teilnahme.Status: Choice {}
extension Teilnahme.Kostentraeger: Choice {}
extension Zulassung.Verfahren: Choice {}
extension Kursplanung.State: Choice {}
extension BamfSide.Modus: Choice {}
extension OutputFormat: Choice {}

/// Messages are typed in lower case (`bamf stoerung kursbeginnmeldung`).
extension Anmeldung.Typ: Choice {
    public var word: String { rawValue.lowercased() }
    public init?(word: String) {
        guard let found = Self.allCases.first(where: { $0.word == word }) else { return nil }
        self = found
    }
}

extension Anmeldung.Ergebnis: Choice {
    public var word: String { key }
    public init?(word: String) { self.init(key: word) }
}
