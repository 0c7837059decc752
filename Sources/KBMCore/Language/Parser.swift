// Matches words against the command table and checks every argument and option.

public enum Parser {
    /// nil for a blank or comment-only line.
    public static func parse(_ line: String) throws(LanguageError) -> ParsedCommand? {
        let tokens = try Lexer.tokenize(line)
        guard !tokens.isEmpty else { return nil }
        return try parse(tokens)
    }

    public static func parse(_ tokens: [Token]) throws(LanguageError) -> ParsedCommand {
        let (spec, used) = try match(tokens)
        var command = ParsedCommand(spec: spec)
        let arguments = spec.arguments, options = spec.options
        var positional = 0
        var index = used
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if let key = token.key {
                let normalizedKey = Keyword.normalize(key)
                guard let o = options.firstIndex(where: { $0.key == normalizedKey }) else {
                    let suggestion = Keyword.suggest(key, among: options.map(\.key))
                    throw .unknownKey(key, command: spec.phrase, suggestion: suggestion, usage: spec.usage)
                }
                let option = options[o]
                guard command.slots[arguments.count + o] == nil else { throw .duplicateKey(option.key) }
                guard !token.value.isEmpty else { throw .emptyValue(key: option.key) }
                command.slots[arguments.count + o] = try convert(token.value, as: option.kind, shown: token.text)
            } else {
                guard positional < arguments.count else { throw .unexpectedArgument(token.text, usage: spec.usage) }
                let argument = arguments[positional]
                if case .rest = argument.kind {
                    command.slots[positional] = .text(tokens[(index - 1)...].map(\.text).joined(separator: " "))
                    index = tokens.count
                } else {
                    command.slots[positional] = try convert(token.value, as: argument.kind, shown: token.value)
                }
                positional += 1
            }
        }
        for (i, argument) in arguments.enumerated() where !argument.optional && command.slots[i] == nil {
            throw .missingArgument(argument.placeholder, usage: spec.usage)
        }
        for (o, option) in options.enumerated() where option.required && command.slots[arguments.count + o] == nil {
            throw .missingKey(option.key, usage: spec.usage)
        }
        return command
    }

    /// The spec with the longest run of matching command words, and how many tokens those words took.
    static func match(_ tokens: [Token]) throws(LanguageError) -> (CommandSpec, Int) {
        // Command words are the first (up to three) unquoted words without `=`.
        var count = 0
        while count < min(3, tokens.count) && tokens[count].key == nil && !tokens[count].quoted { count += 1 }
        guard count > 0 else { throw .unknownCommand(tokens[0].text, suggestion: nil) }
        let first = Keyword.normalize(tokens[0].value)
        // No alias is a command's own first word, so aliases are looked up only when no command starts with the word.
        if let candidates = CommandTable.byFirstWord[first] ?? CommandTable.aliases[first].flatMap({ CommandTable.byFirstWord[$0] }) {
            // Longest first: `plan storno` before `plan`.
            for spec in candidates where spec.words.count <= count {
                var i = 1
                while i < spec.words.count && Keyword.matches(tokens[i].value, spec.words[i]) { i += 1 }
                if i == spec.words.count { return (spec, i) }
            }
        }
        let words = tokens.prefix(count).map { Keyword.normalize($0.value) }
        // A family like `list …` needs its second word: `list` alone or `list foo` names the choices.
        let expected = CommandTable.all.filter { $0.words[0] == first && $0.words.count > 1 }.map { $0.words[1] }
        if !expected.isEmpty {
            guard words.count > 1 else { throw .incompleteCommand(first, expected: expected) }
            throw .unknownSubcommand(tokens[1].text, command: first, expected: expected,
                                     suggestion: Keyword.suggest(tokens[1].text, among: expected))
        }
        let phrases = CommandTable.firstWords + Array(CommandTable.aliases.keys)
        throw .unknownCommand(tokens[0].text, suggestion: Keyword.suggest(tokens[0].text, among: phrases))
    }

    /// `shown` is what an error message quotes; it is built only for one.
    static func convert(_ word: String, as kind: ValueKind, shown: @autoclosure () -> String) throws(LanguageError) -> Value {
        switch kind {
        case .text, .rest, .file:
            return .text(word)
        case .identifier, .reference:
            if case .identifier = kind, !Identifier.isValid(word) { throw .invalidIdentifier(word: shown()) }
            return .text(word)
        case .date:
            guard let day = Day(parsing: word) else { throw .invalidDate(word: shown()) }
            return .date(day)
        case .integer(let range):
            guard let n = Int(word), range.contains(n) else { throw .invalidNumber(word: shown(), range: range) }
            return .integer(n)
        case .choice(let allowed):
            let normalized = Keyword.normalize(word)
            guard allowed.contains(normalized) else { throw .invalidChoice(word: shown(), allowed: allowed) }
            return .text(normalized)
        case .yesNo:
            switch Keyword.normalize(word) {
            case "ja", "j", "yes", "on", "1": return .bool(true)
            case "nein", "n", "no", "off", "0": return .bool(false)
            default: throw .invalidYesNo(word: shown())
            }
        }
    }
}

/// The identifier form the simulated BAMF accepts: 1–20 letters, digits, `-` and `/`.
public enum Identifier {
    public static func isValid(_ s: String) -> Bool {
        // Every allowed character is ASCII, so bytes and characters are the same here.
        guard (1...20).contains(s.utf8.count) else { return false }
        return s.utf8.allSatisfy { c in
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2F
        }
    }
}
