// Every entity and the BAMF side, written through SessionStore command by command, reads back as the same Session.

import Foundation
import XCTest
@testable import KBMCore
@testable import KBMModel
@testable import KBMLanguage
@testable import KBMDomain
@testable import KBMPersistence

final class DomainPersistenceTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbm-persistenz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A session that holds every entity in more than one state, failed and successful BAMF messages,
    /// a stornierte and a gemeldete course, and a BAMF side with registrations, plans and Kursnummern.
    static let reicheSitzung = """
        set today 09.02.2026
        mandant traegernummer=TR-4711 testnummer=TEST-4711
        add kursort KO-4711-01 name="Volkshochschule Mitte"
        add kursort KO-4711-02
        bamf testdaten
        bamf register traeger TR-0815
        bamf register kursort KO-0815-01
        bamf register lehrkraft LK-2001
        bamf register teilnehmer az=AZ-200001 geboren=05.05.1995
        bamf hoechstzahl alpha 14
        add lehrkraft vorname=Anna nachname=Berger kennung=LK-1001
        add lehrkraft vorname=Jonas nachname=Keller kennung=LK-1002 alpha=ja
        add lehrkraft vorname=Irrtum nachname=Falsch kennung=LK-1009
        remove lehrkraft LK-1009
        edit lehrkraft LK-1002 nachname=Keller-Braun
        add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990 az=AZ-100001 strasse="Hauptstraße 1" plz=10115 ort=Berlin
        add teilnehmer vorname=Dmitri nachname=Iwanow geboren=03.11.1958 az=AZ-100002
        add teilnehmer vorname=Jonas nachname=Keller geboren=08.07.1979
        add teilnehmer vorname=Weg nachname=Damit geboren=01.01.2000
        remove teilnehmer T4
        add teilnehmer vorname="José María" nachname="O'Neill" geboren=27.01.1998 az=AZ-100003
        admit T1 verfahren=erst kursart=allgemein abschnitt=basis2
        admit T2 verfahren=erst
        edit teilnehmer T2 geboren=03.11.1985
        admit T2 verfahren=wiederhol kursart=allgemein
        new auftrag ST-1 typ=sprachtest titel="Sprachtest B1"
        edit auftrag ST-1 titel="Sprachtest B1 (DTZ)"
        new auftrag IK-1 typ=integrationskurs titel="Integrationskurs Vormittag"
        kursdaten kursart=allgemein abschnitt=basis2 beginn=02.03.2026 kursort=KO-4711-01 ue-woche=25 tage=mo,di,mi,do max=22 lehrwerk="Schritte plus Neu"
        unterbrechung von=30.03.2026 bis=10.04.2026 grund="Osterferien"
        unterbrechung von=18.05.2026 bis=22.05.2026
        assign LK-1001
        assign LK-1002 art=koordinator
        book T1 kostentraeger=bamf status=aktiv
        book T2 kostentraeger=bamf abschnitt=basis3
        book T3 kostentraeger=selbstzahler
        book T5 kostentraeger=jobcenter
        status T5 abgebrochen
        plan
        anmelden T5 ja
        plan
        set today 27.02.2026
        melden
        set today 02.03.2026
        melden
        status T2 aktiv
        new auftrag IK-2 typ=integrationskurs
        kursdaten kursart=alpha abschnitt=1 beginn=04.05.2026 kursort=KO-4711-02
        assign LK-1002
        book T5 kostentraeger=bamf
        plan
        plan storno
        new auftrag IK-3 typ=integrationskurs
        kursdaten kursart=intensiv abschnitt=orientierung beginn=01.06.2026 kursort=KO-4711-01
        mandant nur-validieren=ja
        plan
        new auftrag WEG-1 typ=sonstiges
        remove auftrag WEG-1
        open auftrag IK-1
        mandant testumgebung=ja
        bamf modus=strict
        """

    static var befehle: [String] {
        reicheSitzung.split(separator: "\n").map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
    }

    /// Runs one command as the shell does: one unit, the touched rows written before the unit ends.
    @discardableResult
    func execute(_ line: String, _ session: inout Session, _ store: SessionStore,
                 file: StaticString = #filePath, line number: UInt = #line) throws -> Outcome {
        let command = try XCTUnwrap(try Parser.parse(line), line, file: file, line: number)
        try store.beginUnit()
        do {
            let outcome = try Interpreter.execute(command, on: &session)
            try store.write(outcome.touched, from: session)
            try store.endUnit()
            return outcome
        } catch {
            store.rollback()
            throw error
        }
    }

    /// Builds the rich session in a new file; the store is closed (deinitialised) on return.
    func buildRichSession(at file: String, checkingEachCommand: Bool = false) throws -> Session {
        let (store, start) = try SessionStore.open(path: file, today: Clock.today())
        var session = start
        XCTAssertEqual(session, Session(today: Clock.today()), "a new file is an empty session")
        for line in Self.befehle {
            try execute(line, &session, store)
            if checkingEachCommand {
                XCTAssertEqual(try store.load(today: Clock.today()), session, "nach „\(line)“ weicht die Datei vom Speicher ab")
            }
        }
        return session
    }

    /// Guards the test itself: the rich session really holds what it claims.
    func assertRich(_ s: Session, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(s.mandant.traegernummer, "TR-4711", file: file, line: line)
        XCTAssertEqual(s.mandant.testnummer, "TEST-4711", file: file, line: line)
        XCTAssertTrue(s.mandant.testumgebung, file: file, line: line)
        XCTAssertTrue(s.mandant.nurValidieren, file: file, line: line)
        XCTAssertEqual(s.kursorte.values.map(\.name), ["Volkshochschule Mitte", nil], file: file, line: line)
        XCTAssertEqual(Array(s.lehrkraefte.keys), ["LK-1001", "LK-1002"], file: file, line: line)
        XCTAssertEqual(s.lehrkraefte["LK-1002"], Lehrkraft(kennung: "LK-1002", vorname: "Jonas", nachname: "Keller-Braun", alpha: true))
        XCTAssertEqual(Array(s.teilnehmer.keys), ["T1", "T2", "T3", "T5"], file: file, line: line)
        XCTAssertEqual(s.naechsteTeilnehmerNummer, 6, file: file, line: line)
        XCTAssertEqual(s.teilnehmer["T1"]?.strasse, "Hauptstraße 1", file: file, line: line)
        XCTAssertEqual(s.teilnehmer["T2"]?.zulassung?.verfahren, .wiederhol, file: file, line: line)
        XCTAssertEqual(s.teilnehmer["T1"]?.zulassung?.abschnitt, Abschnitt(number: 2), file: file, line: line)
        XCTAssertEqual(Array(s.auftraege.keys), ["ST-1", "IK-1", "IK-2", "IK-3"], file: file, line: line)
        XCTAssertEqual(s.openAuftrag, "IK-1", file: file, line: line)
        XCTAssertEqual(s.today, Day(year: 2026, month: 3, day: 2), file: file, line: line)

        let ik1 = try XCTUnwrap(s.auftraege["IK-1"])
        XCTAssertEqual(ik1.kbm.kursnummer, "BK2026-000001", file: file, line: line)
        XCTAssertEqual(ik1.kbm.gemeldetAm, Day(year: 2026, month: 3, day: 2), file: file, line: line)
        XCTAssertEqual(ik1.referenznummern, ["BAMF-Kursnummer": "BK2026-000001"], file: file, line: line)
        XCTAssertEqual(ik1.kursplanung.state, .aktualisiert, file: file, line: line)
        XCTAssertEqual(ik1.kursplanung.aktualisierungen, 1, file: file, line: line)
        XCTAssertEqual(ik1.kursplanung.teilnehmer.map(\.nummer), ["T1", "T2"], file: file, line: line)
        XCTAssertEqual(ik1.kursdaten?.unterrichtstage, [1, 2, 3, 4], file: file, line: line)
        XCTAssertEqual(ik1.kursdaten?.lehrwerk, "Schritte plus Neu", file: file, line: line)
        XCTAssertEqual(ik1.unterbrechungen.map(\.grund), ["Osterferien", nil], file: file, line: line)
        XCTAssertEqual(ik1.zustaendigkeiten.map(\.art), [.lehrkraft, .koordinator], file: file, line: line)
        XCTAssertEqual(Array(ik1.teilnahmen.keys), ["T1", "T2", "T3", "T5"], file: file, line: line)
        XCTAssertEqual(ik1.teilnahmen["T5"]?.anmelden, true, file: file, line: line)
        XCTAssertEqual(ik1.teilnahmen["T5"]?.status, .abgebrochen, file: file, line: line)
        XCTAssertEqual(ik1.teilnahmen["T2"]?.eintrittsabschnitt, Abschnitt(number: 3), file: file, line: line)
        XCTAssertEqual(s.auftraege["IK-2"]?.kursplanung.state, .storniert, file: file, line: line)
        XCTAssertEqual(s.auftraege["IK-3"]?.kursplanung.state, .nichtGemeldet, "nur validiert", file: file, line: line)
        XCTAssertEqual(s.auftraege["ST-1"]?.titel, "Sprachtest B1 (DTZ)", file: file, line: line)

        XCTAssertEqual(s.anmeldungen.map(\.ergebnis), [
            .erfolgreich, .abgelehnt, .erfolgreich,   // Kursanmeldungen T1, T2 (1021), T2
            .erfolgreich, .erfolgreich,               // Kursplanung IK-1, Aktualisierung
            .abgelehnt, .erfolgreich,                 // KBM IK-1: 1047, then the Kursnummer
            .erfolgreich, .erfolgreich,               // Kursplanung IK-2, Storno
            .validiert,                               // Kursplanung IK-3, nur validiert
        ], file: file, line: line)
        XCTAssertEqual(s.anmeldungen.map(\.auftrag), [nil, nil, nil, "IK-1", "IK-1", "IK-1", "IK-1", "IK-2", "IK-2", "IK-3"],
                       file: file, line: line)

        XCTAssertEqual(s.bamf.modus, .strict, file: file, line: line)
        XCTAssertEqual(s.bamf.traeger, ["TR-4711", "TR-0815"], file: file, line: line)
        XCTAssertTrue(s.bamf.lehrkraefte.contains("LK-2001"), file: file, line: line)
        XCTAssertEqual(s.bamf.teilnehmer["AZ-200001"], Day(year: 1995, month: 5, day: 5), file: file, line: line)
        XCTAssertEqual(s.bamf.zulassungen[BamfSide.key("TR-4711", "AZ-100002")], .wiederhol, file: file, line: line)
        XCTAssertEqual(s.bamf.plaene[BamfSide.key("TR-4711", "IK-1")], BamfSide.Plan(aktenzeichen: ["AZ-100001", "AZ-100002"]))
        XCTAssertEqual(s.bamf.plaene[BamfSide.key("TR-4711", "IK-2")]?.storniert, true, file: file, line: line)
        XCTAssertEqual(s.bamf.kursnummern, [BamfSide.key("TR-4711", "IK-1"): "BK2026-000001"], file: file, line: line)
        XCTAssertEqual(s.bamf.naechsteKursnummer, 2, file: file, line: line)
        XCTAssertEqual(s.bamf.hoechstTeilnehmer, [.alpha: 14], file: file, line: line)
    }

    // MARK: the tests

    /// The clock a run was started with (`--today`) lives only in memory. A write that fails sends memory back to
    /// the file, and to the clock it had before the failed unit, not to the date the file holds.
    func testAFailedWriteKeepsTheRunsClock() throws {
        let file = path("uhr.db")
        do {
            let (store, _) = try SessionStore.open(path: file, today: Clock.today())
            let shell = Shell(session: Session(today: Clock.today()), store: store, sink: BufferSink())
            XCTAssertEqual(shell.run(ByteLineSource(name: "a.kbm", directory: ".", bytes: Array("set today 02.03.2026\n".utf8)),
                                     asUnit: true), .completed(failures: 0))
        }
        let (store, stored) = try SessionStore.open(path: file, today: Clock.today())
        XCTAssertEqual(stored.today, Day(year: 2026, month: 3, day: 2))
        var session = stored
        let runClock = Day(year: 2026, month: 6, day: 15)!
        session.today = runClock
        let shell = Shell(session: session, store: store, sink: BufferSink())
        // Every new Auftrag fails to be written, as on a full disk.
        try store.db.execute("CREATE TRIGGER voll BEFORE INSERT ON auftrag BEGIN SELECT RAISE(ABORT, 'voll'); END")
        for (script, asUnit) in [("new auftrag A-1 typ=ba\n", false), ("set today 01.01.2027\nnew auftrag A-2 typ=ba\n", true)] {
            let source = ByteLineSource(name: "b.kbm", directory: ".", bytes: Array(script.utf8))
            XCTAssertNotEqual(shell.run(source, asUnit: asUnit), .completed(failures: 0), script)
            XCTAssertEqual(shell.session.today, runClock, script)
            XCTAssertTrue(shell.session.auftraege.isEmpty, script)
        }
    }

    func testARichSessionReadsBackEqual() throws {
        let file = path("sitzung.db")
        let written = try buildRichSession(at: file)
        try assertRich(written)
        let (_, reopened) = try SessionStore.open(path: file, today: Clock.today())
        XCTAssertEqual(reopened, written)
        try assertRich(reopened)
    }

    func testEveryCommandWritesWhatItChanged() throws {
        _ = try buildRichSession(at: path("schritt.db"), checkingEachCommand: true)
    }

    func testRejectedMessagesKeepTheirBamfMessages() throws {
        let file = path("log.db")
        let written = try buildRichSession(at: file)
        let (_, reopened) = try SessionStore.open(path: file, today: Clock.today())
        XCTAssertEqual(reopened.anmeldungen, written.anmeldungen)
        XCTAssertEqual(reopened.anmeldungen[1].meldungen.map { String($0.prefix(16)) }, ["BAMF-Fehler 1021"])
        XCTAssertEqual(reopened.anmeldungen[5].meldungen.map { String($0.prefix(16)) }, ["BAMF-Fehler 1047"])
        XCTAssertEqual(reopened.anmeldungen[9].meldungen.map { String($0.prefix(17)) }, ["BAMF-Hinweis 2000"])
        XCTAssertTrue(reopened.anmeldungen[6].antwort.contains("<Kursnummer>BK2026-000001</Kursnummer>"))
        XCTAssertTrue(reopened.anmeldungen[6].anfrage.contains("<Kursbeginnmeldung>"))
    }

    func testSaveWritesACopyThatOpensEqual() throws {
        let written = try buildRichSession(at: path("original.db"))
        let copy = path("kopie/kopie.db")
        try SessionStore.create(path: copy, from: written)
        let (_, reopened) = try SessionStore.open(path: copy, today: Clock.today())
        XCTAssertEqual(reopened, written)
        try assertRich(reopened)
    }

    func testSaveRefusesAnExistingFile() throws {
        let written = try buildRichSession(at: path("original.db"))
        XCTAssertThrowsError(try SessionStore.create(path: path("original.db"), from: written)) { error in
            XCTAssertEqual(error as? StoreError, .targetExists(path: self.path("original.db")))
        }
    }

    func testAnEmptySessionSavesAndOpensEqual() throws {
        try SessionStore.create(path: path("leer.db"), from: Session(today: Clock.today()))
        let (_, reopened) = try SessionStore.open(path: path("leer.db"), today: Clock.today())
        XCTAssertEqual(reopened, Session(today: Clock.today()))
    }

    func testASecondSuccessfulMeldenIsRefusedAfterReopening() throws {
        let file = path("zweimal.db")
        _ = try buildRichSession(at: file)
        let (store, reopened) = try SessionStore.open(path: file, today: Clock.today())
        var session = reopened
        try execute("mandant testumgebung=nein nur-validieren=nein", &session, store)
        try execute("bamf modus=lenient", &session, store)
        XCTAssertEqual(session.openAuftrag, "IK-1")
        let sent = session.anmeldungen.count

        // Locally: R2, nothing sent.
        let outcome = try execute("melden", &session, store)
        XCTAssertEqual(outcome.failure, .checkFailed(fehler: 1, melden: true))
        XCTAssertEqual(outcome.output, [.findings([Finding(.alreadyReported("BK2026-000001"))])])
        XCTAssertEqual(session.anmeldungen.count, sent)
        try execute("add teilnehmer vorname=Amina nachname=Haddad geboren=05.05.1995 az=AZ-200001", &session, store)
        XCTAssertThrowsError(try execute("book T6 kostentraeger=bamf", &session, store)) { error in
            XCTAssertEqual(error as? DomainError, .kbmAlreadyReported("IK-1", kursnummer: "BK2026-000001"))
        }

        // And the reopened BAMF side remembers the Kursnummer too (1048), should a KBM get past the local check.
        let auftrag = try XCTUnwrap(session.auftraege["IK-1"])
        let (kopf, _) = try Interpreter.kurskopf(auftrag, session)
        let response = SimulatedInGe().submit(
            .kursbeginnmeldung(kopf, lehrkraefte: ["LK-1001"],
                               teilnehmer: [GesendeterTeilnehmer(nummer: "T1", az: "AZ-100001", geboren: Day(year: 1990, month: 4, day: 12))],
                               gesamtTeilnehmer: 3),
            nurValidieren: false, today: Day(year: 2026, month: 3, day: 2)!, bamf: &session.bamf)
        XCTAssertEqual(response.meldungen, [.alreadyReported("BK2026-000001")])
        XCTAssertNil(response.kursnummer)
    }

    func testARejectedMeldenCanBeRepeatedAfterReopening() throws {
        let file = path("wiederholen.db")
        do {
            let (store, start) = try SessionStore.open(path: file, today: Clock.today())
            var session = start
            for line in [
                "set today 27.02.2026", "mandant traegernummer=TR-4711", "add kursort KO-4711-01",
                "new auftrag IK-1 typ=integrationskurs",
                "kursdaten kursart=allgemein abschnitt=basis2 beginn=02.03.2026 kursort=KO-4711-01",
                "add lehrkraft vorname=Anna nachname=Berger kennung=LK-1001", "assign LK-1001",
                "add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990 az=AZ-100001",
                "book T1 kostentraeger=bamf", "admit T1 verfahren=erst", "plan",
            ] {
                try execute(line, &session, store)
            }
            let rejected = try execute("melden", &session, store)
            XCTAssertEqual(rejected.failure, .meldungRejected(.kursbeginnmeldung, nummer: 3))
        }
        let (store, reopened) = try SessionStore.open(path: file, today: Clock.today())
        var session = reopened
        XCTAssertNil(session.auftraege["IK-1"]?.kbm.kursnummer)
        try execute("set today 02.03.2026", &session, store)
        let outcome = try execute("melden", &session, store)
        XCTAssertNil(outcome.failure)
        XCTAssertEqual(session.auftraege["IK-1"]?.kbm.kursnummer, "BK2026-000001")
        XCTAssertEqual(try store.load(today: Clock.today()), session)
    }
}
