// The command table is the single source for parsing, help and completion: every entry must hold up.

import Glibc
import XCTest
@testable import KBMCore
@testable import KBMModel
@testable import KBMLanguage
@testable import KBMDomain
@testable import KBMRender

final class CommandTableTests: XCTestCase {
    func testEveryExampleParsesToItsOwnCommand() throws {
        for spec in CommandTable.all {
            let parsed = try XCTUnwrap(try Parser.parse(spec.example), spec.example)
            XCTAssertEqual(parsed.name, spec.name, "Beispiel von \(spec.phrase): \(spec.example)")
        }
    }

    func testEveryCommandHasGermanHelp() throws {
        for spec in CommandTable.all {
            XCTAssertFalse(spec.summary.isEmpty, spec.phrase)
            let page = try HelpText.render(topic: spec.phrase)
            XCTAssertTrue(page.contains("Aufruf:   \(spec.usage)"), page)
            XCTAssertTrue(page.contains("Beispiel: \(spec.example)"), page)
        }
    }

    /// The Parser compares typed words with the table's words, keys and choices as bytes and normalises a word
    /// only when it differs; that finds every spelling only while the table's own spellings are normalised.
    func testTheTableSpellsEveryKeywordNormalised() {
        for spec in CommandTable.all {
            for word in spec.words { XCTAssertEqual(Keyword.normalize(word), word, spec.phrase) }
            for option in spec.options { XCTAssertEqual(Keyword.normalize(option.name), option.name, spec.phrase) }
            for case .choice(let values) in spec.arguments.map(\.kind) + spec.options.map(\.kind) {
                for value in values { XCTAssertEqual(Keyword.normalize(value), value, spec.phrase) }
            }
        }
    }

    /// A replayed history or recording must not write files where it is run: a command with a file value is
    /// never replayed as it was, and one that writes only when it names a file has a file argument to name.
    func testEveryCommandWithAFileSaysHowAReplayTreatsIt() {
        for spec in CommandTable.all {
            let files = (spec.arguments + spec.options).filter { $0.kind == .file }
            if !files.isEmpty { XCTAssertNotEqual(spec.replay, .replayed, spec.phrase) }
            if spec.replay == .commentedOut(always: false) { XCTAssertTrue(spec.arguments.contains { $0.kind == .file }, spec.phrase) }
        }
    }

    /// Values that are personal data under the names the anonymiser knows them by.
    func testPersonalDataIsMarkedInTheTable() {
        let personal: [String: PersonalData] = ["vorname": .name, "nachname": .name, "geboren": .geboren,
                                                "strasse": .strasse, "plz": .plz, "ort": .ort]
        for spec in CommandTable.all {
            for value in spec.arguments + spec.options {
                if let expected = personal[value.name] { XCTAssertEqual(value.personal, expected, "\(spec.phrase) \(value.name)") }
                if value.name == "az" { XCTAssertNotEqual(value.personal, .notPersonal, spec.phrase) }
            }
        }
    }

    func testPhrasesAreUnique() {
        let phrases = CommandTable.all.map(\.phrase)
        XCTAssertEqual(Set(phrases).count, phrases.count)
    }

    /// The README's command reference must name every command a user can type.
    func testReadmeDocumentsEveryCommand() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for spec in CommandTable.all {
            let documented = readme.contains("`" + spec.phrase)
            XCTAssertTrue(documented, "README erwähnt „\(spec.phrase)“ nicht")
        }
    }

    func testCompletionOffersCommandsKeysValuesAndIds() throws {
        var session = Session(today: Clock.today())
        _ = try Interpreter.execute(try XCTUnwrap(try Parser.parse("new auftrag IK-1 typ=integrationskurs")), on: &session)
        _ = try Interpreter.execute(try XCTUnwrap(try Parser.parse("add teilnehmer vorname=Ana nachname=Lima geboren=01.02.1990")), on: &session)
        XCTAssertEqual(Completer.complete("ne", session: session).candidates, ["new"])
        XCTAssertEqual(Completer.complete("list a", session: session).candidates, ["auftraege"])
        XCTAssertEqual(Completer.complete("new auftrag X ty", session: session).candidates, ["typ="])
        XCTAssertEqual(Completer.complete("new auftrag X typ=int", session: session).candidates, ["typ=integrationskurs"])
        XCTAssertEqual(Completer.complete("open auftrag I", session: session).candidates, ["IK-1"])
        XCTAssertEqual(Completer.complete("book ", session: session).candidates.first, "T1")
        XCTAssertTrue(Completer.complete("kursdaten ", session: session).candidates.contains("kursart="))
        XCTAssertTrue(Completer.complete("kursdaten kursart=f", session: session).candidates == ["kursart=foerder", "kursart=frauen"])
    }

    /// Issue 12, point 20: a Tn by each of its references, the values of abschnitt= and tage=, file names.
    func testCompletionOfTnNamesAbschnitteTageAndFiles() throws {
        var session = Session(today: Clock.today())
        for line in ["new auftrag IK-1 typ=integrationskurs",
                     "add teilnehmer vorname=Ana nachname=Lima geboren=01.02.1990 az=AZ-77",
                     "add teilnehmer vorname=\"Ana Maria\" nachname=Lopes geboren=01.02.1990"] {
            _ = try Interpreter.execute(try XCTUnwrap(try Parser.parse(line)), on: &session)
        }
        XCTAssertEqual(Completer.complete("book Li", session: session).candidates, ["Lima,Ana"])
        XCTAssertEqual(Completer.complete("status AZ", session: session).candidates, ["AZ-77"])
        XCTAssertEqual(Completer.complete("book \"Lo", session: session).candidates, ["\"Lopes,Ana Maria\""])
        XCTAssertEqual(Completer.complete("kursdaten kursart=allgemein abschnitt=basis", session: session).candidates,
                       ["abschnitt=basis1", "abschnitt=basis2", "abschnitt=basis3"])
        XCTAssertTrue(Completer.complete("book T1 abschnitt=", session: session).candidates.contains("abschnitt=orientierung"))
        XCTAssertEqual(Completer.complete("kursdaten tage=mo,d", session: session).candidates, ["tage=mo,di", "tage=mo,do"])

        let directory = "/tmp/kbm-complete-\(getpid())"
        mkdir(directory, 0o700)
        mkdir(directory + "/skripte", 0o700)
        defer { _ = system("rm -rf '\(directory)'") }
        for name in ["demo.kbm", "dump.kbm", ".versteckt"] {
            let fd = open(directory + "/" + name, O_CREAT | O_WRONLY, 0o600); close(fd)
        }
        for command in ["run", "once", "output", "record", "save", "dump"] {
            XCTAssertEqual(Completer.complete("\(command) \(directory)/d", session: session).candidates,
                           ["\(directory)/demo.kbm", "\(directory)/dump.kbm"], command)
        }
        XCTAssertEqual(Completer.complete("run \(directory)/s", session: session).candidates, ["\(directory)/skripte/"])
        XCTAssertEqual(Completer.complete("run \(directory)/.v", session: session).candidates, ["\(directory)/.versteckt"])
    }
}

final class HelpOverviewTests: XCTestCase {
    /// A section without a command would print a title over nothing.
    func testEverySectionHoldsACommand() {
        for section in CommandSpec.Section.allCases {
            XCTAssertTrue(CommandTable.all.contains { $0.section == section }, HelpText.title(section))
        }
    }
}
