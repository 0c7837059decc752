// Rendering what the BAMF answered and what the check found.

import KBMDomain
import KBMLanguage
import KBMModel

extension Renderer {
    static func render(_ a: Anmeldung, format: OutputFormat) -> String {
        if format == .json {
            return "{\"nr\":\(a.nummer),\"typ\":\(jsonString(a.typ.rawValue)),\"ergebnis\":\(jsonString(a.ergebnis.rawValue)),"
                + "\"meldungen\":[" + a.meldungen.map(jsonString).joined(separator: ",") + "]}\n"
        }
        if format == .csv { return render(record(a), format: .csv) }
        var out = "Nachricht \(a.nummer) an das BAMF (\(a.typ.rawValue)): \(a.ergebnis.rawValue)\n"
        for line in a.meldungen { out += "  " + line + "\n" }
        return out
    }

    static func render(_ findings: [Finding], format: OutputFormat) -> String {
        switch format {
        case .table:
            guard !findings.isEmpty else { return "Prüfung: keine Fehler, keine Warnungen. Die Kursbeginnmeldung kann gesendet werden.\n" }
            var out = ""
            for f in findings { out += Wording.line(f) }
            let fehler = findings.filter { $0.severity == .fehler }.count
            let warnungen = findings.count - fehler
            out += "Prüfung: \(fehler) Fehler, \(warnungen) \(warnungen == 1 ? "Warnung" : "Warnungen").\n"
            return out
        case .csv, .json:
            return render(table(findings), format: format)
        }
    }

    /// The findings as machine formats give them: one row each.
    static func table(_ findings: [Finding]) -> Table {
        var table = Table(headers: ["Regel", "Art", "Befund"], keys: ["regel", "art", "befund"], name: "befunde")
        for f in findings { table.rows.append([.text("R\(f.regel)"), .text(f.severity.rawValue), .text(Wording.finding(f))]) }
        return table
    }

    /// A message in short as CSV gives it: its number, type, result and the BAMF's messages one to a line.
    static func record(_ a: Anmeldung) -> Record {
        Record(title: "Nachricht \(a.nummer)", fields: [
            ("Nr", .number(a.nummer)), ("Typ", .text(a.typ.rawValue)), ("Ergebnis", .text(a.ergebnis.rawValue)),
            ("Meldungen", .text(a.meldungen.joined(separator: "\n"))),
        ], name: "nachricht")
    }
}
