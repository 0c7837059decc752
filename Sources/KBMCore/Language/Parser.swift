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
        var values: [String: Value] = [:]
        var positional = spec.arguments.makeIterator()
        var index = used
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if let key = token.key {
                let normalizedKey = Keyword.normalize(key)
                guard let option = spec.options.first(where: { $0.key == normalizedKey }) else {
                    let suggestion = Keyword.suggest(key, among: spec.options.map(\.key))
                    throw .unknownKey(key, command: spec.phrase, suggestion: suggestion, usage: spec.usage)
                }
                guard values[option.key] == nil else { throw .duplicateKey(option.key) }
                guard !token.value.isEmpty else { throw .emptyValue(key: option.key) }
                values[option.key] = try convert(token.value, as: option.kind, shown: token.shown)
            } else {
                guard let argument = nextArgument(&positional) else {
                    throw .unexpectedArgument(token.text, usage: spec.usage)
                }
                if argument.kind == .rest {
                    values[argument.name] = .text(tokens[(index - 1)...].map(\.text).joined(separator: " "))
                    index = tokens.count
                } else {
                    values[argument.name] = try convert(token.text, as: argument.kind, shown: token.text)
                }
            }
        }
        for argument in spec.arguments where !argument.optional && values[argument.name] == nil {
            throw .missingArgument(argument.placeholder, usage: spec.usage)
        }
        for option in spec.options where option.required && values[option.key] == nil {
            throw .missingKey(option.key, usage: spec.usage)
        }
        return ParsedCommand(spec: spec, values: values)
    }

    private static func nextArgument(_ iterator: inout IndexingIterator<[ArgumentSpec]>) -> ArgumentSpec? {
        iterator.next()
    }

    /// The spec with the longest run of matching command words, and how many tokens those words took.
    static func match(_ tokens: [Token]) throws(LanguageError) -> (CommandSpec, Int) {
        var words: [String] = []
        for token in tokens.prefix(3) {
            if token.key != nil || token.quoted { break }
            words.append(Keyword.normalize(token.text))
        }
        if let first = words.first, let alias = CommandTable.aliases[first] { words[0] = alias }
        if let first = words.first, let candidates = CommandTable.byFirstWord[first] {
            // Longest first: `plan storno` before `plan`.
            for spec in candidates where spec.words.count <= words.count && words[..<spec.words.count].elementsEqual(spec.words) {
                return (spec, spec.words.count)
            }
        }
        guard let first = words.first else { throw .unknownCommand(tokens[0].shown, suggestion: nil) }
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

    static func convert(_ word: String, as kind: ValueKind, shown: String) throws(LanguageError) -> Value {
        switch kind {
        case .text, .rest, .file:
            return .text(word)
        case .identifier, .reference:
            guard Identifier.isValid(word) || kind != .identifier else { throw .invalidIdentifier(word: shown) }
            return .text(word)
        case .date:
            guard let day = Day(parsing: word) else { throw .invalidDate(word: shown) }
            return .date(day)
        case .integer(let range):
            guard let n = Int(word), range.contains(n) else { throw .invalidNumber(word: shown, range: range) }
            return .integer(n)
        case .choice(let allowed):
            let normalized = Keyword.normalize(word)
            guard allowed.contains(normalized) else { throw .invalidChoice(word: shown, allowed: allowed) }
            return .text(normalized)
        case .yesNo:
            switch Keyword.normalize(word) {
            case "ja", "j", "yes", "on", "1": return .bool(true)
            case "nein", "n", "no", "off", "0": return .bool(false)
            default: throw .invalidYesNo(word: shown)
            }
        }
    }
}

/// The identifier form the simulated BAMF accepts: 1–20 letters, digits, `-` and `/`.
public enum Identifier {
    public static func isValid(_ s: String) -> Bool {
        guard (1...20).contains(s.unicodeScalars.count) else { return false }
        return s.unicodeScalars.allSatisfy { c in
            (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "-" || c == "/"
        }
    }
}
