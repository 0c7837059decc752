// The only code that turns values into text: aligned tables, csv and json.

import KBMDomain
import KBMLanguage
import KBMModel

public enum Renderer {
    /// A listing is laid out from `session`, the session as the command left it.
    public static func render(_ output: Output, format: OutputFormat, in session: Session) -> String {
        switch output {
        case .listing(let listed): return Listing.outputs(listed, session).map { render($0, format: format, in: session) }.joined()
        case .notice(let notice): return Wording.line(notice)
        case .table(let table): return render(table, format: format)
        case .record(let record): return render(record, format: format)
        case .text(let text): return text
        case .message(let anmeldung): return render(anmeldung, format: format)
        case .findings(let findings): return render(findings, format: format)
        case .schedule(let plan): return render(plan, format: format)
        case .warnings(let findings): return findings.map { Wording.line($0) }.joined()
        }
    }

    public static func render(_ table: Table, format: OutputFormat) -> String {
        switch format {
        case .table:
            // Each value is measured once; lines are appended to one buffer.
            // A line break or tab inside a value would break the columns: it shows as `\n`, `\t`.
            let shown = table.rows.map { $0.map { cell -> (String, Int) in let v = Unprintable.escaped(plain(cell), lineBreaks: false); return (v, width(v)) } }
            var widths = table.headers.map(width)
            for row in shown { for (i, v) in row.enumerated() { widths[i] = max(widths[i], v.1) } }
            var out = ""
            out.reserveCapacity((widths.reduce(0, +) + 2 * widths.count + 1) * (shown.count + 3))
            line(table.headers.map { ($0, width($0)) }, widths, into: &out)
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            for row in shown { line(row, widths, into: &out) }
            out += table.rows.count == 1 ? "(1 Zeile)\n" : "(\(table.rows.count) Zeilen)\n"
            return out
        case .csv:
            var out = table.headers.map(csvField).joined(separator: ",") + "\n"
            for row in table.rows { out += row.map { csvField(plain($0)) }.joined(separator: ",") + "\n" }
            return out
        case .json:
            let objects = table.rows.map { row in
                "{" + zip(table.keys, row).map { "\(jsonString($0)):\(json($1))" }.joined(separator: ",") + "}"
            }
            return "[" + objects.joined(separator: ",\n ") + "]\n"
        }
    }

    public static func render(_ record: Record, format: OutputFormat) -> String {
        switch format {
        case .table:
            let width = record.fields.map(\.0.count).max() ?? 0
            var out = record.title + "\n"
            for (name, value) in record.fields {
                let lines = plain(value).split(separator: "\n", omittingEmptySubsequences: false)
                let first = lines.first.map(String.init) ?? ""
                out += "  " + name + ":" + (first.isEmpty ? "" : String(repeating: " ", count: width - name.count + 1) + first) + "\n"
                // Documents (XML) keep their own indentation, under the field.
                for line in lines.dropFirst() where !line.isEmpty { out += "    " + line + "\n" }
            }
            return out
        case .csv:
            var out = "Feld,Wert\n"
            for (name, value) in record.fields { out += csvField(name) + "," + csvField(plain(value)) + "\n" }
            return out
        case .json:
            return "{" + record.fields.map { "\(jsonString($0.0)):\(json($0.1))" }.joined(separator: ",") + "}\n"
        }
    }

    /// Columns a value takes: one per character; plain ASCII is measured without Unicode segmentation.
    static func width(_ s: String) -> Int {
        s.utf8.allSatisfy { $0 < 0x80 } ? s.utf8.count : s.count
    }

    static func plain(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): s
        case .number(let n): String(n)
        case .date(let d): d.description
        case .flag(let b): b ? "ja" : "nein"
        case .empty: ""
        }
    }

    static func json(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): jsonString(s)
        case .number(let n): String(n)
        case .date(let d): jsonString(d.iso)
        case .flag(let b): b ? "true" : "false"
        case .empty: "null"
        }
    }

    /// One line of values with their widths, padded to the column widths, ending in a line break.
    private static func line(_ values: [(String, Int)], _ widths: [Int], into out: inout String) {
        // No trailing blanks: they vanish in editors and make saved output differ.
        let last = values.lastIndex { !$0.0.isEmpty } ?? -1
        for (i, v) in values.enumerated() where i <= last {
            if i > 0 { out += "  " }
            out += v.0
            if i < last { for _ in 0..<(widths[i] - v.1) { out += " " } }
        }
        out += "\n"
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacing("\"", with: "\"\"") + "\""
    }

    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // C1 and bidi overrides too: the value stays exact, and no terminal acts on it.
                if Unprintable.isUnprintable(u, lineBreaks: false) {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
