// The shell running scripts in-process: expectations, recording, the command log, faults of the simulated BAMF.

import XCTest
@testable import KBMCore
@testable import KBMModel

final class ShellScriptTests: XCTestCase {
    /// Runs a script on a fresh in-memory session and returns the shell, the result and everything printed.
    func run(_ script: String, shell existing: Shell? = nil) -> (Shell, Shell.RunResult, String) {
        let sink = BufferSink()
        let shell = existing ?? Shell(session: Session(today: Clock.today()), store: nil, sink: sink)
        let before = (shell.sink as? BufferSink)?.text.count ?? 0
        let source = ByteLineSource(name: "t.kbm", directory: ".", bytes: Array(script.utf8))
        let result = shell.run(source, asUnit: true)
        let text = (shell.sink as? BufferSink)?.text ?? ""
        return (shell, result, String(text.dropFirst(before)))
    }

    static let kurs = """
        set today 02.03.2026
        mandant traegernummer=TR-4711
        add kursort KO-1
        new auftrag IK-1 typ=integrationskurs
        kursdaten kursart=allgemein abschnitt=basis2 beginn=02.03.2026 kursort=KO-1
        add lehrkraft vorname=Anna nachname=Berger kennung=LK-1
        add teilnehmer vorname=Ana nachname=Lima geboren=01.02.1990 az=AZ-1
        book T1 kostentraeger=bamf status=aktiv
        admit T1 verfahren=erst
        plan

        """

    /// Lines are checked as ASCII eight bytes at a time; a byte above 0x7F anywhere, in a word or in the rest,
    /// sends the line through full UTF-8 validation: umlauts pass, a lone continuation byte is refused.
    func testEveryByteOfALineIsCheckedWhateverItsPosition() {
        for length in 1...20 {
            for position in 0..<length {
                var invalid = Array(repeating: UInt8(ascii: "a"), count: length)
                invalid[position] = 0x80
                var umlaut = Array(repeating: UInt8(ascii: "a"), count: length)
                umlaut.replaceSubrange(position..<position + 1, with: Array("ü".utf8))
                let source = ByteLineSource(name: "t.kbm", directory: ".", bytes: invalid + [0x0A] + umlaut + [0x0A])
                guard case .invalid(.invalidUTF8) = source.readLine(prompt: "") else {
                    return XCTFail("0x80 an Stelle \(position) von \(length) nicht erkannt")
                }
                guard case .line(let text) = source.readLine(prompt: "") else { return XCTFail("Umlaut an Stelle \(position)") }
                XCTAssertEqual(Array(text.utf8), umlaut)
            }
        }
    }

    func testExpectedFailureDoesNotStopTheScript() {
        let (_, result, text) = run(Self.kurs + """
            melden
            expect fehler "Lehrkraft"
            assign LK-1
            melden
            expect ok
            expect kursnummer
            expect anzahl anmeldungen=4 teilnehmer=1 auftraege=1 lehrkraefte=1
            """)
        XCTAssertEqual(result, .completed(failures: 0), text)
        XCTAssertTrue(text.contains("BAMF-Kursnummer: BK2026-000001"), text)
    }

    func testUnexpectedFailureStopsAtItsLine() {
        let (shell, result, text) = run(Self.kurs + """
            melden
            assign LK-1
            """)
        XCTAssertEqual(result, .stopped)
        XCTAssertTrue(text.contains("t.kbm:11: Fehler: Das BAMF hat die Kursbeginnmeldung abgelehnt"), text)
        XCTAssertEqual(shell.session.auftraege["IK-1"]?.zustaendigkeiten, [], "the line after the failure never ran")
    }

    func testFailedExpectationShowsExpectedAndActual() {
        let (_, result, text) = run(Self.kurs + """
            expect anzahl teilnehmer=3
            expect ok
            """)
        XCTAssertEqual(result, .stopped)
        XCTAssertTrue(text.contains("t.kbm:11: Fehler: Erwartung nicht erfüllt.\n  erwartet: teilnehmer=3\n  erhalten: teilnehmer=1"), text)
    }

    func testExpectWarnungAusgabeAndKeineKursnummer() {
        let (_, result, text) = run(Self.kurs + """
            check
            expect warnung "R8"
            expect ausgabe "Prüfung: 0 Fehler, 1 Warnung."
            expect keine-kursnummer
            expect fehler
            """)
        XCTAssertEqual(result, .stopped, text)
        XCTAssertTrue(text.contains("t.kbm:15: Fehler: Erwartung nicht erfüllt.\n  erwartet: ein Fehler\n  erhalten: Erfolg"), text)
    }

    func testExpectFehlerWithWrongTextFails() {
        let (_, result, text) = run("add teilnehmer vorname=A1 nachname=B geboren=01.01.2000\nexpect fehler \"Aktenzeichen\"\n")
        XCTAssertEqual(result, .stopped)
        XCTAssertTrue(text.contains("erwartet: ein Fehler mit „Aktenzeichen“"), text)
    }

    func testOfflineChangesNothingAndARepeatWorks() {
        let (shell, result, text) = run(Self.kurs + """
            assign LK-1
            bamf offline on
            melden
            expect fehler "nicht erreicht"
            expect keine-kursnummer
            bamf offline off
            melden
            expect kursnummer
            """)
        XCTAssertEqual(result, .completed(failures: 0), text)
        XCTAssertTrue(text.contains("Übertragungsfehler 9001"), text)
        XCTAssertEqual(shell.session.anmeldungen.map(\.ergebnis.rawValue).suffix(2), ["nicht zugestellt", "erfolgreich"])
    }

    /// The shell waits out the BAMF's delay of a message it sends, and only then: a command that sends nothing is not slowed.
    func testShellWaitsOutTheDelayOfEachMessage() {
        let (shell, _, _) = run(Self.kurs + "bamf verzoegerung 300\n")
        for (line, sends) in [("list teilnehmer", false), ("plan", true)] {
            let started = Clock.monotonicNanoseconds()
            let (_, result, text) = run(line, shell: shell)
            let waited = Clock.monotonicNanoseconds() - started >= 300_000_000
            XCTAssertEqual(result, .completed(failures: 0), text)
            XCTAssertEqual(waited, sends, line)
        }
    }

    func testInjectedStoerungRejectsOnlyTheNextMessageOfItsType() {
        let (shell, result, text) = run(Self.kurs + """
            assign LK-1
            bamf stoerung kursbeginnmeldung fehler=1042
            melden
            expect fehler
            melden
            expect kursnummer
            """)
        XCTAssertEqual(result, .completed(failures: 0), text)
        XCTAssertTrue(text.contains("BAMF-Fehler 1042"), text)
        XCTAssertTrue(shell.session.bamf.stoerungen.isEmpty)
    }

    func testStatusNeverReturnsToWartetOnceAktiv() {
        let (_, result, text) = run(Self.kurs + """
            status T1 unterbrochen
            status T1 wartet
            expect fehler "war bereits aktiv"
            """)
        XCTAssertEqual(result, .completed(failures: 0), text)
    }

    func testNewAktenzeichenNeedsNewZulassung() {
        let (shell, result, text) = run(Self.kurs + """
            assign LK-1
            edit teilnehmer T1 az=AZ-2
            check
            expect warnung "nicht zugelassen"
            """)
        XCTAssertEqual(result, .completed(failures: 0), text)
        XCTAssertNil(shell.session.teilnehmer["T1"]?.zulassung)
    }

    func testRecordingReplaysToTheSameState() throws {
        let dir = NSTemporaryDirectory() + "kbm-record-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        let path = dir + "/aufnahme.kbm"
        let (shell, _, _) = run("set today 02.03.2026\nrecord \(path)\n")
        _ = run(Self.kurs + "assign LK-1\nmelden\nbook T9 kostentraeger=bamf\nrecord stop\nlist auftraege\n", shell: shell)
        let recorded = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(recorded.hasPrefix("# kbm-Aufzeichnung vom "), recorded)
        // A failed command is recorded with the failure its replay must meet.
        XCTAssertTrue(recorded.contains("book T9 kostentraeger=bamf\nexpect fehler \""), recorded)
        XCTAssertFalse(recorded.contains("list auftraege"), "nothing after record stop")
        let (replayed, result, text) = run(recorded)
        XCTAssertEqual(result, .completed(failures: 0), text)
        XCTAssertEqual(replayed.session, shell.session)
    }

    func testVerlaufExportReplaysTheCustomersStepsIncludingFailures() throws {
        let dir = NSTemporaryDirectory() + "kbm-verlauf-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        let (shell, _, _) = run(Self.kurs + "set bail off\nmelden\nassign LK-1\nmelden\n")
        _ = run("verlauf --export \(dir)/fall.kbm\n", shell: shell)
        let exported = try String(contentsOfFile: dir + "/fall.kbm", encoding: .utf8)
        XCTAssertTrue(exported.contains("melden\nexpect fehler \"BAMF-Fehler 1042\"\n"), exported)
        let (replayed, result, text) = run(exported)
        XCTAssertEqual(result, .completed(failures: 0), text)
        XCTAssertEqual(replayed.session.auftraege, shell.session.auftraege)
        XCTAssertEqual(replayed.session.anmeldungen.map(\.ergebnis), shell.session.anmeldungen.map(\.ergebnis))
    }

    func testVerlaufListsLinesWithOutcome() {
        let (shell, _, _) = run("set bail off\nlist auftraege\nmeldn\n")
        let (_, _, text) = run("verlauf 2\n", shell: shell)
        XCTAssertTrue(text.contains("ok        list auftraege"), text)
        // A line that is no command is logged as such, without its text: it could be any file's line.
        XCTAssertTrue(text.contains("fehler    \(Shell.refusedLine)"), text)
        XCTAssertFalse(text.contains("meldn"), text)
        XCTAssertFalse(text.contains("set bail off"), text)
    }

    func testEchoPrintsNarrationAndPauseDoesNotWaitInABatchRun() {
        let (_, result, text) = run("echo Jetzt geht es los.\npause Fragen?\n")
        XCTAssertEqual(result, .completed(failures: 0))
        XCTAssertEqual(text, "Jetzt geht es los.\n")
    }

    func testStepModeShowsNarrationThenTheCommandAndQuitsOnQ() {
        let sink = BufferSink()
        let shell = Shell(session: Session(today: Clock.today()), store: nil, sink: sink)
        var answers = ["", "q"]
        var asked: [String] = []
        let script = ByteLineSource(name: "s.kbm", directory: ".", bytes: Array("# Erst die Uhr.\nset today 02.03.2026\n\n# Dann der Mandant.\nmandant traegernummer=TR-1\nlist auftraege\n".utf8))
        let step = StepSource(script: script, sink: sink) { question in
            asked.append(question)
            return answers.isEmpty ? nil : answers.removeFirst()
        }
        XCTAssertEqual(shell.run(step, asUnit: true), .completed(failures: 0))
        XCTAssertEqual(sink.text, "\n  Erst die Uhr.\n\nkbm> set today 02.03.2026\nHeute ist für diese Sitzung der 02.03.2026 (Montag).\n\n  Dann der Mandant.\n\nkbm> mandant traegernummer=TR-1\n")
        XCTAssertEqual(asked.count, 2)
        XCTAssertNil(shell.session.mandant.traegernummer, "q ends before the command runs")
    }

    /// Issue 12, point 18: an expectation runs with the command it checks, not as a step of its own.
    func testStepModeRunsExpectationsWithTheirCommand() {
        let sink = BufferSink()
        let shell = Shell(session: Session(today: Clock.today()), store: nil, sink: sink)
        var asked = 0
        let script = ByteLineSource(name: "s.kbm", directory: ".", bytes: Array("set today 02.03.2026\nexpect ok\nexpect ausgabe \"Montag\"\nbogus\nexpect fehler \"Unbekannter Befehl\"\n".utf8))
        let step = StepSource(script: script, sink: sink) { _ in asked += 1; return "" }
        XCTAssertEqual(shell.run(step, asUnit: true), .completed(failures: 0), sink.text)
        XCTAssertEqual(asked, 2, "one step each for set today and bogus")
        XCTAssertFalse(sink.text.contains("kbm> expect"), sink.text)
    }

    /// Issue 12, points 6 and 19: a terminal gets output fitted to its width; `expect ausgabe` judges the output
    /// itself, so a script checks the same on any terminal as through a pipe.
    func testATerminalGetsFittedOutputWhileExpectationsSeeItWhole() {
        let sink = BufferSink()
        let shell = Shell(session: Session(today: Clock.today()), store: nil, sink: sink)
        shell.terminalWidth = { _ in 40 }
        let (_, result, text) = run("help verlauf --export\nexpect ausgabe \"das Nachspielen schreibt keine Datei. Die Datei erscheint erst vollständig.\"\n", shell: shell)
        XCTAssertEqual(result, .completed(failures: 0), text)
        for line in text.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 40, String(line)) }
        let (_, _, dumped) = run("new auftrag IK-1 typ=sonstiges titel=\"\(String(repeating: "Titel ", count: 10))\"\ndump\n", shell: shell)
        XCTAssertTrue(dumped.contains("titel=\"\(String(repeating: "Titel ", count: 10))\""), "a dump's lines stay whole: \(dumped)")
        let (_, _, piped) = run("help verlauf --export\n")
        XCTAssertTrue(piped.split(separator: "\n").contains { $0.count > 40 }, "without a width nothing is wrapped")
    }
}

final class ReportTests: XCTestCase {
    func run(_ script: String) -> (Shell, String) {
        let sink = BufferSink()
        let shell = Shell(session: Session(today: Clock.today()), store: nil, sink: sink)
        _ = shell.run(ByteLineSource(name: "t.kbm", directory: ".", bytes: Array(script.utf8)), asUnit: true)
        return (shell, sink.text)
    }

    static let setup = ShellScriptTests.kurs + """
        add teilnehmer vorname=Eva nachname=Roth geboren=03.04.1980
        book T2 kostentraeger=selbstzahler
        new auftrag ST-1 typ=sprachtest
        open auftrag IK-1

        """

    func testReportHasOneRowPerAuftragWithFindings() {
        let (_, text) = run(Self.setup + "set format csv\nreport\n")
        XCTAssertTrue(text.contains("IK-1,Integrationskurs,Allgemeiner Integrationskurs,02.03.2026,2,1,gemeldet,nicht gemeldet,,Warnung R8\n"), text)
        XCTAssertTrue(text.contains("ST-1,Sprachtest,,,,,,,,\n"), text)
    }

    func testListFilters() {
        let (_, text) = run(Self.setup + "set format csv\nlist teilnehmer kostentraeger=selbstzahler\nlist auftraege typ=sprachtest\n")
        XCTAssertTrue(text.contains("T2,\"Roth, Eva\""), text)
        XCTAssertFalse(text.contains("T1,\"Lima, Ana\""), text)
        XCTAssertTrue(text.contains("Nummer,Typ,Titel,BAMF-Kursnummer\nST-1,Sprachtest,,\n"), text)
    }

    /// Without an open Auftrag the list is of persons: a filter of a booking is refused, not silently ignored.
    func testListTeilnehmerWithoutAuftragRefusesBookingFilters() {
        for filter in ["kostentraeger=selbstzahler", "status=aktiv", "a=nein"] {
            let (_, text) = run(Self.setup + "set bail off\nclose auftrag\nlist teilnehmer \(filter)\n")
            XCTAssertTrue(text.contains("Fehler: \(filter.prefix { $0 != "=" })= gilt für die Teilnahmen eines Auftrags, und kein Auftrag ist geöffnet"), text)
            XCTAssertFalse(text.contains("Tn-Nr  Nachname"), "\(filter): \(text)")
        }
        let (_, text) = run(Self.setup + "close auftrag\nset format csv\nlist teilnehmer zugelassen=nein\n")
        XCTAssertTrue(text.contains("T2,Roth,Eva"), text)
        XCTAssertFalse(text.contains("T1,Lima"), text)
    }

    func testSqlRunsQueriesOverTheViewsAndRefusesEverythingElse() {
        let (shell, text) = run(Self.setup + """
            set bail off
            set format json
            sql "SELECT tn, status, a_kennzeichen FROM teilnahmen ORDER BY tn"
            sql "DELETE FROM auftrag"
            sql "SELECT 1; DROP TABLE auftrag"
            sql "PRAGMA user_version = 9"
            """)
        XCTAssertTrue(text.contains("[{\"tn\":\"T1\",\"status\":\"aktiv\",\"a_kennzeichen\":1},\n {\"tn\":\"T2\",\"status\":\"wartet\",\"a_kennzeichen\":0}]"), text)
        XCTAssertEqual(text.components(separatedBy: "Abfrage abgewiesen").count - 1, 3, text)
        XCTAssertEqual(shell.session.auftraege.count, 2)
    }

    func testOnceSendsTheNextPrintingCommandToAFileAndOutputAllOfIt() throws {
        let dir = NSTemporaryDirectory() + "kbm-output-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let (_, text) = run(Self.setup + """
            once \(dir)/a.csv
            set format csv
            list auftraege
            list kursorte
            output \(dir)/b.txt
            list kursorte
            report
            output
            list lehrkraefte
            """)
        XCTAssertEqual(try String(contentsOfFile: dir + "/a.csv", encoding: .utf8), "Nummer,Typ,Titel,BAMF-Kursnummer\nIK-1,Integrationskurs,,\nST-1,Sprachtest,,\n")
        let b = try String(contentsOfFile: dir + "/b.txt", encoding: .utf8)
        XCTAssertTrue(b.hasPrefix("Kursortkennung,Name\nKO-1,\nAuftrag,Typ"), b)
        XCTAssertTrue(text.contains("Kursortkennung,Name\nKO-1,\n"), "the second list kursorte went to the screen")
        XCTAssertTrue(text.contains("Kennung,Vorname,Nachname"), "after output without a file, the screen again")
        XCTAssertFalse(text.contains("IK-1,Integrationskurs,,\n"), text)
    }
}

final class VerlaufAnonymTests: XCTestCase {
    func testAnonymisedExportReplaysWithTheSameOutcomesAndNoOriginalValue() throws {
        let dir = NSTemporaryDirectory() + "kbm-anon-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        let sink = BufferSink()
        let shell = Shell(session: Session(today: Clock.today()), store: nil, sink: sink)
        let script = ShellScriptTests.kurs + """
            set bail off
            meldn Lima
            melden
            edit teilnehmer T1 geboren=02.02.1990
            assign LK-1
            melden
            add teilnehmer vorname=Zoë2 nachname=Quast geboren=09.09.1999
            verlauf --export \(dir)/fall.kbm --anonym

            """
        _ = shell.run(ByteLineSource(name: "t.kbm", directory: ".", bytes: Array(script.utf8)), asUnit: true)
        let exported = try String(contentsOfFile: dir + "/fall.kbm", encoding: .utf8)
        for original in ["Lima", "Ana", "AZ-1", "01.02.1990", "02.02.1990", "Berger", "Anna", "LK-1 ", "Zoë2", "Quast", "09.09.1999"] {
            XCTAssertFalse(exported.contains(original), "„\(original)“ steht noch im Export:\n\(exported)")
        }
        // A failure is checked by its BAMF number; a message naming a person cannot be quoted and is checked bare.
        XCTAssertTrue(exported.contains("melden\nexpect fehler \"BAMF-Fehler 1021\"\n"), exported)
        XCTAssertTrue(exported.contains("\nexpect fehler\n"), exported)
        // The invalid line never reached the log; the note standing in for it is no part of a replay.
        XCTAssertFalse(exported.contains(Shell.refusedLine), exported)
        let replaySink = BufferSink()
        let replay = Shell(session: Session(today: Clock.today()), store: nil, sink: replaySink)
        let result = replay.run(ByteLineSource(name: "fall.kbm", directory: ".", bytes: Array(exported.utf8)), asUnit: true)
        XCTAssertEqual(result, .completed(failures: 0), replaySink.text)
        // The same messages with the same BAMF answers: the first melden fails with 1042, the second with 1021.
        XCTAssertEqual(replay.session.anmeldungen.map(\.meldungen).map { $0.map { String($0.prefix(16)) } },
                       shell.session.anmeldungen.map(\.meldungen).map { $0.map { String($0.prefix(16)) } })
    }
}
