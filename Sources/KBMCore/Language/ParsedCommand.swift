// A command line that matched a CommandSpec, with every value checked and typed.

public enum Value: Equatable, Sendable {
    case text(String)
    case date(Day)
    case integer(Int)
    case bool(Bool)

    public var text: String? { if case .text(let s) = self { s } else { nil } }
}

public struct ParsedCommand: Sendable {
    public var spec: CommandSpec
    /// One slot per argument, then one per option, in the spec's order; nil where nothing was given.
    /// An array, not a dictionary by name: a command has a handful of values, and hashing each name cost more.
    var slots: [Value?]

    init(spec: CommandSpec) {
        self.spec = spec
        slots = Array(repeating: nil, count: spec.arguments.count + spec.options.count)
    }

    public var name: CommandName { spec.name }

    /// Arguments by their spec name and options by their key.
    public var values: [String: Value] {
        var values: [String: Value] = [:]
        for (i, value) in slots.enumerated() {
            guard let value else { continue }
            values[i < spec.arguments.count ? spec.arguments[i].name : spec.options[i - spec.arguments.count].key] = value
        }
        return values
    }

    /// Whether the line named anything beyond the command's words (`mandant` alone shows, with values it changes).
    public var hasValues: Bool { slots.contains { $0 != nil } }

    public func value(_ key: String) -> Value? {
        // The names are short literals, so comparing a few is cheaper than hashing one; comparing the
        // lengths first skips most String comparisons, which are calls.
        let length = key.utf8.count
        let arguments = spec.arguments
        for i in arguments.indices where arguments[i].name.utf8.count == length && arguments[i].name == key { return slots[i] }
        let options = spec.options
        for i in options.indices where options[i].key.utf8.count == length && options[i].key == key { return slots[arguments.count + i] }
        return nil
    }

    public func text(_ key: String) -> String? { value(key)?.text }
    public func date(_ key: String) -> Day? { if case .date(let d)? = value(key) { d } else { nil } }
    public func integer(_ key: String) -> Int? { if case .integer(let n)? = value(key) { n } else { nil } }
    public func bool(_ key: String) -> Bool? { if case .bool(let b)? = value(key) { b } else { nil } }
    public func has(_ key: String) -> Bool { value(key) != nil }
}
