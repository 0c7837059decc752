// Rendering the section schedule: a table of dates and a week-by-week timeline a class can read at a glance.

import KBMDomain
import KBMLanguage
import KBMModel

extension Renderer {
    static func render(_ plan: Abschnittsplan, format: OutputFormat) -> String {
        var table = Table(headers: ["Abschnitt", "Erster Tag", "Letzter Tag", "Unterrichtstage"],
                          keys: ["abschnitt", "von", "bis", "unterrichtstage"])
        for e in plan.entries {
            table.rows.append([.text(e.abschnitt.name(in: plan.kursart)), .date(e.erster), .date(e.letzter), .number(e.unterrichtstage)])
        }
        var out = render(table, format: format)
        guard format == .table else { return out }
        out += timeline(plan)
        return out
    }

    private static let monthNames = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]

    /// One column per calendar week (Monday to Sunday): █ a week of teaching in that Abschnitt,
    /// ▌ a week it only partly covers, F a Feiertag, U an Unterbrechung.
    static func timeline(_ plan: Abschnittsplan) -> String {
        let firstMonday = plan.beginn.adding(days: 1 - plan.beginn.weekday)
        let weeks = (plan.ende - firstMonday) / 7 + 1
        let labels = plan.entries.map { shortName($0.abschnitt, plan.kursart) }
        let width = max(labels.map(\.count).max() ?? 0, 7)
        func pad(_ s: String) -> String { s + String(repeating: " ", count: width - s.count + 1) }

        // Each month's name starts above the first week that begins in it.
        var monthRow = Array(repeating: Character(" "), count: weeks + 3)
        var lastMonth = 0
        for w in 0..<weeks {
            let monday = firstMonday.adding(days: w * 7)
            guard monday.month != lastMonth else { continue }
            lastMonth = monday.month
            guard w == 0 || monthRow[w - 1] == " " else { continue }
            for (i, ch) in monthNames[monday.month - 1].enumerated() { monthRow[w + i] = ch }
        }
        var out = "\nZeitstrahl (eine Spalte = eine Woche, █ Unterricht, ▌ Teilwoche, F Feiertag, U Unterbrechung):\n"
        out += pad(String(firstMonday.year)) + String(String(monthRow).reversed().drop(while: { $0 == " " }).reversed()) + "\n"
        for (entry, label) in zip(plan.entries, labels) {
            var row = ""
            for week in 0..<weeks {
                let monday = firstMonday.adding(days: week * 7)
                let sunday = monday.adding(days: 6)
                if sunday < entry.erster || monday > entry.letzter { row += "·"; continue }
                let full = monday >= entry.erster && sunday <= entry.letzter
                row += full ? "█" : "▌"
            }
            out += pad(label) + row + "\n"
        }
        var pauses = ""
        for week in 0..<weeks {
            let monday = firstMonday.adding(days: week * 7)
            let sunday = monday.adding(days: 6)
            if plan.unterbrechungen.contains(where: { $0.von <= sunday && $0.bis >= monday }) { pauses += "U" }
            else if plan.feiertage.contains(where: { $0.day >= monday && $0.day <= sunday }) { pauses += "F" }
            else { pauses += " " }
        }
        while pauses.last == " " { pauses.removeLast() }
        if !pauses.isEmpty { out += pad("Pausen") + pauses + "\n" }
        out += "Kursbeginn \(plan.beginn), Ende des Orientierungskurses \(plan.ende), \(weeks) Wochen.\n"
        return out
    }

    private static func shortName(_ a: Abschnitt, _ kursart: Kursart) -> String {
        if a.isOrientierung(in: kursart) { return "Orient." }
        let key = a.key(in: kursart)
        if key.hasPrefix("basis") { return "Basis " + key.dropFirst(5) }
        if key.hasPrefix("aufbau") { return "Aufbau " + key.dropFirst(6) }
        return "Abschn. " + key
    }
}
