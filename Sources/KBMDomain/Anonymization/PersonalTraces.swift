// Finds a personal value in free text however it is spelled: any case, ä or ae or a, a date in any usual form, an identifier without its hyphen, Straße or Str.

import KBMModel

/// Built from the originals the pseudonyms collected. A free text in which one is found is withheld as a whole
/// (`Anonymizer.freeText`): a value spelled otherwise cannot be cut out reliably, and the words around it may be
/// personal too. Matching is generous on purpose: a text withheld needlessly costs little, a leak much.
struct PersonalTraces {
    /// Folded words of names and Orte, in both spellings (`oeztuerk`, `ozturk`).
    private var words: Set<String> = []
    /// Folded runs of several words, blank-separated with a blank before and after (" garcia lopez ").
    private var phrases: Set<String> = []
    /// Identifiers and street names as bare letters and digits (`az100001`, `hauptstr`), sought anywhere in the text's.
    private var skeletons: Set<String> = []
    /// Dates as numbers without leading zeros joined by dots (`12.4.1990`, `12.4.90`, `1990.4.12`) and without
    /// separators (`12041990`, `120490`, `19900412`); Postleitzahlen as they are.
    private var numbers: Set<String> = []

    init(originals: [Pseudonyms.Kind: Set<String>], days: Set<Day>) {
        for (kind, values) in originals {
            for value in values {
                switch kind {
                case .name, .ort: addWords(value)
                case .aktenzeichen, .kennung: addSkeleton(value, minimum: 3)
                case .strasse:
                    // The house number alone says nothing: the street is sought without it.
                    let name = value.split(separator: " ").reversed().drop(while: { $0.contains(where: \.isNumber) }).reversed()
                    addSkeleton(name.joined(separator: " "), minimum: 4)
                case .plz: numbers.insert(value)
                }
            }
        }
        for day in days {
            let (d, m, y) = (String(day.day), String(day.month), String(day.year))
            let yy = Self.unpadded(String(String(day.year).suffix(2)))
            let (dd, mm) = (Self.padded(day.day), Self.padded(day.month))
            numbers.formUnion(["\(d).\(m).\(y)", "\(d).\(m).\(yy)", "\(y).\(m).\(d)",
                               dd + mm + String(day.year), dd + mm + String(String(day.year).suffix(2)), String(day.year) + mm + dd])
        }
    }

    private mutating func addWords(_ value: String) {
        for e in Self.folds {
            let parts = Self.words(of: value).map { Self.fold($0, umlautsAsE: e) }
            if parts.count == 1 {
                if parts[0].count >= 2 { words.insert(parts[0]) }
            } else if parts.count > 1 {
                phrases.insert(" " + parts.joined(separator: " ") + " ")
                // A part of a longer name on its own (`López` of `García López`); short ones are often particles (`de`, `van`).
                for part in parts where part.count >= 4 { words.insert(part) }
            }
        }
    }

    private mutating func addSkeleton(_ value: String, minimum: Int) {
        for e in Self.folds {
            let skeleton = Self.skeleton(Self.fold(value, umlautsAsE: e))
            if skeleton.count >= minimum { skeletons.insert(skeleton) }
        }
    }

    func found(in text: String) -> Bool {
        let textWords = Self.words(of: text)
        for e in Self.folds {
            let folded = textWords.map { Self.fold($0, umlautsAsE: e) }
            // A genitive s: `Öztürks Kurs`.
            if folded.contains(where: { words.contains($0) || ($0.count > 2 && $0.hasSuffix("s") && words.contains(String($0.dropLast()))) }) {
                return true
            }
            let joined = " " + folded.joined(separator: " ") + " "
            if phrases.contains(where: { joined.contains($0) }) { return true }
            let skeleton = Self.skeleton(folded.joined())
            if skeletons.contains(where: { skeleton.contains($0) }) { return true }
        }
        return numbersFound(in: text)
    }

    /// Runs of digits joined by `.`, `-`, `/` or blanks: every three in a row as a date, each alone as a date
    /// without separators or a PLZ.
    private func numbersFound(in text: String) -> Bool {
        var run: [String] = []
        var digits = ""
        var gap = ""
        func check() -> Bool {
            if numbers.contains(digits) { return true }
            if gap.count > 2 || !gap.allSatisfy({ ".-/ ".contains($0) }) { run = [] }
            run.append(Self.unpadded(digits))
            if run.count >= 3 && numbers.contains(run.suffix(3).joined(separator: ".")) { return true }
            digits = ""
            gap = ""
            return false
        }
        for ch in text {
            if ch.isASCII && ch.isNumber {
                digits.append(ch)
            } else if !digits.isEmpty {
                if check() { return true }
                gap.append(ch)
            } else {
                gap.append(ch)
            }
        }
        return !digits.isEmpty && check()
    }

    // MARK: - Folding

    /// Lower case with ä as ae (as kbm's look-ups compare names), and lower case with ä as a and accents dropped.
    private static let folds = [true, false]

    private static let umlauts: [Character: String] = ["ä": "ae", "ö": "oe", "ü": "ue"]
    private static let plain: [Character: String] = [
        "ä": "a", "ö": "o", "ü": "u", "ß": "ss", "á": "a", "à": "a", "â": "a", "ã": "a", "å": "a", "é": "e", "è": "e",
        "ê": "e", "ë": "e", "í": "i", "ì": "i", "î": "i", "ï": "i", "ı": "i", "ó": "o", "ò": "o", "ô": "o", "õ": "o",
        "ø": "o", "ú": "u", "ù": "u", "û": "u", "ç": "c", "ć": "c", "č": "c", "ñ": "n", "ń": "n", "ğ": "g", "ş": "s",
        "ś": "s", "š": "s", "ž": "z", "ź": "z", "ż": "z", "ł": "l", "ř": "r", "ý": "y",
    ]

    static func fold(_ text: String, umlautsAsE: Bool) -> String {
        var out = ""
        for ch in text.lowercased() {
            if umlautsAsE, let e = umlauts[ch] { out += e } else if let p = plain[ch] { out += p } else { out.append(ch) }
        }
        return out
    }

    /// Runs of letters and digits: hyphens, slashes, dots and blanks separate.
    static func words(of text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// Letters and digits only, with `strasse` (`straße` folded) shortened to `str` as in `Hauptstr.`.
    static func skeleton(_ folded: String) -> String {
        String(folded.filter { $0.isLetter || $0.isNumber }).replacing("strasse", with: "str")
    }

    static func unpadded(_ digits: String) -> String {
        let stripped = digits.drop { $0 == "0" }
        return stripped.isEmpty ? "0" : String(stripped)
    }

    private static func padded(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
