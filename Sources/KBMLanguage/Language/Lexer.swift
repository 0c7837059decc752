// Splits one command line into words: blanks separate, double quotes keep blanks (with `\"` `\\` `\n`), `#` starts a comment.

/// One word of a command line. `key` is set when the word has the form `key=value`
/// with the `=` outside quotes; `column` (1-based) points at the word for error messages.
public struct Token: Equatable, Sendable {
    public var key: String?
    /// The word itself, or for `key=value` the part after the `=`.
    public var value: String
    public var column: Int
    public var quoted: Bool

    /// The whole word as the user typed it (without its quotes), for error messages and `rest` arguments.
    /// Built on demand: a script's option words are seldom shown, and each would cost a String.
    public var text: String { key.map { $0 + "=" + value } ?? value }
}

public enum Lexer {
    // The syntax characters are all ASCII, so the line is scanned as UTF-8 bytes; a multi-byte character
    // is copied through whole.
    private static let blank = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), hash = UInt8(ascii: "#")
    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), equals = UInt8(ascii: "=")

    public static func tokenize(_ line: String) throws(LanguageError) -> [Token] {
        try lex(line).tokens
    }

    static func lex(_ line: String) throws(LanguageError) -> LexedLine {
        var lexed = LexedLine(bytes: Array(line.utf8))
        let bytes = lexed.bytes
        // withUnsafeBufferPointer cannot throw a typed error, so the error is carried out as a value.
        let failure: LanguageError? = bytes.withUnsafeBufferPointer { scan($0, into: &lexed) }
        if let failure { throw failure }
        return lexed
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, into lexed: inout LexedLine) -> LanguageError? {
        var end = bytes.count
        // A stray carriage return from a CRLF file is line noise, not part of the last word.
        while end > 0 && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var i = 0
        // Columns count Unicode scalars: the column of byte i is i + 1 less the continuation bytes before it.
        // Blanks are ASCII, so only words have any; counting them where they occur keeps the usual byte cheap.
        var continuations = 0
        while i < end {
            let c = bytes[i]
            if c == blank || c == tab { i += 1; continue }
            if c == hash { break }
            let start = i, column = i + 1 - continuations
            var equalsAt: Int?
            // Most words have no quotes: they are one run of the line's bytes.
            while i < end {
                let b = bytes[i]
                // Printable ASCII from `#` on, but for `=`: the bulk of every word.
                if b >= 0x23 && b <= 0x7E && b != equals { i += 1; continue }
                if b == blank || b == tab || b == quote { break }
                if b == equals { if equalsAt == nil { equalsAt = i }; i += 1; continue }
                if b < 0x20 || b == 0x7F { return .controlCharacter(column: i + 1 - continuations) }
                if b & 0xC0 == 0x80 { continuations += 1 }
                i += 1
            }
            if i < end && bytes[i] == quote {
                var text = Array(bytes[start..<i])
                if let error = quotedRest(bytes, end, &i, &continuations, into: &text) { return error }
                let copy = lexed.appendText(text)
                lexed.append(.init(start: copy, end: copy + text.count, equals: equalsAt.map { copy + $0 - start },
                                   column: column, quoted: true))
            } else {
                lexed.append(.init(start: start, end: i, equals: equalsAt, column: column, quoted: false))
            }
        }
        return nil
    }

    /// The rest of a word from its first quote on, appended to `text` without quotes and escapes.
    private static func quotedRest(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int, _ i: inout Int, _ continuations: inout Int,
                                   into text: inout [UInt8]) -> LanguageError? {
        var inQuote = false
        var quoteColumn = 0
        func advance(_ n: Int) {
            for k in i..<min(i + n, end) where bytes[k] & 0xC0 == 0x80 { continuations += 1 }
            i += n
        }
        while i < end {
            let b = bytes[i]
            if inQuote {
                if b == backslash, i + 1 < end, bytes[i + 1] == quote || bytes[i + 1] == backslash {
                    text.append(bytes[i + 1]); advance(2); continue
                }
                // `\n` is a line break, so multi-line values (the XML of a dump) fit on one line.
                if b == backslash, i + 1 < end, bytes[i + 1] == UInt8(ascii: "n") {
                    text.append(10); advance(2); continue
                }
                if b == quote { inQuote = false; advance(1); continue }
                // Escape sequences in stored text would later reach the terminal; a tab is harmless.
                if (b < 0x20 && b != tab) || b == 0x7F { return .controlCharacter(column: i + 1 - continuations) }
                text.append(b); advance(1)
                continue
            }
            if b == blank || b == tab { break }
            if b == quote { inQuote = true; quoteColumn = i + 1 - continuations; advance(1); continue }
            if b < 0x20 || b == 0x7F { return .controlCharacter(column: i + 1 - continuations) }
            text.append(b); advance(1)
        }
        return inQuote ? .unterminatedQuote(column: quoteColumn) : nil
    }
}
