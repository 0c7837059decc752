// dump → run on a fresh session → dump again: the same text byte for byte, and an equal Session.

import Glibc
import XCTest
@testable import KBMCore
@testable import KBMModel
@testable import KBMLanguage
@testable import KBMDomain
@testable import KBMPersistence
@testable import KBMRender

final class DumpTests: XCTestCase {
    static let root: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// Runs a script on a fresh session, as `kbm FILE.kbm` does; fails the test on any failing command.
    static func replay(_ script: String, file: StaticString = #filePath, line: UInt = #line) -> Session {
        let sink = BufferSink()
        let shell = Shell(session: Session(today: Clock.today()), store: nil, sink: sink)
        let result = shell.run(ByteLineSource(name: "dump.kbm", directory: ".", bytes: Array(script.utf8)), asUnit: false)
        XCTAssertEqual(result, .completed(failures: 0), sink.text, file: file, line: line)
        return shell.session
    }

    static func beispiel() throws -> Session {
        let bytes = try XCTUnwrap(FileSystem.read(root + "/scripts/beispiel.kbm"))
        let shell = Shell(session: Session(today: Clock.today()), store: nil, sink: BufferSink())
        XCTAssertEqual(shell.run(ByteLineSource(name: "beispiel.kbm", directory: root + "/scripts", bytes: bytes), asUnit: false),
                       .completed(failures: 0))
        return shell.session
    }

    func assertRoundTrip(_ session: Session, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let dump = Dump.script(session)
        let restored = Self.replay(dump, file: file, line: line)
        XCTAssertEqual(restored, session, "\(label): die wiederhergestellte Sitzung weicht ab", file: file, line: line)
        let again = Dump.script(restored)
        XCTAssertEqual(again, dump, "\(label): der zweite Dump weicht ab", file: file, line: line)
    }

    func testStandardExampleRoundTrips() throws {
        let session = try Self.beispiel()
        XCTAssertEqual(session.anmeldungen.count, 5)
        assertRoundTrip(session, "beispiel.kbm")
    }

    func testGeneratedSessionsRoundTrip() {
        for (seed, session) in SessionGenerator.sessions {
            assertRoundTrip(session, "Seed \(seed)")
        }
    }

    /// The generated sessions really hold what the dump must carry, or the round trip proves little.
    func testGeneratedSessionsCoverTheHardParts() {
        let sessions = SessionGenerator.sessions.map(\.session)
        func some(_ what: String, _ predicate: (Session) -> Bool) {
            XCTAssertTrue(sessions.contains(where: predicate), "kein generierter Fall mit: \(what)")
        }
        some("Lücke in den Tn-Nrn") { s in
            s.teilnehmer.keys.enumerated().contains { $0.element != "T\($0.offset + 1)" }
                || s.naechsteTeilnehmerNummer != s.teilnehmer.count + 1
        }
        some("abgelehnter KBM") { $0.anmeldungen.contains { $0.typ == .kursbeginnmeldung && $0.ergebnis == .abgelehnt } }
        some("erfolgreicher KBM") { $0.auftraege.values.contains { $0.kbm.isGemeldet } }
        some("BAMF-Fehler 1021") { $0.anmeldungen.contains { $0.meldungen.contains { $0.contains("1021") } } }
        some("storniert") { $0.auftraege.values.contains { $0.kursplanung.state == .storniert } }
        some("aktualisiert") { $0.auftraege.values.contains { $0.kursplanung.state == .aktualisiert } }
        some("strict") { $0.bamf.modus == .strict }
        some("nicht zugestellt") { $0.anmeldungen.contains { $0.ergebnis == .nichtZugestellt } }
        some("validiert") { $0.anmeldungen.contains { $0.ergebnis == .validiert } || $0.mandant.nurValidieren }
        some("Störung offen") { !$0.bamf.stoerungen.isEmpty }
        some("kein geöffneter Auftrag") { $0.openAuftrag == nil && !$0.auftraege.isEmpty }
        some("Zeilenumbruch in einem Wert") { $0.auftraege.values.contains { $0.unterbrechungen.contains { $0.grund?.contains("\n") == true } } }
        some("Eintrittsabschnitt außerhalb der Kursart") { s in
            s.auftraege.values.contains { a in
                a.teilnahmen.values.contains { t in t.eintrittsabschnitt.map { !$0.isValid(in: a.kursdaten!.kursart!) } ?? false }
            }
        }
        some("A-Kennzeichen von Hand") { $0.auftraege.values.contains { $0.teilnahmen.values.contains { $0.anmelden != ($0.kostentraeger == .bamf) } } }
        some("mehrere Aufträge") { $0.auftraege.count >= 3 }
        some("war aktiv, jetzt nicht mehr") { $0.auftraege.values.contains { $0.teilnahmen.values.contains { $0.warAktiv && !$0.status.isCurrent } } }
        some("nie aktiv, jetzt beendet o. ä.") { $0.auftraege.values.contains { $0.teilnahmen.values.contains { !$0.warAktiv && !$0.status.isCurrent } } }
    }

    /// Restore commands are written to the session file like every other command.
    func testRestoredSessionSurvivesTheSessionFile() throws {
        let session = SessionGenerator.session(seed: 7)
        let path = "/tmp/kbm-dump-test-\(getpid()).db"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
        let (store, empty) = try SessionStore.open(path: path, today: Clock.today())
        let shell = Shell(session: empty, store: store, sink: BufferSink())
        let script = Dump.script(session)
        XCTAssertEqual(shell.run(ByteLineSource(name: "dump.kbm", directory: ".", bytes: Array(script.utf8)), asUnit: true),
                       .completed(failures: 0))
        XCTAssertEqual(try store.load(today: Clock.today()), session)
    }

    func testDumpCommandPrintsOrWritesANewPrivateFile() throws {
        let session = try Self.beispiel()
        let sink = BufferSink()
        let shell = Shell(session: session, store: nil, sink: sink)
        let path = "/tmp/kbm-dump-test-\(getpid()).kbm"
        unlink(path)
        defer { unlink(path) }
        func run(_ line: String) -> Shell.RunResult {
            shell.run(ByteLineSource(name: "t", directory: ".", bytes: Array(line.utf8)), asUnit: false)
        }
        XCTAssertEqual(run("dump"), .completed(failures: 0))
        XCTAssertEqual(sink.text, Dump.script(session))

        XCTAssertEqual(run("dump \(path)"), .completed(failures: 0))
        XCTAssertEqual(FileSystem.read(path).map { String(decoding: $0, as: UTF8.self) }, Dump.script(session))
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)

        let before = sink.text
        XCTAssertEqual(run("dump --anonym \(path)"), .stopped)
        XCTAssertTrue(sink.text.dropFirst(before.count).contains("gibt es schon; „dump --anonym“ überschreibt keine Datei."), sink.text)
        XCTAssertEqual(FileSystem.read(path).map { String(decoding: $0, as: UTF8.self) }, Dump.script(session))
    }

    func testDumpAnonymAndAFileCalledLikeTheOption() throws {
        XCTAssertEqual(try Parser.parse("dump --anonym")?.name, .shell(.dumpAnonym))
        XCTAssertEqual(try Parser.parse("dump --anonym x.kbm")?.name, .shell(.dumpAnonym))
        let quoted = try XCTUnwrap(try Parser.parse(ScriptLine(.shell(.dump)).argument("--anonym").text))
        XCTAssertEqual(quoted.name, .shell(.dump))
        XCTAssertEqual(quoted[Keys.Dump.datei], "--anonym")
        XCTAssertEqual(try Parser.parse("dump anonym")?[Keys.Dump.datei], "anonym")
    }

    func testEmptySessionDumpsToItsHeader() {
        let dump = Dump.script(Session(today: Clock.today()))
        XCTAssertTrue(dump.hasPrefix("# kbm-Sitzung als Skript"))
        XCTAssertEqual(Self.replay(dump), Session(today: Clock.today()))
    }

    // MARK: - The restore commands check their input

    private func failure(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) -> String {
        var session = Session(today: Clock.today())
        for text in lines.dropLast() {
            do { _ = try Interpreter.execute(try XCTUnwrap(try Parser.parse(text)), on: &session) } catch {
                XCTFail("\(text): \(Wording.message(error))", file: file, line: line)
            }
        }
        do {
            _ = try Interpreter.execute(try XCTUnwrap(try Parser.parse(lines.last!)), on: &session)
            XCTFail("\(lines.last!) gelang", file: file, line: line)
        } catch {
            return Wording.message(error)
        }
        return ""
    }

    func testTnNummernAreNeverReused() {
        let add = "add teilnehmer vorname=Ana nachname=Lima geboren=01.02.1990"
        XCTAssertTrue(failure([add, add, "remove teilnehmer T2", "\(add) nr=T2"]).contains("T2 wurde schon vergeben"))
        XCTAssertTrue(failure([add + " nr=T5", add + " nr=T3"]).contains("die nächste freie ist T6"))
        XCTAssertTrue(failure([add + " nr=T07"]).contains("keine Tn-Nr"))
        XCTAssertTrue(failure([add + " nr=T4", "set tn-nummer 3"]).contains("nicht auf 3 zurückgehen"))
        var session = Session(today: Clock.today())
        for text in [add + " nr=T4", add, "set tn-nummer 9", add] {
            XCTAssertNoThrow(try Interpreter.execute(try XCTUnwrap(try Parser.parse(text)), on: &session))
        }
        XCTAssertEqual(Array(session.teilnehmer.keys), ["T4", "T5", "T9"])
        XCTAssertEqual(session.naechsteTeilnehmerNummer, 10)
    }

    func testRestoreCommandsRefuseWhatCannotHaveHappened() {
        let ik = ["new auftrag IK-1 typ=integrationskurs"]
        XCTAssertTrue(failure(ik + ["restore kursplanung status=aktualisiert"]).contains("0 Aktualisierungen passen nicht"))
        XCTAssertTrue(failure(ik + ["restore kursplanung status=gemeldet", "restore geplant T1"]).contains("keine vergebene Tn-Nr"))
        XCTAssertTrue(failure(ik + ["restore geplant T1"]).contains("noch keine Kursplanung"))
        XCTAssertTrue(failure(ik + ["add teilnehmer vorname=Ana nachname=Lima geboren=01.02.1990", "restore kursplanung status=gemeldet",
                                    "restore geplant T1 az=AZ-1", "restore geplant T1"]).contains("oder doppelt genannt"))
        XCTAssertTrue(failure(ik + ["restore kursplanung status=gemeldet", "restore kursplanung status=storniert"])
            .contains("schon eingetragen"))
        XCTAssertTrue(failure(ik + ["restore kbm kursnummer=BK1", "restore kbm kursnummer=BK2"]).contains("bereits gemeldet"))
        XCTAssertTrue(failure(["new auftrag S-1 typ=sonstiges", "restore kbm kursnummer=BK1"]).contains("Typ Sonstiges"))
        XCTAssertTrue(failure(["restore anmeldung nr=2 datum=01.01.2026 typ=kursplanung ergebnis=abgelehnt anfrage=a antwort=b"])
            .contains("die nächste Nachricht ist Nr. 1"))
        XCTAssertTrue(failure(["restore anmeldung nr=1 datum=01.01.2026 auftrag=X typ=kursplanung ergebnis=abgelehnt anfrage=a antwort=b"])
            .contains("Auftrag „X“ gibt es nicht"))
        XCTAssertTrue(failure(["add teilnehmer vorname=Ana nachname=Lima geboren=01.02.1990",
                               "restore zulassung T1 verfahren=erst datum=01.01.2026"]).contains("kein Aktenzeichen"))
        XCTAssertTrue(failure(["bamf restore plan traeger=TR-1 kurs=IK-1 az=AZ-1,,AZ-2"]).contains("keine gültige Kennung"))
        XCTAssertTrue(failure(["bamf restore kursnummer traeger=TR-1 kurs=IK-1 nummer=BK-1",
                               "bamf restore kursnummer traeger=TR-1 kurs=IK-1 nummer=BK-2"]).contains("schon die Kursnummer BK-1"))
        XCTAssertTrue(failure(["bamf restore zaehler 5", "bamf restore zaehler 4"]).contains("nicht auf 4 zurückgehen"))
        XCTAssertTrue(failure(["close auftrag"]).contains("Kein Auftrag geöffnet"))
        XCTAssertThrowsError(try Parser.parse("restore kursplanung status=nicht-gemeldet"))
        XCTAssertThrowsError(try Parser.parse("restore anmeldung nr=1 datum=01.01.2026 typ=kursplanung ergebnis=vielleicht anfrage=a antwort=b"))
    }

    /// One reading of Tn-Nrs for what users type (`nr=`, `t7`) and what the file stores (its key, the counter).
    func testTnNummernAreReadOneWayForTypingAndForTheFile() {
        XCTAssertEqual(TnNr(stored: "T17")?.number, 17)
        XCTAssertEqual(TnNr(typed: "t17")?.number, 17)
        XCTAssertNil(TnNr(stored: "t17")?.number, "the file holds only kbm's own spelling")
        for bad in ["T07", "T", "7", "T1a", "T-1", "Ü1", ""] {
            XCTAssertNil(TnNr(typed: bad)?.number, bad)
            XCTAssertNil(TnNr(stored: bad)?.number, bad)
        }
        XCTAssertEqual(TnNr(typed: "T999999999")?.number, 999_999_999)
        XCTAssertNil(TnNr(typed: "T1000000000")?.number, "typed numbers have at most nine digits")
        XCTAssertEqual(TnNr(stored: "T2147483648")?.number, 2_147_483_648, "counters carried past Int32.max stay readable")
        XCTAssertNil(TnNr(stored: "T9223372036854775807")?.number, "beyond Int.max / 2 the counter would overflow")
        for n in [1, 9, 10, 17, 999_999_999, 999_999_999_999_999_999] {
            XCTAssertEqual(TnNr(n).text, "T\(n)")
            XCTAssertEqual(TnNr(stored: TnNr(n).text)?.number, n, "what kbm writes it reads back")
        }
        XCTAssertEqual(TnNr(0).text, "T0", "a counter before the first Tn is named too")
        XCTAssertEqual(TnNr(-3).text, "T-3")
    }
}
