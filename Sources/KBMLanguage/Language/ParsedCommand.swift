// A command line that matched a CommandSpec, with every value checked and typed.

import KBMModel

public enum Value: Equatable, Sendable {
    case text(String)
    case date(Day)
    case integer(Int)
    case bool(Bool)
}

public struct ParsedCommand: Sendable {
    /// A value the line gave, with its slot (the spec's arguments are numbered first, then its options) and the
    /// identity of its spec, which is the key a handler reads it with.
    struct Given: Sendable {
        var slot: Int
        var spec: ObjectIdentifier
        var value: Value
    }

    public var spec: CommandSpec
    /// Only what was given, not a dictionary by name nor a slot for every option: a command has a handful of
    /// values, hashing each name cost more than comparing a few, and every slot costs again when freed.
    private(set) var given: [Given] = []

    init(spec: CommandSpec) {
        self.spec = spec
        given.reserveCapacity(4)
    }

    public var name: CommandName { spec.name }

    /// Whether the line named anything beyond the command's words (`mandant` alone shows, with values it changes).
    public var hasValues: Bool { !given.isEmpty }

    // The key readers are inlinable so that each is specialised for its type where the handler reads it: called
    // generically across the module boundary, each read looked up type metadata and went through witness tables.

    /// A value the line may leave out.
    @inlinable public subscript<V>(key: Key<V>) -> V? {
        value(of: key.spec).flatMap(V.from)
    }

    /// A value the Parser made sure of: a line without it is no command.
    @inlinable public subscript<V>(key: RequiredKey<V>) -> V {
        guard let value = value(of: key.spec).flatMap(V.from) else {
            preconditionFailure("\(spec.phrase) was parsed without its \(key.spec.name)")
        }
        return value
    }

    @inlinable public func has<V>(_ key: Key<V>) -> Bool { value(of: key.spec) != nil }

    /// The value as the Parser made it, for code that walks a spec's values (the fuzzer rebuilds lines so).
    /// By the spec's identity: comparing one word per given value is cheaper than comparing names, and a key of
    /// another command finds nothing, which debug builds report.
    public func value(of wanted: ValueSpec) -> Value? {
        assert(spec.arguments.contains { $0 === wanted } || spec.options.contains { $0 === wanted },
               "\(wanted.name) is no value of \(spec.phrase)")
        let id = ObjectIdentifier(wanted)
        // By index, so that only the one value found is copied.
        for i in given.indices where given[i].spec == id { return given[i].value }
        return nil
    }

    subscript(slot slot: Int) -> Value? {
        for i in given.indices where given[i].slot == slot { return given[i].value }
        return nil
    }

    /// Whether the line names a file the command would write (`output DATEI`, `dump DATEI`).
    package var namesFile: Bool {
        spec.arguments.indices.contains { spec.arguments[$0].kind == .file && self[slot: $0] != nil }
    }

    mutating func set(_ value: Value, slot: Int) {
        let valueSpec = slot < spec.arguments.count ? spec.arguments[slot] : spec.options[slot - spec.arguments.count]
        given.append(Given(slot: slot, spec: ObjectIdentifier(valueSpec), value: value))
    }
}
