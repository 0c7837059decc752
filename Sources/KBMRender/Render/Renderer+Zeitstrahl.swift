// Rendering the section schedule: a table of dates and a week-by-week timeline a class can read at a glance.

import KBMDomain
import KBMLanguage
import KBMModel

extension Renderer {
    static func render(_ plan: Abschnittsplan, format: OutputFormat) -> String {
        var out = render(table(plan), format: format)
        guard format == .table else { return out }
        out += timeline(plan)
        return out
    }

    /// The schedule's dates, one row per Abschnitt.
    static func table(_ plan: Abschnittsplan) -> Table {
        var table = Table(headers: ["Abschnitt", "Erster Tag", "Letzter Tag", "Unterrichtstage"],
                          keys: ["abschnitt", "von", "bis", "unterrichtstage"], name: "abschnitte")
        for e in plan.entries {
            table.rows.append([.text(e.abschnitt.name(in: plan.kursart)), .date(e.erster), .date(e.letzter), .number(e.unterrichtstage)])
        }
        return table
    }

    private static let monthNames = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]

    /// One column per calendar week (Monday to Sunday): █ a week of teaching in that Abschnitt (all its
    /// Unterrichtstage taught), ▌ a week it is taught on some of them, F a Feiertag, U an Unterbrechung.
    static func timeline(_ plan: Abschnittsplan) -> String {
        let firstMonday = plan.beginn.adding(days: 1 - plan.beginn.weekday)
        let weeks = (plan.ende - firstMonday) / 7 + 1
        let labels = plan.entries.map { shortName($0.abschnitt, plan.kursart) }
        let width = max(labels.map(\.count).max() ?? 0, 7)
        func pad(_ s: String) -> String { s + String(repeating: " ", count: width - s.count + 1) }
        // The first week counts from the first teaching day, so a course that begins on 01.04. is in April.
        func firstDay(_ w: Int) -> Day { w == 0 ? plan.beginn : firstMonday.adding(days: w * 7) }

        var out = "\nZeitstrahl (eine Spalte = eine Woche, █ Unterricht, ▌ Teilwoche, F Feiertag, U Unterbrechung):\n"
        // The first year stands before the months; a later one gets a row above them, at the week that begins it.
        var years = Array(repeating: Character(" "), count: weeks + 4)
        for w in 1..<max(weeks, 1) where firstDay(w).year != firstDay(w - 1).year {
            for (i, ch) in String(firstDay(w).year).enumerated() { years[w + i] = ch }
        }
        let yearRow = trailingTrimmed(String(years))
        if !yearRow.isEmpty { out += pad("") + yearRow + "\n" }
        let months = labelRow(weeks: weeks, label: 3) { monthNames[firstDay($0).month - 1] }
        out += pad(String(plan.beginn.year)) + trailingTrimmed(months) + "\n"

        // Teaching days per week of each Abschnitt: one pass over the course's days.
        var taught = Array(repeating: Array(repeating: 0, count: weeks), count: plan.entries.count)
        var day = plan.beginn
        while day <= plan.ende {
            if plan.isUnterrichtstag(day) {
                let week = (day - firstMonday) / 7
                for (i, e) in plan.entries.enumerated() where e.erster <= day && day <= e.letzter { taught[i][week] += 1 }
            }
            day = day.adding(days: 1)
        }
        let daysPerWeek = plan.unterrichtstage.count
        for (i, label) in labels.enumerated() {
            out += pad(label) + String(taught[i].map { $0 == 0 ? "·" : $0 == daysPerWeek ? "█" : "▌" }) + "\n"
        }
        var pauses = ""
        for week in 0..<weeks {
            let monday = firstMonday.adding(days: week * 7)
            let sunday = monday.adding(days: 6)
            if plan.unterbrechungen.contains(where: { $0.von <= sunday && $0.bis >= monday }) { pauses += "U" }
            else if plan.feiertage.contains(where: { $0.day >= monday && $0.day <= sunday }) { pauses += "F" }
            else { pauses += " " }
        }
        if !trailingTrimmed(pauses).isEmpty { out += pad("Pausen") + trailingTrimmed(pauses) + "\n" }
        out += "Kursbeginn \(plan.kursbeginn)"
            + (plan.beginn == plan.kursbeginn ? "" : " (erster Unterrichtstag \(plan.beginn))")
            + ", Ende des Orientierungskurses \(plan.ende), \(weeks) Wochen.\n"
        return out
    }

    /// A row with a label above each week whose value differs from the week before (a month, a year). A label
    /// needs its own width and a blank before the next; only the first week's can be too close to the next one,
    /// and then it yields.
    private static func labelRow(weeks: Int, label width: Int, _ value: (Int) -> String) -> String {
        var starts: [(week: Int, text: String)] = []
        for w in 0..<weeks {
            let text = value(w)
            if starts.last?.text != text { starts.append((w, text)) }
        }
        if starts.count > 1, starts[1].week - starts[0].week <= width { starts.removeFirst() }
        var row = Array(repeating: Character(" "), count: weeks + width)
        for start in starts {
            for (i, ch) in start.text.enumerated() { row[start.week + i] = ch }
        }
        return String(row)
    }

    private static func trailingTrimmed(_ s: String) -> String {
        String(s.reversed().drop(while: { $0 == " " }).reversed())
    }

    private static func shortName(_ a: Abschnitt, _ kursart: Kursart) -> String {
        if a.isOrientierung(in: kursart) { return "Orient." }
        let key = a.key(in: kursart)
        if key.hasPrefix("basis") { return "Basis " + key.dropFirst(5) }
        if key.hasPrefix("aufbau") { return "Aufbau " + key.dropFirst(6) }
        return "Abschn. " + key
    }
}
