// The help pages, made from the command table.

public enum HelpText {
    public static func render(topic: String?) throws(LanguageError) -> String {
        guard let topic, !topic.isEmpty else { return overview() }
        let words = topic.split(separator: " ").map { Keyword.normalize(String($0)) }
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

    static func overview() -> String {
        let width = CommandTable.all.map(\.phrase.count).max() ?? 0
        var out = "Befehle (Details mit „help BEFEHL“):\n"
        for spec in CommandTable.all {
            out += "  " + spec.phrase + String(repeating: " ", count: width - spec.phrase.count + 2) + firstSentence(spec.summary) + "\n"
        }
        return out
    }

    private static func firstSentence(_ text: String) -> String {
        guard let end = text.firstIndex(of: ".") else { return text }
        return String(text[...end])
    }
}
