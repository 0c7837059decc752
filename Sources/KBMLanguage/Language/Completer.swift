// Tab completion from the command table and the session's ids.

import KBMModel

public enum Completer {
    /// The words that can stand where the cursor is. `stem` is the part of the current word already typed;
    /// every candidate starts with it (case-insensitively), and keys end in `=`.
    public static func complete(_ textBeforeCursor: String, session: Session) -> (stem: String, candidates: [String]) {
        var words = textBeforeCursor.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let stem = textBeforeCursor.last == " " || textBeforeCursor.isEmpty ? "" : (words.popLast() ?? "")
        let typed = words.map(Keyword.normalize)
        let candidates = Self.candidates(typed: typed, stem: stem, session: session)
        let normalizedStem = Keyword.normalize(stem)
        var seen = Set<String>()
        var matching: [String] = []
        for candidate in candidates where Self.hasPrefix(candidate, normalizedStem) && seen.insert(candidate).inserted {
            matching.append(candidate)
            // A terminal cannot show more; Tab completes what they share and the user types on.
            if matching.count == Self.limit { break }
        }
        return (stem, matching)
    }

    /// At most this many candidates are offered.
    public static let limit = 200

    /// Case-insensitive prefix test; plain ASCII (ids, Tn-Nrn) is compared byte by byte without copying.
    static func hasPrefix(_ candidate: String, _ normalizedStem: String) -> Bool {
        if normalizedStem.isEmpty { return true }
        let c = candidate.utf8, s = normalizedStem.utf8
        if c.count >= s.count, s.allSatisfy({ $0 < 0x80 }), c.prefix(s.count).allSatisfy({ $0 < 0x80 }) {
            return zip(c, s).allSatisfy { a, b in (a >= 0x41 && a <= 0x5A ? a + 0x20 : a) == b }
        }
        return Keyword.normalize(candidate).hasPrefix(normalizedStem)
    }

    private static func candidates(typed: [String], stem: String, session: Session) -> [String] {
        if typed.isEmpty { return CommandTable.firstWords + CommandTable.aliases.keys.sorted() }
        // Still inside the command's own words, e.g. `list a|`.
        let continuing = CommandTable.all.filter { $0.words.count > typed.count && Array($0.words.prefix(typed.count)) == typed }
        let matched = CommandTable.all
            .filter { $0.words.count <= typed.count && Array(typed.prefix($0.words.count)) == $0.words }
            .max { $0.words.count < $1.words.count }
        var result = continuing.map { $0.words[typed.count] }
        guard let spec = matched else { return result }
        if spec.name == .shell(.help) { return result + CommandTable.firstWords }
        if let eq = stem.firstIndex(of: "=") {
            let key = Keyword.normalize(String(stem[..<eq]))
            guard let option = spec.options.first(where: { $0.name == key }) else { return result }
            return result + values(of: option.kind, session: session).map { "\(stem[..<eq])=\($0)" }
        }
        let rest = typed.dropFirst(spec.words.count)
        let usedKeys = Set(rest.compactMap { word in word.firstIndex(of: "=").map { String(word[..<$0]) } })
        let positionalCount = rest.filter { !$0.contains("=") }.count
        if positionalCount < spec.arguments.count {
            result += values(of: spec.arguments[positionalCount].kind, session: session)
        }
        result += spec.options.filter { !usedKeys.contains($0.name) }.map { $0.name + "=" }
        return result
    }

    static func values(of kind: ValueKind, session: Session) -> [String] {
        switch kind {
        case .choice(let values): values
        case .yesNo: ["ja", "nein"]
        case .reference(.auftrag): Array(session.auftraege.keys)
        case .reference(.kursort): Array(session.kursorte.keys)
        case .reference(.lehrkraft): Array(session.lehrkraefte.keys)
        case .reference(.teilnehmer): Array(session.teilnehmer.keys)
        case .text, .identifier, .date, .integer, .file, .rest: []
        }
    }
}
