// Control, C1 and bidi-override characters shown as escapes (`\e`, `\u{9B}`, `\u{202E}`): applied where text leaves kbm (Sink), so no stored value can drive a terminal.

/// Every Sink escapes what it writes, whether stdout is a terminal or a pipe: a pipe often ends in one (`| less`,
/// `| tee`), and the characters are never part of a real name or title. Files kbm writes itself (`dump DATEI`,
/// `output DATEI`, `verlauf --export`) keep values exact. Escaping is idempotent: a backslash stays as it is.
public enum Unprintable {
    /// `text` with every control, C1 and bidi-override character escaped. With `lineBreaks` the text's own line
    /// ends and tabs stay (a whole output); without, they are escaped too (one value in a table cell).
    public static func escaped(_ text: String, lineBreaks: Bool = true) -> String {
        var text = text
        // The common case, plain text, costs one scan of the bytes and no copy.
        guard text.withUTF8({ containsUnprintable($0, lineBreaks: lineBreaks) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for u in text.unicodeScalars {
            guard isUnprintable(u, lineBreaks: lineBreaks) else { out.unicodeScalars.append(u); continue }
            switch u {
            case "\u{1B}": out += "\\e"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    static func isUnprintable(_ u: Unicode.Scalar, lineBreaks: Bool) -> Bool {
        switch u.value {
        case 0x0A, 0x09: !lineBreaks
        case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Whether UTF-8 holds an unprintable character: C1 is `C2 80`–`C2 9F`, the bidi overrides are
    /// `E2 80 AA`–`E2 80 AE` and `E2 81 A6`–`E2 81 A9`.
    static func containsUnprintable(_ bytes: UnsafeBufferPointer<UInt8>, lineBreaks: Bool) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b >= 0x20 && b < 0x7F { i += 1; continue }
            if b < 0x20 {
                if !lineBreaks || (b != 0x0A && b != 0x09) { return true }
            } else if b == 0x7F {
                return true
            } else if b == 0xC2 {
                if i + 1 < n && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F { return true }
            } else if b == 0xE2 && i + 2 < n {
                let (b1, b2) = (bytes[i + 1], bytes[i + 2])
                if (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) { return true }
            }
            i += 1
        }
        return false
    }
}
