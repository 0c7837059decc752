// Tests for the Parser: matching the command table, typed values, every LanguageError, suggestions,
// ae/oe/ue/ss spellings and dates.

import XCTest
@testable import KBMCore
@testable import KBMModel
@testable import KBMLanguage

final class ParserTests: XCTestCase {
    func parse(_ line: String, file: StaticString = #filePath, line testLine: UInt = #line) -> ParsedCommand? {
        do {
            return try Parser.parse(line)
        } catch {
            XCTFail("„\(line)“: \(Wording.message(error))", file: file, line: testLine)
            return nil
        }
    }

    func error(_ line: String, file: StaticString = #filePath, line testLine: UInt = #line) -> LanguageError? {
        do {
            let parsed = try Parser.parse(line)
            XCTFail("„\(line)“ wurde angenommen als \(String(describing: parsed?.name))", file: file, line: testLine)
            return nil
        } catch {
            return error
        }
    }

    let newAuftragUsage = CommandTable.spec(.domain(.newAuftrag)).usage

    // MARK: matching commands

    func testBlankAndCommentLinesAreNoCommand() throws {
        XCTAssertNil(try Parser.parse(""))
        XCTAssertNil(try Parser.parse("   "))
        XCTAssertNil(try Parser.parse("# Kommentar"))
    }

    func testEveryCommandOfTheTableParsesFromItsExample() {
        for spec in CommandTable.all {
            XCTAssertEqual(parse(spec.example)?.name, spec.name, spec.example)
        }
    }

    func testEveryCommandPhraseIsUnique() {
        let phrases = CommandTable.all.map(\.phrase)
        XCTAssertEqual(Set(phrases).count, phrases.count)
    }

    func testLongestPhraseWins() {
        XCTAssertEqual(parse("show")?.name, .domain(.show))
        XCTAssertEqual(parse("show auftrag IK-1")?.name, .domain(.showAuftrag))
        XCTAssertEqual(parse("show auftrag IK-1")?[Keys.OpenAuftrag.nummer], "IK-1")
    }

    func testKeywordsAreCaseInsensitive() {
        XCTAssertEqual(parse("LIST AUFTRAEGE")?.name, .domain(.listAuftraege))
        XCTAssertEqual(parse("New Auftrag IK-1 TYP=Ba")?[Keys.NewAuftrag.typ], .ba)
        XCTAssertEqual(parse("Set Format JSON")?[Keys.SetFormat.format], .json)
    }

    func testUmlautsAndTheirSpellingsAreTheSame() {
        XCTAssertEqual(parse("list aufträge")?.name, .domain(.listAuftraege))
        XCTAssertEqual(parse("LIST AUFTRÄGE")?.name, .domain(.listAuftraege))
        XCTAssertEqual(parse("mandant trägernummer=TR-1")?[Keys.Mandant.traegernummer], "TR-1")
        XCTAssertEqual(parse("mandant TRÄGERNUMMER=TR-1")?[Keys.Mandant.traegernummer], "TR-1")
    }

    func testKeywordNormalization() {
        XCTAssertEqual(Keyword.normalize("Aufträge"), "auftraege")
        XCTAssertEqual(Keyword.normalize("ÖFFNEN"), "oeffnen")
        XCTAssertEqual(Keyword.normalize("Übung"), "uebung")
        XCTAssertEqual(Keyword.normalize("Straße"), "strasse")
        XCTAssertEqual(Keyword.normalize("ae oe ue ss"), "ae oe ue ss")
    }

    func testQuitIsAnAliasOfExit() {
        XCTAssertEqual(parse("quit")?.name, .shell(.exit))
        XCTAssertEqual(parse("QUIT")?.name, .shell(.exit))
        XCTAssertEqual(parse("exit")?.name, .shell(.exit))
    }

    // MARK: options

    func testOptionsInAnyOrder() {
        let a = parse(#"new auftrag IK-1 typ=integrationskurs titel="Kurs A""#)
        let b = parse(#"new auftrag titel="Kurs A" typ=integrationskurs IK-1"#)
        let c = parse(#"new auftrag typ=integrationskurs IK-1 titel="Kurs A""#)
        for p in [a, b, c] {
            XCTAssertEqual(p?[Keys.NewAuftrag.nummer], "IK-1")
            XCTAssertEqual(p?[Keys.NewAuftrag.typ], .integrationskurs)
            XCTAssertEqual(p?[Keys.NewAuftrag.titel], "Kurs A")
        }
    }

    func testOptionalOptionsMayBeLeftOut() {
        let p = parse("new auftrag IK-1 typ=ba")
        XCTAssertNil(p?[Keys.NewAuftrag.titel])
        XCTAssertFalse(p?.has(Keys.NewAuftrag.titel) ?? true)
        XCTAssertEqual(parse("mandant")?.hasValues, false)
    }

    func testYesNoValues() {
        for yes in ["ja", "JA", "j", "yes", "on", "1"] {
            XCTAssertEqual(parse("mandant testumgebung=\(yes)")?[Keys.Mandant.testumgebung], true, yes)
        }
        for no in ["nein", "Nein", "n", "no", "off", "0"] {
            XCTAssertEqual(parse("mandant nur-validieren=\(no)")?[Keys.Mandant.nurValidieren], false, no)
        }
    }

    func testQuotedTextKeepsItsCase() {
        XCTAssertEqual(parse(#"edit auftrag IK-1 titel="Deutsch FÜR Anfänger""#)?[Keys.EditAuftrag.titel], "Deutsch FÜR Anfänger")
    }

    func testIdentifiersKeepTheirCase() {
        XCTAssertEqual(parse("new auftrag ik-1/a typ=ba")?[Keys.NewAuftrag.nummer], "ik-1/a")
    }

    func testHelpTakesTheRestOfTheLine() {
        XCTAssertEqual(parse("help new auftrag")?[Keys.Help.befehl], "new auftrag")
        XCTAssertNil(parse("help")?[Keys.Help.befehl])
    }

    func testFileArguments() {
        XCTAssertEqual(parse(#"run "teile/mein skript.kbm""#)?[Keys.Run.datei], "teile/mein skript.kbm")
        XCTAssertEqual(parse("save /tmp/kopie.db")?[Keys.Run.datei], "/tmp/kopie.db")
    }

    // MARK: dates

    func testDatesInBothForms() {
        let expected = Day(year: 2026, month: 3, day: 2)
        XCTAssertEqual(parse("set today 02.03.2026")?[Keys.SetToday.datum], expected)
        XCTAssertEqual(parse("set today 2.3.2026")?[Keys.SetToday.datum], expected)
        XCTAssertEqual(parse("set today 2026-03-02")?[Keys.SetToday.datum], expected)
    }

    func testInvalidDates() {
        for bad in ["31.02.2026", "29.02.2025", "00.01.2026", "32.01.2026", "01.13.2026", "2026-3-2", "02.03.26",
                    "+2.03.2026", "2026-02-30", "heute", "02.03.2026x", "02/03/2026", "０２.03.2026"] {
            XCTAssertEqual(error("set today \(bad)"), .invalidDate(word: bad), bad)
        }
        XCTAssertEqual(parse("set today 29.02.2024")?[Keys.SetToday.datum], Day(year: 2024, month: 2, day: 29))
    }

    func testDayPrintsGermanAndISO() {
        let day = Day(year: 2026, month: 3, day: 2)!
        XCTAssertEqual(day.description, "02.03.2026")
        XCTAssertEqual(day.iso, "2026-03-02")
        XCTAssertEqual(day.weekday, 1)
        XCTAssertEqual(Day(parsing: day.iso), day)
        XCTAssertEqual(Day(parsing: day.description), day)
    }

    // MARK: every LanguageError

    func testUnterminatedQuote() {
        XCTAssertEqual(error(#"new auftrag IK-1 typ=ba titel="offen"#), .unterminatedQuote(column: 31))
    }

    func testControlCharacter() {
        XCTAssertEqual(error("list\u{8} auftraege"), .controlCharacter(column: 5))
    }

    func testUnknownCommandWithSuggestion() {
        XCTAssertEqual(error("lsit auftraege"), .unknownCommand("lsit", suggestion: "list"))
        XCTAssertEqual(error("hlep"), .unknownCommand("hlep", suggestion: "help"))
        XCTAssertEqual(error("mandnat"), .unknownCommand("mandnat", suggestion: "mandant"))
        XCTAssertEqual(error("qiut"), .unknownCommand("qiut", suggestion: "quit"))
        XCTAssertEqual(error("SHWO"), .unknownCommand("SHWO", suggestion: "show"))
    }

    func testUnknownCommandWithoutSuggestion() {
        XCTAssertEqual(error("kursbeginn"), .unknownCommand("kursbeginn", suggestion: nil))
        XCTAssertEqual(error("x"), .unknownCommand("x", suggestion: nil))
    }

    func testUnknownCommandInQuotesOrAsKey() {
        XCTAssertEqual(error(#""list" auftraege"#), .unknownCommand("list", suggestion: nil))
        XCTAssertEqual(error("typ=ba"), .unknownCommand("typ=ba", suggestion: nil))
    }

    func testUnknownSubcommand() {
        let expected = ["auftraege", "kursorte", "lehrkraefte", "teilnehmer"]
        XCTAssertEqual(error("list auftrage"),
                       .unknownSubcommand("auftrage", command: "list", expected: expected, suggestion: "auftraege"))
        XCTAssertEqual(error("list kursort"),
                       .unknownSubcommand("kursort", command: "list", expected: expected, suggestion: "kursorte"))
        XCTAssertEqual(error("list lehrer"),
                       .unknownSubcommand("lehrer", command: "list", expected: expected, suggestion: nil))
        XCTAssertEqual(error("new auftrg IK-1"),
                       .unknownSubcommand("auftrg", command: "new", expected: ["auftrag"], suggestion: "auftrag"))
    }

    func testIncompleteCommand() {
        XCTAssertEqual(error("list"), .incompleteCommand("list", expected: ["auftraege", "kursorte", "lehrkraefte", "teilnehmer"]))
        XCTAssertEqual(error("NEW"), .incompleteCommand("new", expected: ["auftrag"]))
        XCTAssertEqual(error("set"), .incompleteCommand("set", expected: ["today", "format", "bail", "echo", "timer", "tn-nummer"]))
    }

    func testUnexpectedArgument() {
        XCTAssertEqual(error("new auftrag IK-1 typ=ba zuviel"), .unexpectedArgument("zuviel", usage: newAuftragUsage))
        XCTAssertEqual(error("list auftraege alle"),
                       .unexpectedArgument("alle", usage: CommandTable.spec(.domain(.listAuftraege)).usage))
        XCTAssertEqual(error("exit jetzt"), .unexpectedArgument("jetzt", usage: "exit"))
    }

    func testMissingArgument() {
        XCTAssertEqual(error("new auftrag typ=ba"), .missingArgument("NR", usage: newAuftragUsage))
        XCTAssertEqual(error("open auftrag"), .missingArgument("NR", usage: "open auftrag NR"))
        XCTAssertEqual(error("run"), .missingArgument("DATEI", usage: "run DATEI"))
        XCTAssertEqual(error("set today"), .missingArgument("DATUM", usage: "set today DATUM"))
    }

    func testUnknownKeyWithAndWithoutSuggestion() {
        XCTAssertEqual(error(#"new auftrag IK-1 typ=ba titl="x""#),
                       .unknownKey("titl", command: "new auftrag", suggestion: "titel", usage: newAuftragUsage))
        XCTAssertEqual(error("new auftrag IK-1 tpy=ba"),
                       .unknownKey("tpy", command: "new auftrag", suggestion: "typ", usage: newAuftragUsage))
        XCTAssertEqual(error("new auftrag IK-1 typ=ba farbe=rot"),
                       .unknownKey("farbe", command: "new auftrag", suggestion: nil, usage: newAuftragUsage))
        let mandant = CommandTable.spec(.domain(.mandant)).usage
        XCTAssertEqual(error("mandant traegernumer=TR-1"),
                       .unknownKey("traegernumer", command: "mandant", suggestion: "traegernummer", usage: mandant))
        XCTAssertEqual(error("list kursorte typ=ba"),
                       .unknownKey("typ", command: "list kursorte", suggestion: nil, usage: "list kursorte"))
    }

    func testDuplicateKey() {
        XCTAssertEqual(error("new auftrag IK-1 typ=ba typ=ba"), .duplicateKey("typ"))
        XCTAssertEqual(error("mandant trägernummer=A TRAEGERNUMMER=B"), .duplicateKey("traegernummer"))
    }

    func testMissingKey() {
        XCTAssertEqual(error("new auftrag IK-1"), .missingKey("typ", usage: newAuftragUsage))
        XCTAssertEqual(error("edit auftrag IK-1"), .missingKey("titel", usage: CommandTable.spec(.domain(.editAuftrag)).usage))
    }

    func testEmptyValue() {
        XCTAssertEqual(error("new auftrag IK-1 typ="), .emptyValue(key: "typ"))
        XCTAssertEqual(error(#"edit auftrag IK-1 titel="""#), .emptyValue(key: "titel"))
    }

    func testInvalidDate() {
        XCTAssertEqual(error("set today 31.02.2026"), .invalidDate(word: "31.02.2026"))
    }

    func testInvalidNumber() {
        // An option is shown with its key, an argument as it is.
        XCTAssertEqual(error("kursdaten max=abc"), .invalidNumber(word: "max=abc", range: 1...999))
        XCTAssertEqual(error("kursdaten max=1000"), .invalidNumber(word: "max=1000", range: 1...999))
        XCTAssertEqual(error("anmeldungen 0"), .invalidNumber(word: "0", range: 1...Int(Int32.max)))
        XCTAssertEqual(parse("kursdaten max=999")?[Keys.Kursdaten.max], 999)
    }

    func testInvalidChoice() {
        XCTAssertEqual(error("new auftrag IK-1 typ=kurs"),
                       .invalidChoice(word: "typ=kurs", allowed: ["integrationskurs", "sprachtest", "ba", "sonstiges"]))
        XCTAssertEqual(error("set format xml"), .invalidChoice(word: "xml", allowed: ["table", "csv", "json"]))
        XCTAssertEqual(error("set bail vielleicht"), .invalidYesNo(word: "vielleicht"))
    }

    func testInvalidIdentifier() {
        XCTAssertEqual(error("new auftrag IK_1 typ=ba"), .invalidIdentifier(word: "IK_1"))
        XCTAssertEqual(error("add kursort KÖ-1"), .invalidIdentifier(word: "KÖ-1"))
        XCTAssertEqual(error(#"add kursort "KO 1""#), .invalidIdentifier(word: "KO 1"))
        let long = String(repeating: "A", count: 21)
        XCTAssertEqual(error("new auftrag \(long) typ=ba"), .invalidIdentifier(word: long))
        XCTAssertEqual(error("mandant traegernummer=TR.1"), .invalidIdentifier(word: "traegernummer=TR.1"))
        XCTAssertEqual(parse("new auftrag \(String(repeating: "A", count: 20)) typ=ba")?.name, .domain(.newAuftrag))
        XCTAssertEqual(parse("new auftrag 2026/IK-1 typ=ba")?[Keys.NewAuftrag.nummer], "2026/IK-1")
    }

    func testInvalidYesNo() {
        XCTAssertEqual(error("mandant testumgebung=vielleicht"), .invalidYesNo(word: "testumgebung=vielleicht"))
    }

    // MARK: suggestions

    func testSuggestionsStayWithinATypo() {
        XCTAssertEqual(Keyword.suggest("lsit", among: ["list", "help"]), "list")
        XCTAssertEqual(Keyword.suggest("LIST", among: ["list"]), "list")
        XCTAssertEqual(Keyword.suggest("aufträge", among: ["auftraege", "kursorte"]), "auftraege")
        XCTAssertNil(Keyword.suggest("zzzz", among: ["list", "help"]))
        XCTAssertEqual(Keyword.suggest("mand", among: ["mandant", "list"]), "mandant", "ein Anfang von mindestens 3 Zeichen")
        XCTAssertNil(Keyword.suggest("ma", among: ["mandant"]))
    }

    func testDistanceCountsASwapAsOneEdit() {
        XCTAssertEqual(Keyword.distance("lsit", "list"), 1)
        XCTAssertEqual(Keyword.distance("list", "list"), 0)
        XCTAssertEqual(Keyword.distance("", "abc"), 3)
        XCTAssertEqual(Keyword.distance("kitten", "sitting"), 3)
    }
}
