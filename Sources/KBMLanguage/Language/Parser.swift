// Matches words against the command table and checks every argument and option.

import KBMModel

public enum Parser {
    /// nil for a blank or comment-only line.
    public static func parse(_ line: String) throws(LanguageError) -> ParsedCommand? {
        let lexed = try Lexer.lex(line)
        guard !lexed.isEmpty else { return nil }
        return try parse(lexed)
    }

    public static func parse(_ tokens: [Token]) throws(LanguageError) -> ParsedCommand {
        try parse(LexedLine(tokens: tokens))
    }

    static func parse(_ line: LexedLine) throws(LanguageError) -> ParsedCommand {
        let (spec, used) = try match(line)
        var command = ParsedCommand(spec: spec)
        let arguments = spec.arguments, options = spec.options
        var positional = 0
        var index = used
        while index < line.count {
            let i = index
            index += 1
            if line.isOption(i) {
                guard let o = line.withBytes(of: i, keyPart: true, { Keyword.firstIndex(of: $0, in: options) { $0.name } }) else {
                    let key = line.key(i)!
                    let suggestion = Keyword.suggest(key, among: options.map(\.name))
                    throw .unknownKey(key, command: spec.phrase, suggestion: suggestion, usage: spec.usage)
                }
                guard command[slot: arguments.count + o] == nil else { throw .duplicateKey(options[o].name) }
                guard !line.valueIsEmpty(i) else { throw .emptyValue(key: options[o].name) }
                command.set(try convert(line, i, as: options[o].kind, shown: line.text(i)), slot: arguments.count + o)
            } else {
                guard positional < arguments.count else { throw .unexpectedArgument(line.text(i), usage: spec.usage) }
                if case .rest = arguments[positional].kind {
                    command.set(.text((i..<line.count).map(line.text).joined(separator: " ")), slot: positional)
                    index = line.count
                } else {
                    command.set(try convert(line, i, as: arguments[positional].kind, shown: line.value(i)), slot: positional)
                }
                positional += 1
            }
        }
        // By index: the specs themselves need not be copied to read two flags.
        for a in arguments.indices where arguments[a].required && command[slot: a] == nil {
            throw .missingArgument(arguments[a].placeholder, usage: spec.usage)
        }
        for o in options.indices where options[o].required && command[slot: arguments.count + o] == nil {
            throw .missingKey(options[o].name, usage: spec.usage)
        }
        return command
    }

    /// The spec with the longest run of matching command words, and how many tokens those words took.
    package static func match(_ tokens: [Token]) throws(LanguageError) -> (CommandSpec, Int) {
        try match(LexedLine(tokens: tokens))
    }

    static func match(_ line: LexedLine) throws(LanguageError) -> (CommandSpec, Int) {
        // Command words are the first (up to three) unquoted words without `=`.
        var count = 0
        while count < min(3, line.count) && !line.isOption(count) && !line.isQuoted(count) { count += 1 }
        guard count > 0 else { throw .unknownCommand(line.text(0), suggestion: nil) }
        let first = Keyword.normalize(line.value(0))
        // No alias is a command's own first word, so aliases are looked up only when no command starts with the word.
        if let candidates = CommandTable.byFirstWord[first] ?? CommandTable.aliases[first].flatMap({ CommandTable.byFirstWord[$0] }) {
            // Longest first: `plan storno` before `plan`.
            for spec in candidates where spec.words.count <= count {
                var i = 1
                while i < spec.words.count && line.withBytes(of: i, { Keyword.matches($0, spec.words[i]) }) {
                    i += 1
                }
                if i == spec.words.count { return (spec, i) }
            }
        }
        // A family like `list …` needs its second word: `list` alone or `list foo` names the choices.
        let expected = CommandTable.all.filter { $0.words[0] == first && $0.words.count > 1 }.map { $0.words[1] }
        if !expected.isEmpty {
            guard count > 1 else { throw .incompleteCommand(first, expected: expected) }
            throw .unknownSubcommand(line.text(1), command: first, expected: expected,
                                     suggestion: Keyword.suggest(line.text(1), among: expected))
        }
        let phrases = CommandTable.firstWords + Array(CommandTable.aliases.keys)
        throw .unknownCommand(line.text(0), suggestion: Keyword.suggest(line.text(0), among: phrases))
    }

    /// The value of word `i` as `kind` asks. Dates and choices are read from the bytes; a String is made
    /// only of a value that is kept as text. `shown` is what an error message quotes; it is built only for one.
    static func convert(_ line: LexedLine, _ i: Int, as kind: ValueKind, shown: @autoclosure () -> String) throws(LanguageError) -> Value {
        switch kind {
        case .text, .rest, .file:
            return .text(line.value(i))
        case .identifier, .reference:
            if case .identifier = kind, !line.withBytes(of: i, Identifier.isValid) { throw .invalidIdentifier(word: shown()) }
            return .text(line.value(i))
        case .date:
            guard let day = line.withBytes(of: i, { Day(parsing: $0) }) else { throw .invalidDate(word: shown()) }
            return .date(day)
        case .integer(let range):
            guard let n = Int(line.value(i)), range.contains(n) else { throw .invalidNumber(word: shown(), range: range) }
            return .integer(n)
        case .choice(let allowed):
            // The table's choices are normalised, so the one that matches is the normalised word.
            guard let k = line.withBytes(of: i, { Keyword.firstIndex(of: $0, in: allowed) { $0 } }) else {
                throw .invalidChoice(word: shown(), allowed: allowed)
            }
            return .text(allowed[k])
        case .yesNo:
            switch Keyword.normalize(line.value(i)) {
            case "ja", "j", "yes", "on", "1": return .bool(true)
            case "nein", "n", "no", "off", "0": return .bool(false)
            default: throw .invalidYesNo(word: shown())
            }
        }
    }
}
