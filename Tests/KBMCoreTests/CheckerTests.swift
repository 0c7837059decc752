// The pre-send check, rule by rule (R1–R14 and R16 at entry), built through the whole command path:
// Parser.parse → Interpreter.execute on one Session.

import XCTest
@testable import KBMCore
@testable import KBMModel
@testable import KBMLanguage
@testable import KBMDomain

final class CheckerTests: XCTestCase {
    var session = Session(today: Clock.today())

    /// Mandant, Kursort, Auftrag IK-1 with complete Kursdaten, Lehrkraft, T1 booked and zugelassen – no plan yet.
    static let ohnePlan = """
        set today 02.03.2026
        mandant traegernummer=TR-4711
        add kursort KO-4711-01
        new auftrag IK-1 typ=integrationskurs
        kursdaten kursart=allgemein abschnitt=basis2 beginn=02.03.2026 kursort=KO-4711-01
        add lehrkraft vorname=Anna nachname=Berger kennung=LK-1001
        assign LK-1001
        add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990 az=AZ-100001
        book T1 kostentraeger=bamf
        admit T1 verfahren=erst kursart=allgemein abschnitt=basis2
        """

    /// Everything a successful Kursbeginnmeldung needs.
    static let bereit = ohnePlan + "\nplan"

    // MARK: helpers

    @discardableResult
    func run(_ line: String, file: StaticString = #filePath, line number: UInt = #line) throws -> Outcome {
        let command = try XCTUnwrap(try Parser.parse(line), "keine Befehlszeile: \(line)", file: file, line: number)
        return try Interpreter.execute(command, on: &session)
    }

    func run(lines: String, file: StaticString = #filePath, line number: UInt = #line) throws {
        for line in lines.split(separator: "\n") {
            let text = String(line)
            if text.allSatisfy(\.isWhitespace) { continue }
            try run(text, file: file, line: number)
        }
    }

    func findings(_ auftrag: String? = nil) throws -> [Finding] {
        let nummer = try XCTUnwrap(auftrag ?? session.openAuftrag)
        return Checker.findings(for: try XCTUnwrap(session.auftraege[nummer]), in: session)
    }

    func regeln() throws -> [Int] { try findings().map(\.regel) }

    func findings(regel: Int) throws -> [Finding] { try findings().filter { $0.regel == regel } }

    func assertDomainError(_ line: String, _ expected: DomainError, file: StaticString = #filePath, line number: UInt = #line) {
        do {
            try run(line, file: file, line: number)
            XCTFail("„\(line)“ hätte abgewiesen werden müssen", file: file, line: number)
        } catch let error as DomainError {
            XCTAssertEqual(error, expected, file: file, line: number)
        } catch {
            XCTFail("unerwarteter Fehler \(error)", file: file, line: number)
        }
    }

    // MARK: the clean course

    func testAReadyCourseHasNoFindingsAndCheckSucceeds() throws {
        try run(lines: Self.bereit)
        XCTAssertEqual(try findings(), [])
        let outcome = try run("check")
        XCTAssertNil(outcome.failure)
        XCTAssertEqual(outcome.output, [.findings([])])
    }

    func testFindingsAreSortedByRule() throws {
        try run(lines: Self.ohnePlan)
        try run("unassign LK-1001")
        try run("set today 20.02.2026")
        XCTAssertEqual(try regeln(), [6, 8, 13])
    }

    // MARK: R1

    func testR1OnlyAnIntegrationskursHasAKBM() throws {
        try run(lines: Self.bereit)
        for typ in ["sprachtest", "ba", "sonstiges"] {
            try run("new auftrag X-\(typ) typ=\(typ)")
            let expected = Finding(.notIntegrationskurs(Auftrag.Typ(rawValue: typ)!))
            XCTAssertEqual(try findings(), [expected])
            XCTAssertEqual(expected.regel, 1)
            XCTAssertEqual(expected.severity, .fehler)
            XCTAssertEqual(try run("check").failure, .checkFailed(fehler: 1, melden: false))
            let before = session.anmeldungen.count
            XCTAssertEqual(try run("melden").failure, .checkFailed(fehler: 1, melden: true))
            XCTAssertEqual(session.anmeldungen.count, before, "nothing is sent on a local Fehler")
            assertDomainError("kursdaten kursart=allgemein", .notIntegrationskurs("X-\(typ)", Auftrag.Typ(rawValue: typ)!))
            assertDomainError("plan", .notIntegrationskurs("X-\(typ)", Auftrag.Typ(rawValue: typ)!))
        }
        // The Integrationskurs itself is unaffected.
        XCTAssertEqual(try findings("IK-1"), [])
    }

    // MARK: R2 (and R3)

    func testR2ASuccessfulKBMCannotBeSentAgainNorCorrected() throws {
        try run(lines: Self.bereit)
        try run("melden")
        let kursnummer = try XCTUnwrap(session.auftraege["IK-1"]?.kbm.kursnummer)
        XCTAssertEqual(kursnummer, "BK2026-000001")
        XCTAssertEqual(session.auftraege["IK-1"]?.referenznummern["BAMF-Kursnummer"], kursnummer)
        XCTAssertEqual(try findings(), [Finding(.alreadyReported(kursnummer))])
        XCTAssertEqual(try findings()[0].severity, .fehler)
        XCTAssertEqual(try findings()[0].regel, 2)

        let sent = session.anmeldungen.count
        let again = try run("melden")
        XCTAssertEqual(again.failure, .checkFailed(fehler: 1, melden: true))
        XCTAssertEqual(again.output, [.findings([Finding(.alreadyReported(kursnummer))])])
        XCTAssertEqual(session.anmeldungen.count, sent, "the second KBM never reaches the BAMF")

        try run("add teilnehmer vorname=Amina nachname=Haddad geboren=27.01.1998 az=AZ-100003")
        assertDomainError("book T2 kostentraeger=bamf", .kbmAlreadyReported("IK-1", kursnummer: kursnummer))
        assertDomainError("unbook T1", .kbmAlreadyReported("IK-1", kursnummer: kursnummer))
        assertDomainError("plan", .kbmAlreadyReported("IK-1", kursnummer: kursnummer))
        assertDomainError("plan storno", .kbmAlreadyReported("IK-1", kursnummer: kursnummer))
        XCTAssertEqual(session.auftraege["IK-1"]?.kbm.kursnummer, kursnummer)
    }

    func testR3AFailedKBMCanBeRepeatedOnceTheCauseIsRemoved() throws {
        try run(lines: Self.bereit)
        try run("unassign LK-1001")
        let failed = try run("melden")
        XCTAssertEqual(failed.failure, .meldungRejected(.kursbeginnmeldung, nummer: 3))
        XCTAssertEqual(session.anmeldungen.last?.ergebnis, .abgelehnt)
        XCTAssertEqual(session.anmeldungen.last?.meldungen.first?.hasPrefix("BAMF-Fehler 1042:"), true)
        XCTAssertNil(session.auftraege["IK-1"]?.kbm.kursnummer, "a rejection changes nothing but the log")
        XCTAssertEqual(try regeln(), [8])

        try run("assign LK-1001")
        let ok = try run("melden")
        XCTAssertNil(ok.failure)
        XCTAssertEqual(session.auftraege["IK-1"]?.kbm.kursnummer, "BK2026-000001")
        XCTAssertEqual(session.anmeldungen.map(\.ergebnis), [.erfolgreich, .erfolgreich, .abgelehnt, .erfolgreich])
    }

    // MARK: R4

    func testR4NoTraegernummer() throws {
        try run(lines: """
            set today 02.03.2026
            add kursort KO-4711-01
            new auftrag IK-1 typ=integrationskurs
            kursdaten kursart=allgemein abschnitt=basis2 beginn=02.03.2026 kursort=KO-4711-01
            add lehrkraft vorname=Anna nachname=Berger kennung=LK-1001
            assign LK-1001
            add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990 az=AZ-100001
            book T1 kostentraeger=bamf
            """)
        XCTAssertEqual(try findings(regel: 4), [Finding(.noTraegernummer)])
        XCTAssertEqual(try findings(regel: 4)[0].severity, .fehler)
        XCTAssertEqual(try run("check").failure, .checkFailed(fehler: 1, melden: false))
        assertDomainError("admit T1 verfahren=erst", .noTraegernummer)
        assertDomainError("plan", .noTraegernummer)
        XCTAssertEqual(session.anmeldungen, [])

        try run("mandant traegernummer=TR-4711")
        try run("admit T1 verfahren=erst")
        try run("plan")
        XCTAssertEqual(try findings(), [])
    }

    func testR4TheTestumgebungSendsTheTesttraegernummer() throws {
        try run(lines: Self.bereit)
        try run("mandant testnummer=TEST-4711 testumgebung=ja")
        XCTAssertEqual(session.mandant.sendingNummer, "TEST-4711")
        XCTAssertEqual(try findings(regel: 4), [])
    }

    func testR4KursortNotAKursortkennungOfTheMandant() throws {
        try run(lines: Self.bereit)
        let outcome = try run("kursdaten kursort=KO-4711-02")
        XCTAssertTrue(outcome.output.contains(.notice(.unknownKursortHint("KO-4711-02"))))
        XCTAssertEqual(try findings(), [Finding(.kursortNotOfMandant("KO-4711-02"))])
        XCTAssertEqual(try findings()[0].severity, .fehler)
        XCTAssertEqual(try findings()[0].regel, 4)
        XCTAssertEqual(try run("melden").failure, .checkFailed(fehler: 1, melden: true))

        try run("add kursort KO-4711-02")
        XCTAssertEqual(try findings(), [])
    }

    // MARK: R5

    func testR5IncompleteKursdaten() throws {
        try run(lines: Self.bereit)
        try run("new auftrag IK-2 typ=integrationskurs")
        try run("assign LK-1001")
        try run("book T1 kostentraeger=bamf")
        XCTAssertEqual(try findings(), [Finding(.kursdatenIncomplete(["Kursart", "Beginnabschnitt", "Kursbeginn", "Kursort"]))])
        XCTAssertEqual(try findings()[0].severity, .fehler)
        assertDomainError("plan", .kursdatenIncomplete(["Kursart", "Beginnabschnitt", "Kursbeginn", "Kursort"]))

        try run("kursdaten kursart=allgemein abschnitt=basis2")
        XCTAssertEqual(try findings(regel: 5), [Finding(.kursdatenIncomplete(["Kursbeginn", "Kursort"]))])
        XCTAssertEqual(try run("melden").failure, .checkFailed(fehler: 1, melden: true))

        try run("kursdaten beginn=02.03.2026 kursort=KO-4711-01")
        XCTAssertEqual(try findings(regel: 5), [])
        try run("plan")
        XCTAssertEqual(try findings(), [])
    }

    // MARK: R6

    func testR6NoKursplanungFromFebruary2018() throws {
        try run(lines: Self.ohnePlan)
        XCTAssertEqual(try findings(), [Finding(.noKursplanung)])
        XCTAssertEqual(try findings()[0].severity, .warnung)
        XCTAssertNil(try run("check").failure, "a Warnung alone does not fail the check")

        // The BAMF rejects it (1040); the local state does not change.
        let outcome = try run("melden")
        XCTAssertEqual(outcome.failure, .meldungRejected(.kursbeginnmeldung, nummer: 2))
        XCTAssertEqual(session.anmeldungen.last?.meldungen.map { String($0.prefix(16)) }, ["BAMF-Fehler 1040"])

        try run("plan")
        XCTAssertEqual(try findings(), [])
    }

    func testR6DoesNotApplyBeforeFebruary2018() throws {
        try run(lines: Self.ohnePlan)
        try run("set today 31.01.2018")
        try run("kursdaten beginn=31.01.2018")
        XCTAssertEqual(try findings(), [])
        try run("kursdaten beginn=01.02.2018")
        try run("set today 01.02.2018")
        XCTAssertEqual(try findings(), [Finding(.noKursplanung)])
    }

    // MARK: R7

    func testR7StorniertePlanung() throws {
        try run(lines: Self.bereit)
        try run("plan storno")
        XCTAssertEqual(session.auftraege["IK-1"]?.kursplanung.state, .storniert)
        XCTAssertEqual(try findings(), [Finding(.kursplanungCancelled)])
        XCTAssertEqual(try findings()[0].severity, .fehler)
        XCTAssertEqual(try findings()[0].regel, 7)
        XCTAssertEqual(try run("melden").failure, .checkFailed(fehler: 1, melden: true))
        assertDomainError("plan", .kursplanungCancelled)
        assertDomainError("plan storno", .kursplanungCancelled)

        // The way out: the course as a new Auftrag with its own plan.
        try run(lines: """
            new auftrag IK-2 typ=integrationskurs
            kursdaten kursart=allgemein abschnitt=basis2 beginn=02.03.2026 kursort=KO-4711-01
            assign LK-1001
            book T1 kostentraeger=bamf
            plan
            """)
        XCTAssertEqual(try findings(), [])
        XCTAssertEqual(try findings("IK-1"), [Finding(.kursplanungCancelled)])
    }

    // MARK: R8

    func testR8NoLehrkraftAttached() throws {
        try run(lines: Self.bereit)
        try run("unassign LK-1001")
        XCTAssertEqual(try findings(), [Finding(.noLehrkraft)])
        XCTAssertEqual(try findings()[0].severity, .warnung)
        XCTAssertEqual(try findings()[0].regel, 8)

        // A Koordinator does not count.
        try run("add lehrkraft vorname=Jonas nachname=Keller kennung=LK-1002")
        try run("assign LK-1002 art=koordinator")
        XCTAssertEqual(try findings(), [Finding(.noLehrkraft)])

        try run("assign LK-1001 art=lehrkraft")
        XCTAssertEqual(try findings(), [])
    }

    // MARK: R9

    func testR9TransmittedTnWithoutAktenzeichenOrZulassung() throws {
        try run(lines: Self.bereit)
        try run("add teilnehmer vorname=Dmitri nachname=Iwanow geboren=03.11.1985")
        try run("book T2 kostentraeger=bamf")
        let expected = [Finding(.aktenzeichenMissing(nummer: "T2", name: "Iwanow, Dmitri")),
                        Finding(.notAdmitted(nummer: "T2", name: "Iwanow, Dmitri"))]
        XCTAssertEqual(try findings(), expected)
        XCTAssertEqual(try findings().map(\.severity), [.warnung, .warnung])
        XCTAssertEqual(try findings().map(\.regel), [9, 9])
        assertDomainError("admit T2 verfahren=erst", .aktenzeichenNeededForAnmeldung("T2"))

        try run("edit teilnehmer T2 az=AZ-100002")
        XCTAssertEqual(try findings(), [Finding(.notAdmitted(nummer: "T2", name: "Iwanow, Dmitri"))])
        try run("admit T2 verfahren=erst")
        XCTAssertEqual(try findings(), [])
    }

    func testR9OnlyTransmittedTnCount() throws {
        try run(lines: Self.bereit)
        try run("add teilnehmer vorname=Jonas nachname=Keller geboren=08.07.1979")
        try run("book T2 kostentraeger=selbstzahler")
        XCTAssertEqual(try findings(), [], "a Selbstzahler is not transmitted, so needs neither Aktenzeichen nor Zulassung")
        try run("add teilnehmer vorname=Dmitri nachname=Iwanow geboren=03.11.1985")
        try run("book T3 kostentraeger=bamf")
        XCTAssertEqual(try regeln(), [9, 9])
        try run("anmelden T3 nein")
        XCTAssertEqual(try findings(), [])
        try run("anmelden T3 ja")
        try run("status T3 abgebrochen")
        XCTAssertEqual(try findings(), [])
    }

    // MARK: R10

    func testR10NoTnWouldBeTransmitted() throws {
        try run(lines: Self.bereit)
        try run("anmelden T1 nein")
        XCTAssertEqual(try findings(), [Finding(.noTeilnehmer)])
        XCTAssertEqual(try findings()[0].severity, .fehler)
        XCTAssertEqual(try findings()[0].regel, 10)
        let sent = session.anmeldungen.count
        XCTAssertEqual(try run("melden").failure, .checkFailed(fehler: 1, melden: true))
        XCTAssertEqual(session.anmeldungen.count, sent)

        try run("anmelden T1 ja")
        XCTAssertEqual(try findings(), [])
        try run("status T1 unterbrochen")
        XCTAssertEqual(try findings(), [Finding(.noTeilnehmer)], "only wartet and aktiv are transmitted")
        try run("status T1 aktiv")
        XCTAssertEqual(try findings(), [])
    }

    func testR10OnlySelbstzahler() throws {
        try run(lines: """
            set today 02.03.2026
            mandant traegernummer=TR-4711
            add kursort KO-4711-01
            new auftrag IK-1 typ=integrationskurs
            kursdaten kursart=allgemein abschnitt=basis2 beginn=02.03.2026 kursort=KO-4711-01
            add lehrkraft vorname=Anna nachname=Berger kennung=LK-1001
            assign LK-1001
            add teilnehmer vorname=Jonas nachname=Keller geboren=08.07.1979
            book T1 kostentraeger=selbstzahler
            plan
            """)
        XCTAssertEqual(session.auftraege["IK-1"]?.kursplanung.teilnehmer, [], "no Selbstzahler in the plan")
        XCTAssertEqual(try findings(), [Finding(.noTeilnehmer)])
    }

    // MARK: R11

    func testR11NoTransmittedTnInTheLastKursplanung() throws {
        try run(lines: """
            set today 09.02.2026
            mandant traegernummer=TR-4711
            add kursort KO-4711-01
            new auftrag IK-1 typ=integrationskurs
            kursdaten kursart=allgemein abschnitt=basis2 beginn=02.03.2026 kursort=KO-4711-01
            add lehrkraft vorname=Anna nachname=Berger kennung=LK-1001
            assign LK-1001
            plan
            add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990 az=AZ-100001
            book T1 kostentraeger=bamf
            admit T1 verfahren=erst
            set today 02.03.2026
            """)
        XCTAssertEqual(try findings(), [Finding(.noTeilnehmerPlanned)])
        XCTAssertEqual(try findings()[0].severity, .warnung)
        XCTAssertEqual(try findings()[0].regel, 11)

        try run("plan")
        XCTAssertEqual(session.auftraege["IK-1"]?.kursplanung.state, .aktualisiert)
        XCTAssertEqual(try findings(), [])

        // One planned Tn is enough.
        try run("add teilnehmer vorname=Dmitri nachname=Iwanow geboren=03.11.1985 az=AZ-100002")
        try run("book T2 kostentraeger=bamf")
        try run("admit T2 verfahren=erst")
        XCTAssertEqual(try findings(), [])
        XCTAssertNil(try run("melden").failure)
    }

    /// The "last Kursplanung" of R11 is the BAMF's copy, which knows a Tn by the Aktenzeichen it carried.
    /// A Tn planned without Aktenzeichen is not in that copy, so the check must warn as the BAMF rejects (1045).
    func testR11ATnPlannedWithoutAktenzeichenIsNotInTheBamfCopy() throws {
        try run(lines: """
            set today 02.03.2026
            mandant traegernummer=TR-4711
            add kursort KO-4711-01
            new auftrag IK-1 typ=integrationskurs
            kursdaten kursart=allgemein abschnitt=basis2 beginn=02.03.2026 kursort=KO-4711-01
            add lehrkraft vorname=Anna nachname=Berger kennung=LK-1001
            assign LK-1001
            add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990
            book T1 kostentraeger=bamf
            plan
            edit teilnehmer T1 az=AZ-100001
            admit T1 verfahren=erst
            """)
        XCTAssertEqual(session.bamf.plaene[BamfSide.key("TR-4711", "IK-1")]?.aktenzeichen, [])
        let melden = try run("melden")
        XCTAssertEqual(session.anmeldungen.last?.meldungen.map { String($0.prefix(16)) }, ["BAMF-Fehler 1045"])
        XCTAssertNotNil(melden.failure)
        // The local check must have predicted that rejection.
        XCTAssertEqual(try findings(), [Finding(.noTeilnehmerPlanned)],
                       "check ist sauber, aber das BAMF lehnt mit 1045 ab: R11 vergleicht Tn-Nrn statt der gemeldeten Aktenzeichen")
    }

    // MARK: R12

    func testR12MoreTnThanTheHoechstteilnehmerzahl() throws {
        try run(lines: Self.bereit)
        try run("bamf hoechstzahl allgemein 2")
        try run("add teilnehmer vorname=Dmitri nachname=Iwanow geboren=03.11.1985 az=AZ-100002")
        try run("add teilnehmer vorname=Jonas nachname=Keller geboren=08.07.1979")
        try run("book T2 kostentraeger=bamf")
        try run("admit T2 verfahren=erst")
        XCTAssertEqual(try findings(), [], "exactly the limit is fine")
        try run("book T3 kostentraeger=selbstzahler")
        XCTAssertEqual(try findings(), [Finding(.hoechstzahlExceeded(anzahl: 3, hoechstens: 2, vorgabe: .allgemein))], "Selbstzahler count towards the total")
        XCTAssertEqual(try findings()[0].severity, .warnung)
        XCTAssertEqual(try findings()[0].regel, 12)

        try run("status T3 abgebrochen")
        XCTAssertEqual(try findings(), [], "only wartet and aktiv count")
        try run("status T3 aktiv")
        try run("bamf hoechstzahl allgemein 25")
        XCTAssertEqual(try findings(), [])

        // The course's own, lower Höchstteilnehmerzahl counts too.
        try run("kursdaten max=2")
        XCTAssertEqual(try findings(), [Finding(.hoechstzahlExceeded(anzahl: 3, hoechstens: 2, vorgabe: nil))])
        try run("unbook T3")
        XCTAssertEqual(try findings(), [])
    }

    func testR12DefaultsPerKursart() throws {
        try run(lines: Self.bereit)
        try run("kursdaten kursart=alpha abschnitt=2")
        for i in 0..<16 {
            let vorname = String(UnicodeScalar(UInt8(65 + i)))
            try run("add teilnehmer vorname=\(vorname) nachname=Selbst geboren=01.01.1990")
            try run("book T\(i + 2) kostentraeger=selbstzahler")
        }
        XCTAssertEqual(try findings(regel: 12), [Finding(.hoechstzahlExceeded(anzahl: 17, hoechstens: 16, vorgabe: .alpha))])
        try run("kursdaten kursart=allgemein abschnitt=basis2")
        XCTAssertEqual(try findings(regel: 12), [])
    }

    // MARK: R13, R14

    func testR13TheCourseHasNotBegun() throws {
        try run(lines: Self.bereit)
        try run("set today 01.03.2026")
        let beginn = Day(year: 2026, month: 3, day: 2)!
        XCTAssertEqual(try findings(), [Finding(.notYetBegun(beginn))])
        XCTAssertEqual(try findings()[0].severity, .warnung)
        XCTAssertEqual(try findings()[0].regel, 13)
        XCTAssertEqual(try run("melden").failure, .meldungRejected(.kursbeginnmeldung, nummer: 3))
        XCTAssertEqual(session.anmeldungen.last?.meldungen.map { String($0.prefix(16)) }, ["BAMF-Fehler 1047"])

        try run("set today 02.03.2026")
        XCTAssertEqual(try findings(), [])
    }

    func testR14TheKBMIsLateButStillAccepted() throws {
        try run(lines: Self.bereit)
        try run("set today 09.03.2026")
        XCTAssertEqual(try findings(), [], "7 days after the Kursbeginn is still in time")
        try run("set today 10.03.2026")
        let beginn = Day(year: 2026, month: 3, day: 2)!
        XCTAssertEqual(try findings(), [Finding(.late(beginn: beginn, tage: 8))])
        XCTAssertEqual(try findings()[0].severity, .warnung)
        XCTAssertEqual(try findings()[0].regel, 14)
        XCTAssertNil(try run("check").failure)

        let outcome = try run("melden")
        XCTAssertNil(outcome.failure)
        XCTAssertEqual(outcome.output.first, .findings([Finding(.late(beginn: beginn, tage: 8))]), "the warning is shown")
        XCTAssertTrue(outcome.output.contains(.notice(.kursnummerReceived("IK-1", "BK2026-000001"))))
    }

    // MARK: R16

    func testR16NamesWithDigitsOrSpecialCharactersAreRefusedAtEntry() throws {
        try run("set today 02.03.2026")
        assertDomainError("add teilnehmer vorname=Leyla nachname=Öztürk2 geboren=12.04.1990",
                          .invalidName(key: "nachname", value: "Öztürk2"))
        assertDomainError("add teilnehmer vorname=Leyla! nachname=Öztürk geboren=12.04.1990",
                          .invalidName(key: "vorname", value: "Leyla!"))
        assertDomainError("add teilnehmer vorname=Leyla nachname=\"Öz@türk\" geboren=12.04.1990",
                          .invalidName(key: "nachname", value: "Öz@türk"))
        XCTAssertEqual(session.teilnehmer.count, 0)
        XCTAssertEqual(session.naechsteTeilnehmerNummer, 1, "a refused entry uses up no Tn-Nr")

        for (vorname, nachname) in [("Leyla", "Öztürk"), ("José María", "O'Neill-Łukasiewicz"), ("Zoë", "N’Diaye")] {
            try run("add teilnehmer vorname=\"\(vorname)\" nachname=\"\(nachname)\" geboren=12.04.1990")
        }
        XCTAssertEqual(session.teilnehmer.values.map(\.nachname), ["Öztürk", "O'Neill-Łukasiewicz", "N’Diaye"])

        assertDomainError("edit teilnehmer T2 nachname=O1Neill", .invalidName(key: "nachname", value: "O1Neill"))
        XCTAssertEqual(session.teilnehmer["T2"]?.nachname, "O'Neill-Łukasiewicz")
        try run("edit teilnehmer T2 nachname=\"O'Neill\"")
        XCTAssertEqual(session.teilnehmer["T2"]?.nachname, "O'Neill")
    }

    // MARK: severities in one table

    func testSeverityAndRulePerKind() {
        let day = Day(year: 2026, month: 3, day: 2)!
        let table: [(Finding.Kind, Int, Finding.Severity)] = [
            (.notIntegrationskurs(.sprachtest), 1, .fehler),
            (.alreadyReported("BK2026-000001"), 2, .fehler),
            (.noTraegernummer, 4, .fehler),
            (.kursortNotOfMandant("KO-1"), 4, .fehler),
            (.kursdatenIncomplete(["Kursort"]), 5, .fehler),
            (.noKursplanung, 6, .warnung),
            (.kursplanungCancelled, 7, .fehler),
            (.noLehrkraft, 8, .warnung),
            (.notAdmitted(nummer: "T1", name: "A, B"), 9, .warnung),
            (.aktenzeichenMissing(nummer: "T1", name: "A, B"), 9, .warnung),
            (.noTeilnehmer, 10, .fehler),
            (.noTeilnehmerPlanned, 11, .warnung),
            (.hoechstzahlExceeded(anzahl: 3, hoechstens: 2, vorgabe: nil), 12, .warnung),
            (.notYetBegun(day), 13, .warnung),
            (.late(beginn: day, tage: 8), 14, .warnung),
        ]
        for (kind, regel, severity) in table {
            XCTAssertEqual(Finding(kind).regel, regel, "\(kind)")
            XCTAssertEqual(Finding(kind).severity, severity, "\(kind)")
        }
    }
}
