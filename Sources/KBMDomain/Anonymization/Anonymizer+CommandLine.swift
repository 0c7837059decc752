// Pseudonymising a typed command line with the same mapping as the session, for exporting a history anonymised.

import KBMLanguage
import KBMModel

extension Anonymizer {
    /// The command line with every personal value replaced (as its spec in the command table says) and the words written back canonically
    /// (`ScriptLine`), so it reads back to the same command with pseudonyms.
    ///
    /// `bamf testdaten` registers fixed Aktenzeichen and Kennungen that the pseudonyms replace, so it becomes the
    /// register commands it stands for, one per line, with pseudonyms.
    ///
    /// Returns "" for a blank or comment-only line (a comment may name a person, so it is dropped), and nil
    /// for a line that is no valid command: which of its words are personal cannot be told, so the caller must
    /// not export it as it is.
    public mutating func commandLine(_ line: String) -> String? {
        guard let tokens = try? Lexer.tokenize(line) else { return nil }
        if tokens.isEmpty { return "" }
        guard (try? Parser.parse(tokens)) != nil, let matched = try? Parser.match(tokens) else { return nil }
        let (spec, used) = matched
        if spec.name == .domain(.bamfTestdaten) { return testdaten() }
        var out = ScriptLine(spec.name)
        var arguments = spec.arguments.makeIterator()
        var index = used
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if let key = token.key {
                guard let option = spec.options.first(where: { $0.name == Keyword.normalize(key) }) else { return nil }
                out = out.option(option.name, value(token.value, option.personal))
            } else {
                guard let argument = arguments.next() else { return nil }
                if argument.kind == .rest {
                    out = out.argument(freeText(tokens[(index - 1)...].map(\.text).joined(separator: " ")))
                    index = tokens.count
                } else {
                    out = out.argument(value(token.text, argument.personal))
                }
            }
        }
        return out.text
    }

    private mutating func testdaten() -> String {
        var lines = Testdaten.traeger.map { ScriptLine(.bamfRegisterTraeger).argument($0) }
        lines += Testdaten.kursorte.map { ScriptLine(.bamfRegisterKursort).argument($0) }
        lines += Testdaten.lehrkraefte.map { ScriptLine(.bamfRegisterLehrkraft).argument(pseudonyms.value($0, .kennung)) }
        lines += Testdaten.teilnehmer.map {
            ScriptLine(.bamfRegisterTeilnehmer).option(Keys.BamfRegisterTeilnehmer.az, pseudonyms.value($0.az, .aktenzeichen))
                .option(Keys.BamfRegisterTeilnehmer.geboren, pseudonyms.day($0.geboren))
        }
        return lines.map(\.text).joined(separator: "\n")
    }

    private mutating func value(_ text: String, _ personal: PersonalData) -> String {
        switch personal {
        case .notPersonal: return text
        case .name:
            let pseudonym = pseudonyms.value(text.trimmingBlanks, .name)
            // A name the customer typed wrongly (R16) must stay wrong, or the replay would succeed where they failed.
            return Teilnehmer.isValidName(text.trimmingBlanks) ? pseudonym : pseudonym + "0"
        case .geboren:
            guard let day = Day(parsing: text) else { return text }
            let pseudonym = pseudonyms.day(day)
            return text.contains("-") ? pseudonym.iso : pseudonym.description
        case .aktenzeichen: return pseudonyms.value(text, .aktenzeichen)
        case .aktenzeichenListe:
            return text.split(separator: ",", omittingEmptySubsequences: false)
                .map { pseudonyms.value(String($0).trimmingBlanks, .aktenzeichen) }.joined(separator: ",")
        case .kennung: return pseudonyms.value(text, .kennung)
        case .teilnehmer: return teilnehmerReference(text)
        case .strasse: return pseudonyms.value(text, .strasse)
        case .plz: return pseudonyms.value(text, .plz)
        case .ort: return pseudonyms.value(text, .ort)
        case .document: return document(text)
        case .messages:
            return text.split(separator: "\n", omittingEmptySubsequences: false).map { document(String($0)) }.joined(separator: "\n")
        case .freeText: return freeText(text)
        }
    }

    /// A TN as `lookupTeilnehmer` reads it: a Tn-Nr stays, `Nachname,Vorname` becomes the pseudonyms' pair,
    /// anything else is an Aktenzeichen.
    private mutating func teilnehmerReference(_ text: String) -> String {
        if TnNr(typed: text) != nil { return text }
        guard let comma = text.firstIndex(of: ",") else { return pseudonyms.value(text, .aktenzeichen) }
        let nachname = String(text[..<comma]).trimmingBlanks
        let vorname = String(text[text.index(after: comma)...]).trimmingBlanks
        return (nachname.isEmpty ? "" : pseudonyms.value(nachname, .name)) + ","
            + (vorname.isEmpty ? "" : pseudonyms.value(vorname, .name))
    }
}
