// Tests for the render layer: aligned tables (with umlauts), csv quoting, json escaping, records,
// help pages, usage lines and the wording of errors.

import XCTest
@testable import KBMCore
@testable import KBMModel
@testable import KBMDomain
@testable import KBMRender

final class RendererTests: XCTestCase {
    let day = Day(year: 2026, month: 3, day: 2)!

    func sp(_ n: Int) -> String { String(repeating: " ", count: n) }

    // MARK: table

    func testTableColumnsAlignWithUmlauts() {
        let table = Table(headers: ["Name", "Ort", "Zahl"], keys: ["name", "ort", "zahl"], rows: [
            [.text("Müller"), .text("Köln"), .number(7)],
            [.text("Öztürk-Weiß"), .empty, .number(1234)],
        ])
        let expected = """
            Name\(sp(9))Ort\(sp(3))Zahl
            -----------  ----  ----
            Müller\(sp(7))Köln  7
            Öztürk-Weiß\(sp(8))1234
            (2 Zeilen)

            """
        XCTAssertEqual(Renderer.render(table, format: .table), expected)
    }

    func testEveryLineOfATableHasTheSameColumnStarts() {
        let table = Table(headers: ["Kennung", "Straße"], keys: ["k", "s"], rows: [
            [.text("Ä"), .text("Überweg")], [.text("ÄÖÜäöüß-1"), .text("x")],
        ])
        let lines = Renderer.render(table, format: .table).split(separator: "\n").dropLast()
        let starts = lines.map { line -> Int in
            var count = 0
            var previous: Character = "x"
            for (i, c) in line.enumerated() {
                if previous == " " && c != " " && i > 0 { count = i; break }
                previous = c
            }
            return count
        }
        // The first column is as wide as its widest cell ("ÄÖÜäöüß-1", 9 characters), then two blanks.
        XCTAssertEqual(Set(starts), [11], "\(lines)")
    }

    func testDecomposedUmlautsAlignLikeComposedOnes() {
        func render(_ name: String) -> String {
            Renderer.render(Table(headers: ["Name", "X"], keys: ["n", "x"], rows: [[.text(name), .text("1")], [.text("Bob"), .text("2")]]),
                            format: .table)
        }
        let composed = render("Müller")
        let decomposed = render("Mu\u{308}ller")
        XCTAssertEqual(composed.split(separator: "\n").map(\.count), decomposed.split(separator: "\n").map(\.count))
        XCTAssertEqual(composed, decomposed)
    }

    func testCellsInTables() {
        let table = Table(headers: ["D", "F", "L"], keys: ["d", "f", "l"], rows: [[.date(day), .flag(true), .flag(false)]])
        XCTAssertEqual(Renderer.render(table, format: .table).split(separator: "\n")[2], "02.03.2026  ja  nein")
    }

    func testRowCountLine() {
        func count(_ n: Int) -> String {
            let rows = [[Cell]](repeating: [.text("a")], count: n)
            return String(Renderer.render(Table(headers: ["A"], keys: ["a"], rows: rows), format: .table).split(separator: "\n").last!)
        }
        XCTAssertEqual(count(0), "(0 Zeilen)")
        XCTAssertEqual(count(1), "(1 Zeile)")
        XCTAssertEqual(count(2), "(2 Zeilen)")
    }

    func testEmptyTable() {
        let table = Table(headers: ["Nummer", "Titel"], keys: ["nummer", "titel"])
        XCTAssertEqual(Renderer.render(table, format: .table), "Nummer  Titel\n------  -----\n(0 Zeilen)\n")
        XCTAssertEqual(Renderer.render(table, format: .csv), "Nummer,Titel\n")
        XCTAssertEqual(Renderer.render(table, format: .json), "[]\n")
    }

    // MARK: csv

    func testCSVQuotesOnlyWhatNeedsIt() {
        XCTAssertEqual(Renderer.csvField("einfach"), "einfach")
        XCTAssertEqual(Renderer.csvField("Grüße aus Köln"), "Grüße aus Köln")
        XCTAssertEqual(Renderer.csvField(""), "")
        XCTAssertEqual(Renderer.csvField("a,b"), "\"a,b\"")
        XCTAssertEqual(Renderer.csvField("Kurs \"A\""), "\"Kurs \"\"A\"\"\"")
        XCTAssertEqual(Renderer.csvField("\""), "\"\"\"\"")
        XCTAssertEqual(Renderer.csvField("zwei\nZeilen"), "\"zwei\nZeilen\"")
        XCTAssertEqual(Renderer.csvField("a\rb"), "\"a\rb\"")
    }

    func testCSVTable() {
        let table = Table(headers: ["Nummer", "Titel, lang", "Beginn", "Aktiv", "Anzahl", "Leer"],
                          keys: ["n", "t", "b", "a", "z", "l"], rows: [
            [.text("IK-1"), .text("Deutsch, \"Vormittag\""), .date(day), .flag(true), .number(12), .empty],
        ])
        XCTAssertEqual(Renderer.render(table, format: .csv), #"""
            Nummer,"Titel, lang",Beginn,Aktiv,Anzahl,Leer
            IK-1,"Deutsch, ""Vormittag""",02.03.2026,ja,12,

            """#)
    }

    // MARK: json

    func testJSONStringEscaping() {
        XCTAssertEqual(Renderer.jsonString("einfach"), "\"einfach\"")
        XCTAssertEqual(Renderer.jsonString("Kurs \"A\""), #""Kurs \"A\"""#)
        XCTAssertEqual(Renderer.jsonString(#"a\b"#), #""a\\b""#)
        XCTAssertEqual(Renderer.jsonString("a\nb\rc\td"), #""a\nb\rc\td""#)
        XCTAssertEqual(Renderer.jsonString("\u{0}\u{1}\u{8}\u{C}\u{1F}"), #""\u0000\u0001\u0008\u000c\u001f""#)
        XCTAssertEqual(Renderer.jsonString("Grüße ß € 😀"), "\"Grüße ß € 😀\"")
        XCTAssertEqual(Renderer.jsonString("</script>"), "\"</script>\"")
    }

    func testJSONTable() {
        let table = Table(headers: ["Nummer", "Titel"], keys: ["nummer", "ti\"tel"], rows: [
            [.text("IK-1"), .text("Prüfung \"DTZ\" \\ A2")],
            [.number(3), .empty],
            [.date(day), .flag(false)],
        ])
        XCTAssertEqual(Renderer.render(table, format: .json), """
            [{"nummer":"IK-1","ti\\"tel":"Prüfung \\"DTZ\\" \\\\ A2"},
             {"nummer":3,"ti\\"tel":null},
             {"nummer":"2026-03-02","ti\\"tel":false}]

            """)
    }

    // MARK: records, notices, text

    let record = Record(title: "Mandant", fields: [
        ("Trägernummer", .text("TR-1")),
        ("Testumgebung", .flag(true)),
        ("Beginn", .date(Day(year: 2026, month: 3, day: 2)!)),
        ("Titel", .text("a, \"b\"")),
        ("Leer", .empty),
    ])

    func testRecordAsTable() {
        XCTAssertEqual(Renderer.render(record, format: .table), """
            Mandant
              Trägernummer: TR-1
              Testumgebung: ja
              Beginn:       02.03.2026
              Titel:        a, "b"
              Leer:

            """)
    }

    func testRecordAsCSV() {
        XCTAssertEqual(Renderer.render(record, format: .csv), #"""
            Feld,Wert
            Trägernummer,TR-1
            Testumgebung,ja
            Beginn,02.03.2026
            Titel,"a, ""b"""
            Leer,

            """#)
    }

    func testRecordAsJSON() {
        XCTAssertEqual(Renderer.render(record, format: .json),
                       #"{"Trägernummer":"TR-1","Testumgebung":true,"Beginn":"2026-03-02","Titel":"a, \"b\"","Leer":null}"# + "\n")
    }

    func testNoticesAndTextAreTheSameInEveryFormat() {
        for format in OutputFormat.allCases {
            XCTAssertEqual(Renderer.render(.notice(.kursortAdded("KO-1")), format: format, in: Session(today: Clock.today())), "Kursort KO-1 angelegt.\n")
            XCTAssertEqual(Renderer.render(.text("Hilfe\n"), format: format, in: Session(today: Clock.today())), "Hilfe\n")
        }
        XCTAssertEqual(Wording.text(.todaySet(day)), "Heute ist für diese Sitzung der 02.03.2026 (Montag).")
        XCTAssertEqual(Wording.text(.auftragCreated("BA-1", .ba)), "Auftrag BA-1 (BA-Maßnahme) angelegt und geöffnet.")
    }

    // MARK: usage lines and help

    func testUsageLines() {
        XCTAssertEqual(CommandTable.spec(.domain(.newAuftrag)).usage, #"new auftrag NR typ=integrationskurs|sprachtest|ba|sonstiges [titel="…"]"#)
        XCTAssertEqual(CommandTable.spec(.domain(.mandant)).usage,
                       "mandant [traegernummer=NR] [testnummer=NR] [testumgebung=ja|nein] [nur-validieren=ja|nein]")
        XCTAssertEqual(CommandTable.spec(.shell(.setFormat)).usage, "set format table|csv|json")
        XCTAssertEqual(CommandTable.spec(.shell(.help)).usage, "help [BEFEHL]")
        XCTAssertEqual(CommandTable.spec(.domain(.listKursorte)).usage, "list kursorte")
        XCTAssertEqual(CommandTable.spec(.domain(.listAuftraege)).usage,
                       "list auftraege [typ=integrationskurs|sprachtest|ba|sonstiges] [kursart=allgemein|alpha|zweitschrift|foerder|jugend|eltern|frauen|intensiv] [gemeldet=ja|nein]")
    }

    func testHelpOverviewNamesEveryCommand() throws {
        let overview = try HelpText.render(topic: nil)
        XCTAssertEqual(try HelpText.render(topic: ""), overview)
        for spec in CommandTable.all {
            XCTAssertTrue(overview.contains("  \(spec.phrase)  "), spec.phrase)
        }
        XCTAssertTrue(overview.hasPrefix("Befehle"), overview)
    }

    func testHelpPage() throws {
        let spec = CommandTable.spec(.domain(.newAuftrag))
        let page = "Aufruf:   \(spec.usage)\n\(spec.summary)\nBeispiel: \(spec.example)\n"
        XCTAssertEqual(try HelpText.render(topic: "new auftrag"), page)
        XCTAssertEqual(try HelpText.render(topic: "NEW Auftrag"), page)
        XCTAssertEqual(try HelpText.render(topic: "new"), page)
    }

    func testHelpForAFamilyShowsEachMember() throws {
        let text = try HelpText.render(topic: "list")
        XCTAssertTrue(text.contains("Aufruf:   list auftraege [typ="), text)
        XCTAssertTrue(text.contains("Aufruf:   list kursorte\n"), text)
    }

    func testHelpWithUmlautSpelling() throws {
        XCTAssertEqual(try HelpText.render(topic: "list aufträge"), try HelpText.render(topic: "list auftraege"))
    }

    func testHelpForAnUnknownCommand() {
        XCTAssertThrowsError(try HelpText.render(topic: "foo")) { e in
            XCTAssertEqual(e as? LanguageError, .unknownCommand("foo", suggestion: nil))
        }
        XCTAssertThrowsError(try HelpText.render(topic: "lsit")) { e in
            XCTAssertEqual(e as? LanguageError, .unknownCommand("lsit", suggestion: "list"))
        }
    }

    /// Words after a whole command are no topic of their own (issue 12, point 9).
    func testHelpRefusesWordsAfterACommand() {
        XCTAssertThrowsError(try HelpText.render(topic: "list auftraege extra")) { e in
            XCTAssertEqual(e as? LanguageError, .notACommand("extra", after: "list auftraege"))
            XCTAssertTrue(Wording.message(e).contains("„extra“ ist kein Befehl"), Wording.message(e))
        }
    }

    /// The overview shows each command's first sentence; a period inside a word (`.kbm`) ends none (point 21).
    func testHelpOverviewKeepsWholeFirstSentences() throws {
        let overview = try HelpText.render(topic: nil)
        XCTAssertTrue(overview.contains("in ein neues .kbm-Skript auf (mit Kopf: Datum, kbm-Version, Sitzungsuhr).\n"), overview)
        XCTAssertTrue(overview.contains("(wie .timer in sqlite3).\n"), overview)
        XCTAssertFalse(overview.contains(" .\n"), overview)
    }

    /// `once` writes the table format unless `set format` says otherwise: its example names no .json file.
    func testOnceExampleNamesNoMachineFormat() throws {
        let page = try HelpText.render(topic: "once")
        XCTAssertFalse(page.contains(".json") || page.contains(".csv"), page)
    }

    /// `quit` is a command (an alias of `exit`), so `help quit` explains it instead of calling it unknown.
    func testHelpKnowsTheQuitAlias() throws {
        XCTAssertEqual(try? HelpText.render(topic: "quit"), try HelpText.render(topic: "exit"), "help quit")
    }

    // MARK: wording of errors

    func testEveryLanguageErrorHasAGermanMessageNamingWhatWasTyped() {
        let usage = "new auftrag NR"
        let cases: [(LanguageError, String)] = [
            (.unterminatedQuote(column: 7), "Spalte 7"),
            (.controlCharacter(column: 3), "Spalte 3"),
            (.unknownCommand("lsit", suggestion: "list"), "Meinten Sie „list“?"),
            (.unknownCommand("foo", suggestion: nil), "„foo“"),
            (.unknownSubcommand("auftrage", command: "list", expected: ["auftraege"], suggestion: "auftraege"), "„list auftraege“"),
            (.incompleteCommand("list", expected: ["auftraege", "kursorte"]), "list auftraege, list kursorte"),
            (.unexpectedArgument("zuviel", usage: usage), "„zuviel“"),
            (.missingArgument("NR", usage: usage), "NR fehlt"),
            (.unknownKey("titl", command: "new auftrag", suggestion: "titel", usage: usage), "„titel=“"),
            (.duplicateKey("typ"), "„typ“"),
            (.missingKey("typ", usage: usage), "„typ=“"),
            (.emptyValue(key: "titel"), "„titel=“"),
            (.invalidDate(word: "31.02.2026"), "„31.02.2026“"),
            (.invalidNumber(word: "max=0", range: 1...25), "von 1 bis 25"),
            (.invalidChoice(word: "typ=kurs", allowed: ["ba", "sonstiges"]), "ba, sonstiges"),
            (.invalidIdentifier(word: "IK_1"), "„IK_1“"),
            (.invalidYesNo(word: "x=vielleicht"), "„x=vielleicht“"),
            (.notACommand("extra", after: "list auftraege"), "„help list auftraege“"),
        ]
        for (error, fragment) in cases {
            let message = Wording.message(error)
            XCTAssertTrue(message.contains(fragment), "\(error): \(message)")
            XCTAssertFalse(message.contains("Optional("), message)
        }
        for (error, _) in cases where [.missingArgument("NR", usage: usage), .unexpectedArgument("zuviel", usage: usage),
                                       .missingKey("typ", usage: usage)].contains(error) {
            XCTAssertTrue(Wording.message(error).hasSuffix("Aufruf: \(usage)"), Wording.message(error))
        }
    }
}
