// Output fitted to a terminal's width: prose wrapped at word boundaries, tables folded or shown record by record.

import KBMDomain
import KBMLanguage
import KBMModel

extension Renderer {
    /// What `output` looks like on a terminal `width` columns wide, given its rendering without a width. Only the
    /// table format is fitted; csv and json are data, and a line that fits is returned as it is.
    public static func fit(_ output: Output, rendered: String, format: OutputFormat, width: Int) -> String {
        guard format == .table, width > 0, hasLine(in: rendered, longerThan: width) else { return rendered }
        switch output {
        case .table(let table): return fit(table, width: width)
        // The schedule's table is narrow (names and dates); its timeline's rows are one word each, kept whole.
        case .schedule, .notice, .record, .text, .message, .findings, .warnings, .listing: return wrap(rendered, width: width)
        }
    }

    static func hasLine(in text: String, longerThan width: Int) -> Bool {
        var run = 0
        for b in text.utf8 {
            if b == 10 { run = 0; continue }
            // Count characters, not bytes: continuation bytes of UTF-8 start with 10xxxxxx.
            if b & 0xC0 != 0x80 { run += 1 }
            if run > width { return true }
        }
        return false
    }

    // MARK: prose

    /// Each line longer than `width` broken at blanks; continuation lines start under the line's text: after a
    /// label and its gap (`Warnung R8:  `, `Aufruf:   `, a help line's command), else under its indentation.
    /// A word longer than the room is not cut: the terminal shows it on as many rows as it needs.
    public static func wrap(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            Self.width(String(line)) <= width ? String(line) : wrapLine(Array(line), width: width)
        }.joined(separator: "\n")
    }

    private static func wrapLine(_ line: [Character], width: Int) -> String {
        let indent = line.prefix { $0 == " " }.count
        let hang = hangingIndent(line, from: indent, width: width)
        var out = String(line[0..<hang])
        var column = hang
        var lineHasWord = false
        let words = line[hang...].split(separator: " ", omittingEmptySubsequences: false)
        for word in words {
            if lineHasWord && column + 1 + word.count > width {
                out += "\n" + String(repeating: " ", count: hang)
                column = hang
                lineHasWord = false
            }
            if lineHasWord { out += " "; column += 1 }
            out += String(word)
            column += word.count
            lineHasWord = true
        }
        return out
    }

    /// Where the text of a line starts after its label: after the first gap of two blanks in the left half,
    /// or after a short label ending in a colon; else at the line's own indentation.
    private static func hangingIndent(_ line: [Character], from indent: Int, width: Int) -> Int {
        var i = indent
        while i + 1 < line.count && i < width / 2 {
            let gap = line[i] == " " && line[i + 1] == " "
            let label = line[i] == ":" && line[i + 1] == " " && i - indent <= 20
            if gap || label {
                var start = i + 1
                while start < line.count && line[start] == " " { start += 1 }
                return start <= width / 2 && start < line.count ? start : indent
            }
            i += 1
        }
        return indent
    }

    // MARK: tables

    /// Below this many columns a value is not cut (a date, a Tn-Nr, most words fit).
    static let narrowestColumn = 10

    /// A table wider than `width`: its widest columns folded into several lines each, or, when even narrowed
    /// columns do not fit, one record per row with the headers as labels (as psql's `\x` shows it).
    public static func fit(_ table: Table, width: Int) -> String {
        let shown = table.rows.map { $0.map { Unprintable.escaped(plain($0), lineBreaks: false) } }
        var widths = table.headers.map { Self.width($0) }
        for row in shown { for (i, v) in row.enumerated() { widths[i] = max(widths[i], Self.width(v)) } }
        let gaps = 2 * max(widths.count - 1, 0)
        // Columns give way in three steps, each only as far as needed: free text folds at its blanks; then a
        // header wider than its values folds; then any value, down to `narrowestColumn`.
        let longestWord = shown.reduce(into: Array(repeating: 0, count: widths.count)) { longest, row in
            for (i, v) in row.enumerated() { longest[i] = max(longest[i], v.split(separator: " ").map { Self.width(String($0)) }.max() ?? 0) }
        }
        let floors = [
            zip(longestWord, table.headers).map { max($0, Self.width($1)) },
            longestWord.map { max($0, min(narrowestColumn, 6)) },
            widths.map { min($0, narrowestColumn) },
        ]
        for floor in floors {
            let limits = zip(widths, floor).map { min($0, $1) }
            while widths.reduce(gaps, +) > width, let i = widths.indices.filter({ widths[$0] > limits[$0] }).max(by: { widths[$0] < widths[$1] }) {
                widths[i] -= 1
            }
        }
        guard widths.reduce(gaps, +) <= width else { return vertical(table.headers, shown, width: width) }
        var out = ""
        folded(table.headers, widths, into: &out)
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in shown { folded(row, widths, into: &out) }
        out += table.rows.count == 1 ? "(1 Zeile)\n" : "(\(table.rows.count) Zeilen)\n"
        return out
    }

    /// One row whose values may take several lines each; a new row starts where the first column has text.
    private static func folded(_ values: [String], _ widths: [Int], into out: inout String) {
        let cells = zip(values, widths).map { fold($0, width: $1) }
        let height = cells.map(\.count).max() ?? 1
        for n in 0..<height {
            let parts = cells.map { n < $0.count ? $0[n] : "" }
            let last = parts.lastIndex { !$0.isEmpty } ?? -1
            var line = ""
            for (i, part) in parts.enumerated() where i <= last {
                if i > 0 { line += "  " }
                line += part
                if i < last { line += String(repeating: " ", count: max(widths[i] - Self.width(part), 0)) }
            }
            out += line + "\n"
        }
    }

    /// A value broken into lines of at most `width`: at blanks where it can, after `-`, `,` or `/` next, and
    /// within a word only when the word alone is wider than its column.
    static func fold(_ value: String, width: Int) -> [String] {
        var lines: [String] = []
        var rest = Array(value)
        while rest.count > width {
            let head = rest[0...width]
            let cut: Int
            if let blank = head.lastIndex(of: " "), blank > 0 {
                cut = blank
            } else if let mark = rest[0..<width].lastIndex(where: { $0 == "-" || $0 == "," || $0 == "/" || $0 == "=" }), mark > 0 {
                cut = mark + 1
            } else {
                cut = width
            }
            lines.append(String(rest[0..<cut]))
            rest = Array(rest[cut...].drop { $0 == " " })
        }
        lines.append(String(rest))
        return lines
    }

    /// Each row as a block: `Header: value`, values wrapped under themselves, a blank line between rows.
    private static func vertical(_ headers: [String], _ rows: [[String]], width: Int) -> String {
        let label = (headers.map { Self.width($0) }.max() ?? 0) + 1
        var out = ""
        for (n, row) in rows.enumerated() {
            out += (n == 0 ? "" : "\n") + "Zeile \(n + 1)\n"
            for (header, value) in zip(headers, row) where !value.isEmpty {
                let lead = "  " + header + ":" + String(repeating: " ", count: label - Self.width(header))
                let room = max(width - label - 3, narrowestColumn)
                out += lead + fold(value, width: room).joined(separator: "\n" + String(repeating: " ", count: label + 3)) + "\n"
            }
        }
        out += rows.count == 1 ? "(1 Zeile)\n" : "(\(rows.count) Zeilen)\n"
        return out
    }
}
