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
    /// Arguments by their spec name and options by their key.
    public var values: [String: Value]

    public var name: CommandName { spec.name }

    public func text(_ key: String) -> String? { values[key]?.text }
    public func date(_ key: String) -> Day? { if case .date(let d)? = values[key] { d } else { nil } }
    public func integer(_ key: String) -> Int? { if case .integer(let n)? = values[key] { n } else { nil } }
    public func bool(_ key: String) -> Bool? { if case .bool(let b)? = values[key] { b } else { nil } }
    public func has(_ key: String) -> Bool { values[key] != nil }
}
