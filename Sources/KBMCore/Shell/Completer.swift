// Tab completion from the command table and the session's ids.

import KBMLanguage
import KBMModel
import KBMPersistence

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
            let typedValue = String(stem[stem.index(after: eq)...])
            return result + values(of: option, typedValue: typedValue, typed: typed, session: session).map { "\(stem[..<eq])=\($0)" }
        }
        let rest = typed.dropFirst(spec.words.count)
        let usedKeys = Set(rest.compactMap { word in word.firstIndex(of: "=").map { String(word[..<$0]) } })
        let positionalCount = rest.filter { !$0.contains("=") }.count
        if positionalCount < spec.arguments.count {
            let argument = spec.arguments[positionalCount]
            // A file name is what the user types next, so no keys are offered beside the directory's names.
            if argument.kind == .file { return result + files(matching: stem) }
            result += values(of: argument.kind, stem: stem, session: session)
        }
        result += spec.options.filter { !usedKeys.contains($0.name) }.map { $0.name + "=" }
        return result
    }

    /// The values of an option; the shell's own words (Abschnitte, Unterrichtstage) are text to the parser
    /// but a closed set to the user.
    static func values(of option: ValueSpec, typedValue: String, typed: [String], session: Session) -> [String] {
        switch option.name {
        case Keys.Kursdaten.abschnitt.name:
            let kursart = typed.lazy.compactMap { word in word.hasPrefix("kursart=") ? Kursart(rawValue: String(word.dropFirst(8))) : nil }.first
                ?? session.openAuftrag.flatMap { session.auftraege[$0]?.kursdaten?.kursart }
            let kursarten = kursart.map { [$0] } ?? Kursart.allCases
            var seen = Set<String>()
            return kursarten.flatMap { k in Abschnitt.all(in: k).map { $0.key(in: k) } }.filter { seen.insert($0).inserted }
        case Keys.Kursdaten.tage.name:
            // Days are listed with commas: the candidates extend the list typed so far by one more day.
            let done = typedValue.split(separator: ",", omittingEmptySubsequences: false).dropLast()
            let head = done.map { $0 + "," }.joined()
            let chosen = Set(done.map { Keyword.normalize(String($0)) })
            return Kursdaten.weekdayKeys.filter { !chosen.contains($0) }.map { head + $0 }
        default:
            return values(of: option.kind, stem: typedValue, session: session)
        }
    }

    /// The names in the directory the stem points into that start with the rest of it; hidden ones only
    /// when the stem asks for them.
    static func files(matching stem: String) -> [String] {
        let slash = stem.lastIndex(of: "/")
        let directory = slash.map { String(stem[...$0]) } ?? ""
        let base = slash.map { String(stem[stem.index(after: $0)...]) } ?? stem
        return FileSystem.entries(of: directory)
            .filter { $0.hasPrefix(base) && (base.hasPrefix(".") || !$0.hasPrefix(".")) }
            .map { directory + $0 }
    }

    /// `stem` is what is typed of the value: a session of 25,000 Tn is searched, not copied three times over.
    static func values(of kind: ValueKind, stem: String = "", session: Session) -> [String] {
        switch kind {
        case .choice(let values): values
        case .yesNo: ["ja", "nein"]
        case .reference(.auftrag): Array(session.auftraege.keys)
        case .reference(.kursort): Array(session.kursorte.keys)
        case .reference(.lehrkraft): Array(session.lehrkraefte.keys)
        // Each of the three references a Tn may go by: the Tn-Nr, the Aktenzeichen and `Nachname,Vorname`.
        case .reference(.teilnehmer): teilnehmerReferences(matching: Keyword.normalize(stem), in: session)
        case .text, .identifier, .date, .integer, .file, .rest: []
        }
    }

    /// Each of the three references a Tn may go by that starts with the stem: the Tn-Nr, the Aktenzeichen and
    /// `Nachname,Vorname` (in quotes when it has a blank), at most `limit` of them.
    static func teilnehmerReferences(matching stem: String, in session: Session) -> [String] {
        let quoted = stem.hasPrefix("\"")
        let nameStem = quoted ? String(stem.dropFirst()) : stem
        var result: [String] = []
        for tn in session.teilnehmer.values where result.count < limit {
            if hasPrefix(tn.nummer, stem) { result.append(tn.nummer) }
            if let az = tn.az, hasPrefix(az, stem) { result.append(az) }
            // The name is built only for a Nachname that fits what is typed of it.
            guard hasPrefix(tn.nachname, String(nameStem.prefix(tn.nachname.count))) else { continue }
            let name = tn.nachname + "," + tn.vorname
            let shown = name.contains(" ") ? "\"" + name + "\"" : name
            if hasPrefix(shown, stem) { result.append(shown) }
        }
        return result
    }
}
