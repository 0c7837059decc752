// The help pages, made from the command table.

import KBMLanguage

public enum HelpText {
    public static func render(topic: String?) throws(LanguageError) -> String {
        guard let topic else { return overview() }
        var words = topic.split(separator: " ").map { Keyword.normalize(String($0)) }
        // No word at all (`help ""`, `help "  "`) asks for the overview, as `help` does.
        guard !words.isEmpty else { return overview() }
        if let alias = CommandTable.aliases[words[0]] { words[0] = alias }
        let matches = CommandTable.all.filter { Array(words.prefix($0.words.count)) == $0.words || Array($0.words.prefix(words.count)) == words }
        guard !matches.isEmpty else {
            throw .unknownCommand(topic, suggestion: Keyword.suggest(String(words[0]), among: CommandTable.firstWords))
        }
        let exact = matches.filter { $0.words == Array(words.prefix($0.words.count)) }
        let longest = exact.max { $0.words.count < $1.words.count }
        // Words past a whole command are no part of it: say so rather than show the command's help as if they were.
        if let longest, words.count > longest.words.count {
            let extra = topic.split(separator: " ").dropFirst(longest.words.count).joined(separator: " ")
            throw .notACommand(extra, after: longest.phrase)
        }
        let shown = longest.map { [$0] } ?? matches
        return shown.map(page).joined(separator: "\n")
    }

    static func page(_ spec: CommandSpec) -> String {
        "Aufruf:   \(spec.usage)\n\(spec.summary)\nBeispiel: \(spec.example)\n"
    }

    /// The title of each group of the overview; which commands a group holds, the table says.
    static func title(_ section: CommandSpec.Section) -> String {
        switch section {
        case .auftraege: "Mandant und Aufträge"
        case .kurs: "Kurs"
        case .personen: "Personen"
        case .meldungen: "Meldungen an das BAMF"
        case .simulator: "Simuliertes BAMF"
        case .expectations: "Prüfungen in Skripten"
        case .demonstration: "Vorführung"
        case .reports: "Auswertungen"
        case .recording: "Aufzeichnen und Verlauf"
        case .shell: "Shell"
        case .dump: "Dump und Wiederherstellung"
        }
    }

    static func overview() -> String {
        let width = CommandTable.all.map(\.phrase.count).max() ?? 0
        var out = "Befehle (Details mit „help BEFEHL“):\n"
        for section in CommandSpec.Section.allCases {
            out += "\n\(title(section)):\n"
            for spec in CommandTable.all where spec.section == section {
                out += "  " + spec.phrase + String(repeating: " ", count: width - spec.phrase.count + 2) + firstSentence(spec.summary) + "\n"
            }
        }
        return out
    }

    /// A sentence ends at a period before a blank or the end; a period inside a word (`.kbm`, `.timer`) ends nothing.
    static func firstSentence(_ text: String) -> String {
        var index = text.startIndex
        while let end = text[index...].firstIndex(of: ".") {
            let next = text.index(after: end)
            if next == text.endIndex || text[next] == " " { return String(text[...end]) }
            index = next
        }
        return text
    }
}
