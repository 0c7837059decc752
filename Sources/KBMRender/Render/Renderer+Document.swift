// One command's whole output: in the table format its parts in turn, in CSV and JSON one document.

import KBMDomain
import KBMLanguage
import KBMModel

extension Renderer {
    /// A part of a command's output that holds data, under the key it has in a larger document.
    private enum Part {
        case table(Table)
        case record(Record)
        /// A message to the BAMF: JSON keeps its own shape, CSV gives it as a record.
        case message(Anmeldung)

        var name: String {
            switch self {
            case .table(let t): t.name
            case .record(let r): r.name
            case .message: "nachricht"
            }
        }

        /// The part as rows of the long CSV table: row number (none for a record), field, value.
        var rows: [(String, String, String)] {
            switch self {
            case .table(let t):
                t.rows.enumerated().flatMap { i, cells in zip(t.headers, cells).map { (String(i + 1), $0, Renderer.plain($1)) } }
            case .record(let r): r.fields.map { ("", $0.0, Renderer.plain($0.1)) }
            case .message(let a): Part.record(Renderer.record(a)).rows
            }
        }

        init?(_ output: Output) {
            switch output {
            case .table(let t): self = .table(t)
            case .record(let r): self = .record(r)
            case .message(let a): self = .message(a)
            case .findings(let f): self = .table(Renderer.table(f))
            // Warnings a command gives as it takes data: in a document, beside the data, under their own name.
            case .warnings(let f):
                var table = Renderer.table(f)
                table.name = "warnungen"
                self = .table(table)
            case .schedule(let plan): self = .table(Renderer.table(plan))
            // Listings are laid out before a document is put together (Listing.expanded).
            case .notice, .text, .listing: return nil
            }
        }
    }

    /// A command's output. A machine format holds one document and nothing else: one part alone keeps its shape;
    /// several become one JSON object (totals and notices inside it) or one CSV table of `teil,nr,feld,wert`.
    /// Output without data (a notice, a help page) stays text in every format. Listings are laid out from `session`.
    public static func render(_ outputs: [Output], format: OutputFormat, in session: Session) -> String {
        var out = ""
        render(outputs, format: format, in: session, into: &out)
        return out
    }

    /// The same, appended to `out`. In the table format the document is its outputs one after another, appended as
    /// they are rendered: the shell prints every command through here.
    public static func render(_ outputs: [Output], format: OutputFormat, in session: Session, into out: inout String) {
        if format == .table || outputs.count == 1 {
            // By index: each output is read where it lies, not copied out of the array first.
            for i in outputs.indices { out += render(outputs[i], format: format, in: session) }
            return
        }
        out += document(outputs, format: format, in: session)
    }

    /// Several outputs in a machine format, as one document.
    private static func document(_ outputs: [Output], format: OutputFormat, in session: Session) -> String {
        let parts = outputs.compactMap(Part.init)
        if parts.isEmpty { return outputs.map { render($0, format: format, in: session) }.joined() }
        // A CSV file is one table: the totals are its rows counted, the notices are no data.
        if format == .csv && parts.count == 1 { return render(parts[0], format: .csv) }
        var members: [String] = [], used: [String: Int] = [:]
        var csv = "teil,nr,feld,wert\n"
        func row(_ teil: String, _ nr: String, _ feld: String, _ wert: String) {
            csv += [teil, nr, feld, wert].map(csvField).joined(separator: ",") + "\n"
        }
        var notes: [String] = []
        for output in outputs {
            if let part = Part(output) {
                // Two parts of one name (two messages) get distinct keys: a JSON object's keys are unique.
                used[part.name, default: 0] += 1
                let key = used[part.name]! == 1 ? part.name : part.name + "_\(used[part.name]!)"
                members.append(jsonString(key) + ":" + withoutFinalBreaks(render(part, format: .json)))
                for (nr, field, value) in part.rows { row(key, nr, field, value) }
                continue
            }
            switch output {
            case .notice(.teilnehmerCounts(let uebermittelt, let gesamt)):
                members += ["\"uebermittelt\":\(uebermittelt)", "\"gesamt\":\(gesamt)"]
                row("summen", "", "Übermittelt", String(uebermittelt))
                row("summen", "", "Gesamt-Tn-Zahl", String(gesamt))
            case .notice(let notice): notes.append(String(withoutFinalBreaks(Wording.line(notice))))
            case .text(let text): notes.append(String(withoutFinalBreaks(text)))
            default: break
            }
        }
        if format == .csv {
            for (i, note) in notes.enumerated() { row("hinweise", String(i + 1), "Hinweis", note) }
            return csv
        }
        if !notes.isEmpty { members.append("\"hinweise\":[" + notes.map(jsonString).joined(separator: ",") + "]") }
        return "{" + members.joined(separator: ",\n ") + "}\n"
    }

    private static func render(_ part: Part, format: OutputFormat) -> String {
        switch part {
        case .table(let t): render(t, format: format)
        case .record(let r): render(r, format: format)
        case .message(let a): render(a, format: format)
        }
    }

    private static func withoutFinalBreaks(_ text: String) -> Substring {
        var text = text[...]
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
