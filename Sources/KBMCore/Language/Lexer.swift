// Splits one command line into words: blanks separate, double quotes keep blanks (with `\"` `\\` `\n`), `#` starts a comment.

/// One word of a command line. `key` is set when the word has the form `key=value`
/// with the `=` outside quotes; `column` (1-based) points at the word for error messages.
public struct Token: Equatable, Sendable {
    public var text: String
    public var key: String?
    public var value: String
    public var column: Int
    public var quoted: Bool

    /// What the user typed, for error messages: the value of an option or the word itself.
    public var shown: String { key.map { "\($0)=\(value)" } ?? text }
}

public enum Lexer {
    public static func tokenize(_ line: String) throws(LanguageError) -> [Token] {
        var tokens: [Token] = []
        var chars = Array(line.unicodeScalars)
        // A stray carriage return from a CRLF file is line noise, not part of the last word.
        while let last = chars.last, last == "\r" { chars.removeLast() }
        var i = 0
        var column = 1
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" { i += 1; column += 1; continue }
            if c == "#" { break }
            let startColumn = column
            var text = ""
            var key: String?
            var valueStart = 0
            var quoted = false
            var inQuote = false
            var quoteColumn = 0
            while i < chars.count {
                let ch = chars[i]
                if inQuote {
                    if ch == "\\", i + 1 < chars.count, chars[i + 1] == "\"" || chars[i + 1] == "\\" {
                        text.unicodeScalars.append(chars[i + 1]); i += 2; column += 2; continue
                    }
                    // `\n` is a line break, so multi-line values (the XML of a dump) fit on one line.
                    if ch == "\\", i + 1 < chars.count, chars[i + 1] == "n" {
                        text.unicodeScalars.append("\n"); i += 2; column += 2; continue
                    }
                    if ch == "\"" { inQuote = false; i += 1; column += 1; continue }
                    // Escape sequences in stored text would later reach the terminal; a tab is harmless.
                    if (ch.value < 0x20 && ch != "\t") || ch.value == 0x7F { throw .controlCharacter(column: column) }
                    text.unicodeScalars.append(ch); i += 1; column += 1
                    continue
                }
                if ch == " " || ch == "\t" { break }
                if ch == "#" && text.isEmpty && !quoted { break }
                if ch == "\"" { inQuote = true; quoted = true; quoteColumn = column; i += 1; column += 1; continue }
                if ch == "=" && key == nil && !quoted {
                    key = text
                    valueStart = text.unicodeScalars.count + 1
                }
                if ch.value < 0x20 || ch.value == 0x7F {
                    throw .controlCharacter(column: column)
                }
                text.unicodeScalars.append(ch); i += 1; column += 1
            }
            if inQuote { throw .unterminatedQuote(column: quoteColumn) }
            var value = text
            if key != nil {
                value = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(valueStart)))
            }
            tokens.append(Token(text: text, key: key, value: value, column: startColumn, quoted: quoted))
        }
        return tokens
    }
}
