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
        var out = "Nachricht \(a.nummer) an das BAMF (\(a.typ.rawValue)): \(a.ergebnis.rawValue)\n"
        for line in a.meldungen { out += "  " + line + "\n" }
        return out
    }

    static func render(_ findings: [Finding], format: OutputFormat) -> String {
        switch format {
        case .table:
            guard !findings.isEmpty else { return "Prüfung: keine Fehler, keine Warnungen. Die Kursbeginnmeldung kann gesendet werden.\n" }
            var out = ""
            for f in findings {
                let label = f.severity.rawValue + " R\(f.regel):"
                out += label + String(repeating: " ", count: max(1, 13 - label.count)) + Wording.finding(f) + "\n"
            }
            let fehler = findings.filter { $0.severity == .fehler }.count
            let warnungen = findings.count - fehler
            out += "Prüfung: \(fehler) Fehler, \(warnungen) \(warnungen == 1 ? "Warnung" : "Warnungen").\n"
            return out
        case .csv, .json:
            var table = Table(headers: ["Regel", "Art", "Befund"], keys: ["regel", "art", "befund"])
            for f in findings { table.rows.append([.text("R\(f.regel)"), .text(f.severity.rawValue), .text(Wording.finding(f))]) }
            return render(table, format: format)
        }
    }
}
