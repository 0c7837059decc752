// The help pages, made from the command table.

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
        let shown = exact.isEmpty ? matches : [exact.max { $0.words.count < $1.words.count }!]
        return shown.map(page).joined(separator: "\n")
    }

    static func page(_ spec: CommandSpec) -> String {
        "Aufruf:   \(spec.usage)\n\(spec.summary)\nBeispiel: \(spec.example)\n"
    }

    /// The overview groups commands the way the workflow runs, so a class reads it top to bottom.
    static let sections: [(String, [String])] = [
        ("Mandant und Aufträge", ["mandant", "add kursort", "list kursorte", "new auftrag", "open auftrag", "close auftrag", "edit auftrag",
                                  "remove auftrag", "list auftraege", "show", "show auftrag"]),
        ("Kurs", ["kursdaten", "unterbrechung", "assign", "unassign"]),
        ("Personen", ["add lehrkraft", "edit lehrkraft", "remove lehrkraft", "list lehrkraefte", "add teilnehmer",
                      "edit teilnehmer", "remove teilnehmer", "book", "unbook", "status", "anmelden", "list teilnehmer"]),
        ("Meldungen an das BAMF", ["admit", "plan", "plan storno", "check", "melden", "anmeldungen"]),
        ("Simuliertes BAMF", ["bamf", "bamf testdaten", "bamf register traeger", "bamf register kursort",
                              "bamf register lehrkraft", "bamf register teilnehmer", "bamf hoechstzahl",
                              "bamf stoerung", "bamf offline", "bamf verzoegerung"]),
        ("Prüfungen in Skripten", ["expect ok", "expect fehler", "expect warnung", "expect ausgabe", "expect anzahl",
                                   "expect kursnummer", "expect keine-kursnummer"]),
        ("Vorführung", ["echo", "pause"]),
        ("Auswertungen", ["report", "sql", "output", "once"]),
        ("Aufzeichnen und Verlauf", ["record", "record stop", "verlauf", "verlauf --export"]),
        ("Shell", ["set today", "set format", "set bail", "set echo", "set timer", "complete", "run", "save", "help", "exit"]),
        ("Dump und Wiederherstellung", ["dump", "dump --anonym", "restore zulassung", "restore kursplanung", "restore geplant", "restore kbm",
                                        "restore anmeldung", "set tn-nummer", "bamf restore zulassung",
                                        "bamf restore plan", "bamf restore kursnummer", "bamf restore zaehler"]),
    ]

    static func overview() -> String {
        let width = CommandTable.all.map(\.phrase.count).max() ?? 0
        var out = "Befehle (Details mit „help BEFEHL“):\n"
        for (title, phrases) in sections {
            out += "\n\(title):\n"
            for spec in CommandTable.all where phrases.contains(spec.phrase) {
                out += "  " + spec.phrase + String(repeating: " ", count: width - spec.phrase.count + 2) + firstSentence(spec.summary) + "\n"
            }
        }
        return out
    }

    private static func firstSentence(_ text: String) -> String {
        guard let end = text.firstIndex(of: ".") else { return text }
        return String(text[...end])
    }
}
