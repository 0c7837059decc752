// Realistic hostile command lines: commands of the CommandTable with mutated words, quotes, escapes, keys,
// dates, Unicode, control bytes and very long words, with references to what the session holds.

#if !KBM_FUZZ_SINGLE_MODULE
import KBMCore
#endif

struct LineGenerator {
    var random: FuzzRandom
    /// How many lines of the workflow were handed out; it repeats with a new Auftrag each round.
    private var step = 0

    init(random: FuzzRandom) {
        self.random = random
    }

    /// A happy path through the workflow, so the random lines meet sessions with plans, Zulassungen and a Kursnummer.
    static let workflow = [
        "set today 16.02.2026",
        "mandant traegernummer=TR-4711",
        "add kursort KO-4711-01 name=\"Volkshochschule Mitte, Raum 2.14\"",
        "bamf testdaten",
        "new auftrag IK-{k} typ=integrationskurs titel=\"Kurs {k}\"",
        "kursdaten kursart=allgemein abschnitt=basis2 beginn=02.03.2026 kursort=KO-4711-01 lehrwerk=\"Linie 1\"",
        "unterbrechung von=30.03.2026 bis=10.04.2026 grund=\"Osterferien\"",
        "add lehrkraft vorname=Anna nachname=Berger kennung=LK-1001",
        "assign LK-1001",
        "add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990 az=AZ-100001",
        "add teilnehmer vorname=Jean-Luc nachname=Dupont geboren=03.11.1985 az=AZ-100002",
        "add teilnehmer vorname=María nachname=\"García López\" geboren=15.06.1992",
        "book AZ-100001 kostentraeger=bamf",
        "book AZ-100002 kostentraeger=bamf",
        "book García,María kostentraeger=selbstzahler",
        "admit AZ-100001 verfahren=erst kursart=allgemein abschnitt=basis2",
        "admit AZ-100002 verfahren=wiederhol",
        "plan",
        "set today 02.03.2026",
        "status AZ-100001 aktiv",
        "check",
        "melden",
        "show",
        "anmeldungen",
        "list teilnehmer",
        "report",
    ]

    static let names = ["Leyla", "Öztürk", "Jean-Luc", "O'Brien", "García López", "Nguyễn", "Zoë", "Ana", "Lima", "Strauß",
                        "李", "محمد", "Ærøskøbing", "e\u{301}", "Anna-Maria  Berger", "D’Angelo", "X Æ A-12", "R2D2",
                        "👩‍🏫", "-", "'", " ", ""]
    static let identifiers = ["IK-1", "IK-2026-01", "BA-1", "KO-1", "KO-4711-01", "LK-1001", "LK-1002", "TR-4711",
                              "AZ-100001", "AZ-100002", "AZ-100009", "T1", "T2", "t3", "T99", "A/B", "-", "/",
                              String(repeating: "x", count: 20), String(repeating: "x", count: 21), "Ä-1", "IK 1", ""]
    static let dates = ["16.02.2026", "02.03.2026", "2.3.2026", "2026-03-02", "29.02.2024", "29.02.2023", "31.12.9999",
                        "24.12.9999", "31.12.9998", "01.01.0001", "0001-01-01", "9999-12-31", "00.00.0000", "32.01.2026",
                        "31.04.2026", "1.1.1", "2026-3-2", "99999-01-01", "01.01.99999", "-1.01.2026", "+1.01.2026",
                        "１２.０４.１９９０", "٠١.٠١.٢٠٢٦", "12.04.1990.", "..", "12..2026", "2026--01", "01.02.2018",
                        "31.01.2018", "30.03.2026", "10.04.2026", "9223372036854775807.01.2026", "01.01.-999", ""]
    static let integers = ["0", "1", "-1", "2", "20", "50", "51", "999", "1000", "9999", "60000", "60001", "2147483647",
                           "2147483648", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                           "99999999999999999999999", "+5", "0x10", "1e3", "٣", "1_000", " 1", ""]
    static let texts = ["Integrationskurs Vormittag", "Linie 1", "Osterferien", "VHS Mitte, Raum 2.14", "Kurs \"A\"",
                        "C:\\Pfad\\", "Straße 1", "12345", "Zürich", "a=b", "#kein Kommentar", "'; DROP TABLE auftrag; --",
                        "%s%n%x", "<xml>&amp;</xml>", "{\"json\": true}", "\u{202E}links", "\u{FEFF}BOM", "\u{200B}", ""]
    static let oddPieces = ["\u{0}", "\u{1B}[31m", "\u{7F}", "\t", "\r", "\u{FEFF}", "\u{202E}", "\u{200B}", "\u{FFFD}",
                            "\"", "\\", "\\\"", "\\\\", "#", "=", "==", "\u{10FFFF}", "é", "e\u{301}", "ß", "ẞ", "İ", "ﬁ",
                            "🇩🇪", ",", ", ", "\u{85}", "\u{2028}", "\u{1}", "\u{1F}"]
    /// Values that are there but say nothing (quoted, they reach the parser as words of blanks).
    static let blanks = ["", " ", "  ", "\t", " \t "]
    static let yesNo = ["ja", "nein", "j", "n", "yes", "no", "on", "off", "1", "0", "JA", "Nein", "vielleicht", ""]
    static let fileNames = ["teil.kbm", "r-a.kbm", "r-self.kbm", "r-d1.kbm", "r-crlf.kbm", "r-bin.kbm", "kopie.db", "aufnahme.kbm",
                            "export.kbm", "bericht.csv", "../ausserhalb", "/etc/passwd", "\"mit blank.kbm\"", "."]

    /// One command line for a session in this state.
    mutating func line(for session: Session) -> String {
        switch random.int(0...99) {
        case 0..<4: return noise()
        case 4..<22: return workflowLine()
        default: return commandLine(for: session)
        }
    }

    mutating func workflowLine() -> String {
        let round = step / Self.workflow.count + 1
        let line = Self.workflow[step % Self.workflow.count].replacing("{k}", with: String(round))
        step += 1
        return line
    }

    /// Characters without a command behind them.
    mutating func noise() -> String {
        var s = ""
        for _ in 0..<random.int(0...30) {
            s += random.chance(50) ? random.pick(Self.oddPieces) : String(random.pick(Array("abcxyzAÄ T1-=\" #.,")))
        }
        return s
    }

    mutating func commandLine(for session: Session) -> String {
        let spec = random.pick(CommandTable.all)
        var words = spec.words.map { spelled($0) }
        if spec.name == .shell(.exit), random.chance(90) { words = ["help"] }
        for argument in spec.arguments where argument.required || random.chance(60) {
            words.append(quotedIfNeeded(value(argument.kind, session)))
        }
        for option in spec.options.shuffled(using: &random) where (option.required && random.chance(95)) || random.chance(35) {
            words.append(spelled(option.name) + "=" + quotedIfNeeded(value(option.kind, session)))
        }
        if random.chance(20) {
            for _ in 0..<random.int(1...3) { mutate(&words, spec) }
        }
        var line = ""
        for (i, word) in words.enumerated() {
            if i > 0 { line += random.chance(90) ? " " : random.pick(["  ", "\t", " \t "]) }
            line += word
        }
        if random.chance(3) { line = random.pick([" ", "\t"]) + line }
        if random.chance(3) { line += random.pick([" ", "\r", " # Kommentar", "#", "\t"]) }
        return line
    }

    /// A command word or key as people type it: capitals, umlauts for ae/oe/ue/ss.
    mutating func spelled(_ word: String) -> String {
        guard random.chance(8) else { return word }
        switch random.int(0...3) {
        case 0: return word.uppercased()
        case 1: return word.replacing("ae", with: "ä").replacing("oe", with: "ö").replacing("ue", with: "ü")
        case 2: return word.prefix(1).uppercased() + word.dropFirst()
        default: return word == "exit" ? "quit" : word + word.suffix(1)
        }
    }

    mutating func value(_ kind: ValueKind, _ session: Session) -> String {
        if random.chance(1) { return longWord() }
        if random.chance(3) { return random.pick(Self.oddPieces) }
        if random.chance(2) { return random.pick(Self.blanks) }
        switch kind {
        case .text: return random.chance(50) ? random.pick(Self.names) : random.pick(Self.texts)
        case .identifier: return random.pick(Self.identifiers)
        case .date: return random.pick(Self.dates)
        case .integer(let range):
            return random.chance(50)
                ? random.pick([range.lowerBound, range.upperBound, range.lowerBound - 1, range.upperBound &+ 1].map(String.init))
                : random.pick(Self.integers)
        case .choice(let values):
            let v = random.pick(values)
            return random.chance(85) ? v : random.pick([v.uppercased(), v + "x", String(v.dropLast()), "", "ae" + v])
        case .yesNo: return random.pick(Self.yesNo)
        case .file: return random.pick(Self.fileNames)
        case .rest: return (0..<random.int(0...4)).map { _ in random.pick(Self.texts + Self.names) }.joined(separator: " ")
        case .reference(let reference): return self.reference(reference, session)
        }
    }

    mutating func reference(_ reference: ValueKind.Reference, _ session: Session) -> String {
        let known: [String]
        switch reference {
        case .auftrag: known = Array(session.auftraege.keys)
        case .kursort: known = Array(session.kursorte.keys)
        case .lehrkraft: known = Array(session.lehrkraefte.keys)
        case .teilnehmer:
            known = session.teilnehmer.values.flatMap { tn in
                [tn.nummer, tn.nummer.lowercased(), tn.az ?? tn.nummer, "\(tn.nachname),\(tn.vorname)", "\(tn.nachname),",
                 "\(tn.nachname.uppercased()), \(tn.vorname)"]
            }
        }
        if !known.isEmpty, random.chance(75) { return random.pick(known) }
        return random.pick(Self.identifiers + ["Öztürk,Leyla", "Berger,", ",", ",Anna", "T0", "T-1", "T9223372036854775808"])
    }

    mutating func longWord() -> String {
        let length = random.chance(80) ? random.pick([100, 1000, 5000]) : random.pick([20_000, 65_536, 70_000])
        return String(repeating: random.pick(["x", "ä", "1", "-", " ", "\""]), count: length)
    }

    /// Quotes a value the way a careful user would, escaping `"` and `\`; sometimes carelessly.
    mutating func quotedIfNeeded(_ value: String) -> String {
        let needs = value.isEmpty || value.contains(where: { $0 == " " || $0 == "\t" || $0 == "#" || $0 == "\"" })
        if random.chance(10) { return value }
        guard needs || random.chance(5) else { return value }
        let escaped = value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        return "\"" + escaped + (random.chance(97) ? "\"" : "")
    }

    mutating func mutate(_ words: inout [String], _ spec: CommandSpec) {
        guard !words.isEmpty else { return }
        let i = random.int(0...words.count - 1)
        switch random.int(0...11) {
        case 0: words.remove(at: i)
        case 1: words.insert(words[i], at: i)
        case 2: words.swapAt(i, random.int(0...words.count - 1))
        case 3: words.insert(random.pick(Self.names + Self.identifiers + Self.dates), at: i)
        case 4: words.append(random.pick(["x", "kurs", "ue-woche", "vorname", "zzz"]) + "=" + random.pick(Self.texts))
        case 5: words[i] += random.pick(Self.oddPieces)
        case 6: words[i] = random.pick(Self.oddPieces) + words[i]
        case 7: words[i] = String(words[i].dropLast(random.int(0...3)))
        case 8: words.append(random.pick(spec.options.map(\.name) + ["="]) + "=")
        case 9: words[i] = "\"" + words[i] + "\""
        case 10: words.insert(random.chance(20) ? longWord() : quotedIfNeeded(random.pick(Self.blanks)), at: i)
        default: words[i] = words[i].replacing("=", with: random.pick(["==", " = ", "=\"", ":"]))
        }
    }
}
