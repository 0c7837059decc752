// Typed keys: a handler reads `command[Keys.Book.tn]` and gets the type the spec parses, never a string look-up.

import KBMModel

/// A key and its spec are one declaration (in `Keys`): the spec's lists hold the key, the handler reads with it.
public protocol ValueKey: Sendable {
    var spec: ValueSpec { get }
}

/// A value the line may leave out: `command[key]` is nil then.
public struct Key<V: ArgumentValue>: ValueKey {
    public let spec: ValueSpec

    public init(_ name: String, _ placeholder: String, _ kind: Kind<V>, personal: PersonalData? = nil) {
        spec = ValueSpec(name, placeholder, kind.kind, required: false, personal: personal)
    }
}

/// A value the Parser requires: `command[key]` is the value itself.
public struct RequiredKey<V: ArgumentValue>: ValueKey {
    public let spec: ValueSpec

    public init(_ name: String, _ placeholder: String, _ kind: Kind<V>, personal: PersonalData? = nil) {
        spec = ValueSpec(name, placeholder, kind.kind, required: true, personal: personal)
    }
}

/// A ValueKind that fits the key's type, so a key of the wrong type for what the Parser makes does not compile.
public struct Kind<V: ArgumentValue>: Sendable {
    let kind: ValueKind
}

extension Kind where V == String {
    public static var text: Kind { Kind(kind: .text) }
    public static var identifier: Kind { Kind(kind: .identifier) }
    public static var file: Kind { Kind(kind: .file) }
    public static var rest: Kind { Kind(kind: .rest) }
    public static func reference(_ reference: ValueKind.Reference) -> Kind { Kind(kind: .reference(reference)) }
    /// Words that stand for themselves, such as `--ersetzen`.
    public static func choice(_ words: [String]) -> Kind { Kind(kind: .choice(words)) }
}

extension Kind where V == Int {
    public static func integer(_ range: ClosedRange<Int>) -> Kind { Kind(kind: .integer(range)) }
}

extension Kind where V == Day {
    public static var date: Kind { Kind(kind: .date) }
}

extension Kind where V == Bool {
    public static var yesNo: Kind { Kind(kind: .yesNo) }
}

extension Kind where V: Choice {
    /// These cases, in the order help and completion show them.
    public static func choice(_ cases: [V]) -> Kind { Kind(kind: .choice(cases.map { $0.word })) }
}

extension Kind where V: Choice & CaseIterable {
    /// Every case.
    public static var choice: Kind { choice(Array(V.allCases)) }
}

extension ValueKey {
    /// The key as the line spells it (`ue-woche`), for messages that name it.
    public var name: String { spec.name }
}
