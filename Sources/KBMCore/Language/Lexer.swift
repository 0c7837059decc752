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
    // is copied through whole. Columns count Unicode scalars: only a byte that starts one moves the column.
    private static let blank = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), hash = UInt8(ascii: "#")
    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), equals = UInt8(ascii: "=")

    public static func tokenize(_ line: String) throws(LanguageError) -> [Token] {
        var line = line
        // withUTF8 cannot throw a typed error, so the error is carried out as a value.
        let result: Result<[Token], LanguageError> = line.withUTF8 { tokenize(bytes: $0) }
        return try result.get()
    }

    private static func tokenize(bytes: UnsafeBufferPointer<UInt8>) -> Result<[Token], LanguageError> {
        var end = bytes.count
        // A stray carriage return from a CRLF file is line noise, not part of the last word.
        while end > 0 && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var tokens: [Token] = []
        tokens.reserveCapacity(8)
        var i = 0
        var column = 1
        while i < end {
            let c = bytes[i]
            if c == blank || c == tab { i += 1; column += 1; continue }
            if c == hash { break }
            let start = i, startColumn = column
            var keyLength: Int?
            // Most words have no quotes: they are one run of the line's bytes and need no copy until the Strings.
            while i < end {
                let b = bytes[i]
                if b == blank || b == tab || b == quote { break }
                if b == equals && keyLength == nil { keyLength = i - start }
                if b < 0x20 || b == 0x7F { return .failure(.controlCharacter(column: column)) }
                if b & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
            if i < end && bytes[i] == quote {
                var text = Array(bytes[start..<i])
                switch quotedRest(bytes, end, &i, &column, into: &text) {
                case .failure(let error): return .failure(error)
                case .success: break
                }
                tokens.append(token(UnsafeBufferPointer(start: nil, count: 0), text, keyLength, startColumn, quoted: true))
            } else {
                tokens.append(token(UnsafeBufferPointer(rebasing: bytes[start..<i]), nil, keyLength, startColumn, quoted: false))
            }
        }
        return .success(tokens)
    }

    /// The rest of a word from its first quote on, appended to `text` without quotes and escapes.
    private static func quotedRest(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int, _ i: inout Int, _ column: inout Int,
                                   into text: inout [UInt8]) -> Result<Void, LanguageError> {
        var inQuote = false
        var quoteColumn = 0
        func advance(_ n: Int) {
            for k in i..<min(i + n, end) where bytes[k] & 0xC0 != 0x80 { column += 1 }
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
                if (b < 0x20 && b != tab) || b == 0x7F { return .failure(.controlCharacter(column: column)) }
                text.append(b); advance(1)
                continue
            }
            if b == blank || b == tab { break }
            if b == quote { inQuote = true; quoteColumn = column; advance(1); continue }
            if b < 0x20 || b == 0x7F { return .failure(.controlCharacter(column: column)) }
            text.append(b); advance(1)
        }
        return inQuote ? .failure(.unterminatedQuote(column: quoteColumn)) : .success(())
    }

    /// The token of a word held either in the line (`run`) or, when it had quotes, in `copied`.
    private static func token(_ run: UnsafeBufferPointer<UInt8>, _ copied: [UInt8]?, _ keyLength: Int?,
                              _ column: Int, quoted: Bool) -> Token {
        func string(_ from: Int, _ to: Int?) -> String {
            if let copied { return String(decoding: copied[from..<(to ?? copied.count)], as: UTF8.self) }
            return String(decoding: UnsafeBufferPointer(rebasing: run[from..<(to ?? run.count)]), as: UTF8.self)
        }
        guard let keyLength else { return Token(key: nil, value: string(0, nil), column: column, quoted: quoted) }
        return Token(key: string(0, keyLength), value: string(keyLength + 1, nil), column: column, quoted: quoted)
    }
}
