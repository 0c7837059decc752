// A command line that kbm writes itself (dumps, anonymised history), quoted so that the Lexer reads back the same values.

import KBMModel

/// Built from the command table, so the words are always the canonical ones:
/// `ScriptLine(.book).argument("T1").option("kostentraeger", "bamf").text` is `book T1 kostentraeger=bamf`.
public struct ScriptLine: Sendable {
    private let spec: CommandSpec
    private var parts: [String]
    private var positionals = 0

    public init(_ name: CommandName) {
        spec = CommandTable.spec(name)
        parts = spec.words
    }

    /// Dumps and anonymised histories are made of domain commands.
    public init(_ name: DomainCommand) {
        self.init(.domain(name))
    }

    /// A positional argument. A value that could be read as one more command word (a file called `anonym`
    /// after `dump`) is quoted, because the Parser takes only unquoted words as command words.
    public func argument(_ value: String) -> ScriptLine {
        var copy = self
        let extendsPhrase = positionals == 0 && parts.count < 3 && CommandTable.all.contains {
            $0.words.count > spec.words.count && Array($0.words.prefix(spec.words.count + 1)) == spec.words + [Keyword.normalize(value)]
        }
        copy.parts.append(Self.quote(value, always: extendsPhrase))
        copy.positionals += 1
        return copy
    }

    /// `key=value`; nothing for a missing value.
    public func option(_ key: String, _ value: String?) -> ScriptLine {
        guard let value else { return self }
        var copy = self
        copy.parts.append(key + "=" + Self.quote(value))
        return copy
    }

    public func option(_ key: String, _ value: Bool?) -> ScriptLine {
        option(key, value.map { $0 ? "ja" : "nein" })
    }

    public func option(_ key: String, _ value: Int?) -> ScriptLine {
        option(key, value.map(String.init))
    }

    public func option(_ key: String, _ value: Day?) -> ScriptLine {
        option(key, value?.description)
    }

    /// The same by typed key, so a line kbm writes spells its keys as the table does.
    public func option(_ key: some ValueKey, _ value: String?) -> ScriptLine {
        option(key.name, value)
    }

    public func option(_ key: some ValueKey, _ value: Day?) -> ScriptLine {
        option(key.name, value)
    }

    public var text: String { parts.joined(separator: " ") }

    /// The word as the Lexer reads it back: bare when it is plain, otherwise in double quotes with
    /// `\"`, `\\` and `\n` (a line break) escaped.
    public static func quote(_ value: String, always: Bool = false) -> String {
        let plain = !always && !value.isEmpty && value.unicodeScalars.allSatisfy { c in
            c.value > 0x20 && c.value != 0x7F && c != "\"" && c != "\\" && c != "#" && c != "="
        }
        if plain { return value }
        var out = "\""
        for c in value.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
