// Replaces every personal value of a session by its pseudonym: local data, the BAMF side and the stored XML alike.

import KBMModel
import OrderedCollections

/// Personal values are names, Geburtsdaten, Anschriften, Aktenzeichen and Lehrkraftkennungen. Because the
/// mapping is injective and keeps every value valid input, each rule comes out as before: the same Tn lack a
/// Zulassung (R9), the same Geburtsdatum contradicts the BAMF's record (1021), the same Lehrkraft is unknown in
/// strict mode (R15). Free text (Titel, Grund, Lehrwerk, Kursort names, `echo`, file names, `expect` texts) keeps
/// its words, except that any original personal value standing in it as a whole word is replaced as well; a text
/// that still holds one in another spelling (`OEZTUERK`, `12.4.90`, `az100001`, `Hauptstr.`) is withheld whole.
public struct Anonymizer: Sendable {
    public internal(set) var pseudonyms = Pseudonyms()
    private var phraseCache: (generation: Int, phrases: [String: Phrase], longest: Int, traces: PersonalTraces)?

    /// What a free text becomes that names a person in a spelling the pseudonyms do not cover.
    public static let withheld = "(anonymisiert)"

    /// Collects every personal value of the session and of the command lines (a history to export) before
    /// the first pseudonym is handed out.
    public init(session: Session, commandLines: [String] = []) {
        _ = anonymize(session)
        for line in commandLines { _ = commandLine(line) }
        pseudonyms.finishCollecting()
    }

    /// The whole session with pseudonyms; the walk is fixed, so the same session always gets the same ones.
    public mutating func anonymize(_ session: Session) -> Session {
        var result = session
        result.lehrkraefte = [:]
        for lk in session.lehrkraefte.values {
            var copy = lk
            copy.kennung = pseudonyms.value(lk.kennung, .kennung)
            copy.vorname = pseudonyms.value(lk.vorname, .name)
            copy.nachname = pseudonyms.value(lk.nachname, .name)
            result.lehrkraefte[copy.kennung] = copy
        }
        result.teilnehmer = TeilnehmerRegister()
        for tn in session.teilnehmer.values {
            var copy = tn
            copy.vorname = pseudonyms.value(tn.vorname, .name)
            copy.nachname = pseudonyms.value(tn.nachname, .name)
            copy.geboren = pseudonyms.day(tn.geboren)
            copy.az = tn.az.map { pseudonyms.value($0, .aktenzeichen) }
            copy.strasse = tn.strasse.map { pseudonyms.value($0, .strasse) }
            copy.plz = tn.plz.map { pseudonyms.value($0, .plz) }
            copy.ort = tn.ort.map { pseudonyms.value($0, .ort) }
            result.teilnehmer[tn.nummer] = copy
        }
        for (nummer, auftrag) in session.auftraege {
            var copy = auftrag
            copy.titel = auftrag.titel.map { freeText($0) }
            copy.kursdaten?.lehrwerk = auftrag.kursdaten?.lehrwerk.map { freeText($0) }
            copy.unterbrechungen = auftrag.unterbrechungen.map { u in
                var changed = u
                changed.grund = u.grund.map { freeText($0) }
                return changed
            }
            copy.kursplanung.teilnehmer = auftrag.kursplanung.teilnehmer.map { t in
                GesendeterTeilnehmer(nummer: t.nummer, az: t.az.map { pseudonyms.value($0, .aktenzeichen) },
                                     geboren: t.geboren.map { pseudonyms.day($0) })
            }
            copy.zustaendigkeiten = auftrag.zustaendigkeiten.map { z in
                Zustaendigkeit(kennung: pseudonyms.value(z.kennung, .kennung), art: z.art)
            }
            result.auftraege[nummer] = copy
        }
        for (kennung, kursort) in session.kursorte {
            result.kursorte[kennung]?.name = kursort.name.map { freeText($0) }
        }
        result.bamf = anonymize(session.bamf)
        result.anmeldungen = session.anmeldungen.map { a in
            var copy = a
            copy.anfrage = document(a.anfrage)
            copy.antwort = document(a.antwort)
            copy.meldungen = a.meldungen.map { document($0) }
            return copy
        }
        return result
    }

    private mutating func anonymize(_ bamf: BamfSide) -> BamfSide {
        var result = bamf
        result.lehrkraefte = Set(bamf.lehrkraefte.sorted().map { pseudonyms.value($0, .kennung) })
        result.teilnehmer = [:]
        for (az, geboren) in bamf.teilnehmer.sorted(by: { $0.key < $1.key }) {
            result.teilnehmer[pseudonyms.value(az, .aktenzeichen)] = pseudonyms.day(geboren)
        }
        result.zulassungen = [:]
        for (key, verfahren) in bamf.zulassungen.sorted(by: { $0.key < $1.key }) {
            let (traeger, az) = BamfSide.parts(of: key)
            result.zulassungen[BamfSide.key(traeger, pseudonyms.value(az, .aktenzeichen))] = verfahren
        }
        for (key, plan) in bamf.plaene.sorted(by: { $0.key < $1.key }) {
            result.plaene[key]?.aktenzeichen = plan.aktenzeichen.map { pseudonyms.value($0, .aktenzeichen) }
        }
        return result
    }

    // MARK: - Message documents

    /// Where an Aktenzeichen and a Kennung stand in the simulated BAMF's message texts, taken from the texts
    /// themselves so that a change of wording cannot slip past: before and after the value.
    private static let aktenzeichenInMessage = around(BamfMessage.name(GesendeterTeilnehmer(nummer: "", az: "\u{0}", geboren: nil)))
    private static let kennungInMessage = around(BamfMessage.unknownLehrkraft("\u{0}").text)

    private static func around(_ text: String) -> (String, String) {
        let parts = text.split(separator: "\u{0}", omittingEmptySubsequences: false)
        return (String(parts[0]), String(parts[1]))
    }

    /// An XML document of InGe-Online or a BAMF message line: the Aktenzeichen, Geburtsdatum and
    /// Lehrkraftkennung elements, and the Aktenzeichen and Kennungen that messages name.
    public mutating func document(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var changed = String(line)
            changed = element(changed, "Aktenzeichen") { $0.pseudonyms.value($1, .aktenzeichen) }
            changed = element(changed, "Lehrkraftkennung") { $0.pseudonyms.value($1, .kennung) }
            changed = element(changed, "Geburtsdatum") { me, iso in Day(parsing: iso).map { me.pseudonyms.day($0).iso } ?? iso }
            changed = marked(changed, Self.aktenzeichenInMessage, .aktenzeichen)
            changed = marked(changed, Self.kennungInMessage, .kennung)
            lines.append(changed)
        }
        return lines.joined(separator: "\n")
    }

    /// `  <Name>value</Name>` as XMLNode writes a leaf, with the value replaced.
    private mutating func element(_ line: String, _ name: String, _ replace: (inout Anonymizer, String) -> String) -> String {
        let indent = line.prefix(while: { $0 == " " })
        let rest = line.dropFirst(indent.count)
        let open = "<\(name)>", close = "</\(name)>"
        guard rest.hasPrefix(open), rest.hasSuffix(close), rest.count >= open.count + close.count else { return line }
        let value = String(rest.dropFirst(open.count).dropLast(close.count))
        return indent + open + replace(&self, value) + close
    }

    /// Every identifier standing between `before` and `after`, replaced.
    private mutating func marked(_ text: String, _ marker: (String, String), _ kind: Pseudonyms.Kind) -> String {
        let (before, after) = marker
        var out = ""
        var rest = Substring(text)
        while let range = rest.firstRange(of: before) {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let value = rest.prefix(while: { $0.isASCII && (Pseudonyms.isWordCharacter($0)) })
            if !value.isEmpty, rest.dropFirst(value.count).hasPrefix(after) {
                out += pseudonyms.value(String(value), kind)
                rest = rest.dropFirst(value.count)
            }
        }
        return out + rest
    }

    // MARK: - Free text

    private enum Phrase: Sendable {
        case value(Pseudonyms.Kind)
        case day(Day, iso: Bool)
    }

    /// Free text with each original personal value that stands in it as a whole word (or run of words) replaced
    /// by its pseudonym; withheld whole if a personal value is left in it, spelled otherwise.
    public mutating func freeText(_ text: String) -> String {
        guard !pseudonyms.collecting, !text.isEmpty else { return text }
        let (phrases, longest, traces) = currentPhrases()
        guard longest > 0 else { return text }
        let replaced = pseudonymised(text, phrases, longest)
        return traces.found(in: replaced) ? Self.withheld : replaced
    }

    private mutating func pseudonymised(_ text: String, _ phrases: [String: Phrase], _ longest: Int) -> String {
        let chars = Array(text)
        var spans: [Range<Int>] = []
        var i = 0
        while i < chars.count {
            guard Pseudonyms.isWordCharacter(chars[i]) else { i += 1; continue }
            let start = i
            while i < chars.count, Pseudonyms.isWordCharacter(chars[i]) { i += 1 }
            spans.append(start..<i)
        }
        var out = ""
        var copied = 0
        var s = 0
        while s < spans.count {
            var matched = false
            for e in stride(from: min(spans.count - 1, s + longest - 1), through: s, by: -1) {
                let candidate = String(chars[spans[s].lowerBound..<spans[e].upperBound])
                guard let phrase = phrases[candidate] else { continue }
                out += String(chars[copied..<spans[s].lowerBound])
                switch phrase {
                case .value(let kind): out += pseudonyms.value(candidate, kind)
                case .day(let day, let iso): out += iso ? pseudonyms.day(day).iso : pseudonyms.day(day).description
                }
                copied = spans[e].upperBound
                s = e + 1
                matched = true
                break
            }
            if !matched { s += 1 }
        }
        return out + String(chars[copied...])
    }

    private mutating func currentPhrases() -> ([String: Phrase], Int, PersonalTraces) {
        if let cache = phraseCache, cache.generation == pseudonyms.generation { return (cache.phrases, cache.longest, cache.traces) }
        var phrases: [String: Phrase] = [:]
        var longest = 0
        // Kinds in a fixed order: a value that is both a name and an Ort is treated as a name.
        for kind in Pseudonyms.Kind.allCases.reversed() {
            for original in pseudonyms.originals[kind] ?? [] where !original.isEmpty {
                phrases[original] = .value(kind)
                longest = max(longest, Pseudonyms.words(original).count)
            }
        }
        for day in pseudonyms.originalDays {
            phrases[day.description] = .day(day, iso: false)
            phrases[day.iso] = .day(day, iso: true)
            longest = max(longest, 3)
        }
        let traces = PersonalTraces(originals: pseudonyms.originals, days: pseudonyms.originalDays)
        phraseCache = (pseudonyms.generation, phrases, longest, traces)
        return (phrases, longest, traces)
    }
}
