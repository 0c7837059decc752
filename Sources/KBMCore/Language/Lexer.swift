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
    // The syntax characters are all ASCII, so the line is scanned as UTF-8 bytes; a multi-byte character
    // is copied through whole. Columns count Unicode scalars: only a byte that starts one moves the column.
    private static let blank = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), hash = UInt8(ascii: "#")
    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), equals = UInt8(ascii: "=")

    public static func tokenize(_ line: String) throws(LanguageError) -> [Token] {
        var tokens: [Token] = []
        var bytes = Array(line.utf8)
        // A stray carriage return from a CRLF file is line noise, not part of the last word.
        while bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        var i = 0
        var column = 1
        func advance(_ n: Int = 1) {
            for k in i..<min(i + n, bytes.count) where bytes[k] & 0xC0 != 0x80 { column += 1 }
            i += n
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == blank || c == tab { advance(); continue }
            if c == hash { break }
            let startColumn = column
            var text: [UInt8] = []
            var keyLength: Int?
            var quoted = false
            var inQuote = false
            var quoteColumn = 0
            while i < bytes.count {
                let b = bytes[i]
                if inQuote {
                    if b == backslash, i + 1 < bytes.count, bytes[i + 1] == quote || bytes[i + 1] == backslash {
                        text.append(bytes[i + 1]); advance(2); continue
                    }
                    // `\n` is a line break, so multi-line values (the XML of a dump) fit on one line.
                    if b == backslash, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "n") {
                        text.append(10); advance(2); continue
                    }
                    if b == quote { inQuote = false; advance(); continue }
                    // Escape sequences in stored text would later reach the terminal; a tab is harmless.
                    if (b < 0x20 && b != tab) || b == 0x7F { throw .controlCharacter(column: column) }
                    text.append(b); advance()
                    continue
                }
                if b == blank || b == tab { break }
                if b == hash && text.isEmpty && !quoted { break }
                if b == quote { inQuote = true; quoted = true; quoteColumn = column; advance(); continue }
                if b == equals && keyLength == nil && !quoted { keyLength = text.count }
                if b < 0x20 || b == 0x7F { throw .controlCharacter(column: column) }
                text.append(b); advance()
            }
            if inQuote { throw .unterminatedQuote(column: quoteColumn) }
            let word = String(decoding: text, as: UTF8.self)
            var key: String?
            var value = word
            if let keyLength {
                key = String(decoding: text[..<keyLength], as: UTF8.self)
                value = String(decoding: text[(keyLength + 1)...], as: UTF8.self)
            }
            tokens.append(Token(text: word, key: key, value: value, column: startColumn, quoted: quoted))
        }
        return tokens
    }
}
