// A command line that matched a CommandSpec, with every value checked and typed.

public enum Value: Equatable, Sendable {
    case text(String)
    case date(Day)
    case integer(Int)
    case bool(Bool)

    public var text: String? { if case .text(let s) = self { s } else { nil } }
}

public struct ParsedCommand: Sendable {
    /// A value the line gave, with its name and slot: the spec's arguments are numbered first, then its options.
    struct Given: Sendable {
        var slot: Int
        var name: String
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

    /// Arguments by their spec name and options by their key.
    public var values: [String: Value] {
        var values: [String: Value] = [:]
        for g in given { values[g.name] = g.value }
        return values
    }

    /// Whether the line named anything beyond the command's words (`mandant` alone shows, with values it changes).
    public var hasValues: Bool { !given.isEmpty }

    public func value(_ key: String) -> Value? {
        // Only the given values are searched: a command has a handful, and most lookups are of names it was given.
        // The names are short literals, so comparing a few is cheaper than hashing one; comparing the lengths
        // first skips most String comparisons, which are calls.
        // By index, so that only the one value found is copied.
        let length = key.utf8.count
        for i in given.indices where given[i].name.utf8.count == length && given[i].name == key { return given[i].value }
        return nil
    }

    subscript(slot slot: Int) -> Value? {
        for i in given.indices where given[i].slot == slot { return given[i].value }
        return nil
    }

    mutating func set(_ value: Value, slot: Int) {
        let name = slot < spec.arguments.count ? spec.arguments[slot].name : spec.options[slot - spec.arguments.count].key
        given.append(Given(slot: slot, name: name, value: value))
    }

    public func text(_ key: String) -> String? { value(key)?.text }
    public func date(_ key: String) -> Day? { if case .date(let d)? = value(key) { d } else { nil } }
    public func integer(_ key: String) -> Int? { if case .integer(let n)? = value(key) { n } else { nil } }
    public func bool(_ key: String) -> Bool? { if case .bool(let b)? = value(key) { b } else { nil } }
    public func has(_ key: String) -> Bool { value(key) != nil }
}
