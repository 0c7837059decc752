// Issue 12, found by use: the Kursbeginn on a day without teaching, breaks, max=, the last day, Kursart grammar,
// R2 after the KBM, the timeline, injected faults, findings that name their way out, ids in any case, show of a person.

import XCTest
@testable import KBMCore
@testable import KBMRender

final class DomainGapsTests: XCTestCase {
    /// Runs lines the way a script does (going on after errors) and returns everything printed and the session.
    private func run(_ lines: String, on session: Session = Session(today: Clock.today())) -> (text: String, session: Session) {
        let sink = BufferSink()
        let shell = Shell(session: session, store: nil, sink: sink)
        shell.options.bail = false
        _ = shell.run(ByteLineSource(name: "t.kbm", directory: ".", bytes: Array(lines.utf8)), asUnit: true)
        return (sink.text, shell.session)
    }

    private func text(_ lines: String) -> String { run(lines).text }

    /// A course that `melden` can report on 02.03.2026, with one BAMF-funded Tn (T1) and Lehrkraft LK-1.
    private static let bereit = """
        set today 02.03.2026
        mandant traegernummer=TR-1
        add kursort KO-1
        new auftrag IK-1 typ=integrationskurs
        kursdaten kursart=allgemein abschnitt=basis2 beginn=02.03.2026 kursort=KO-1
        add lehrkraft vorname=Anna nachname=Berger kennung=LK-1
        assign LK-1
        add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990 az=AZ-1
        book T1 kostentraeger=bamf
        admit T1 verfahren=erst
        plan

        """

    /// `n` Selbstzahler booked into the open Auftrag (T2, T3, …).
    private static func selbstzahler(_ n: Int) -> String {
        (0..<n).map { i in
            "add teilnehmer vorname=\(String(UnicodeScalar(UInt8(65 + i % 26)))) nachname=Selbst\(["", "a", "b"][i / 26]) geboren=01.01.1990\n"
                + "book T\(i + 2) kostentraeger=selbstzahler\n"
        }.joined()
    }

    // MARK: 1. Kursbeginn on a day without teaching

    func testKursbeginnOnASundayWarnsAtEntryAndInCheckAndIsPrintedAsEntered() {
        let out = run("kursdaten beginn=01.03.2026\ncheck\nshow\n", on: run(Self.bereit).session).text
        let warnung = "Am Kursbeginn 01.03.2026 ist kein Unterricht (Sonntag, kein Unterrichtstag); der erste Unterrichtstag ist der 02.03.2026."
        XCTAssertEqual(out.components(separatedBy: "Warnung R5:  " + warnung).count - 1, 3, "at entry, in check, in show: \(out)")
        XCTAssertTrue(out.contains("  Kursbeginn:           01.03.2026\n"), out)
        XCTAssertTrue(out.contains("Kursbeginn 01.03.2026 (erster Unterrichtstag 02.03.2026), Ende des Orientierungskurses"), out)
        XCTAssertFalse(out.contains("Kursbeginn 02.03.2026"), out)
    }

    func testKursbeginnOnKarfreitagAndABreakOverKursbeginnWarn() {
        let karfreitag = text(Self.bereit + "kursdaten beginn=03.04.2026\n")
        XCTAssertTrue(karfreitag.contains("Am Kursbeginn 03.04.2026 ist kein Unterricht (Feiertag: Karfreitag); der erste Unterrichtstag ist der 07.04.2026."),
                      karfreitag)
        let pause = text(Self.bereit + "unterbrechung von=02.03.2026 bis=06.03.2026\ncheck\n")
        let warnung = "Am Kursbeginn 02.03.2026 ist kein Unterricht (Unterbrechung 02.03.2026 bis 06.03.2026); der erste Unterrichtstag ist der 09.03.2026."
        XCTAssertEqual(pause.components(separatedBy: warnung).count - 1, 2, pause)
    }

    // MARK: 2. Overlapping and duplicate Unterbrechungen

    func testADuplicateBreakIsRefusedAndAnOverlapWarnsNamingBoth() {
        let out = run(Self.bereit + """
            unterbrechung von=30.03.2026 bis=10.04.2026 grund="Osterferien"
            unterbrechung von=30.03.2026 bis=10.04.2026
            unterbrechung von=06.04.2026 bis=17.04.2026 grund="Brückentage"
            """)
        XCTAssertTrue(out.text.contains("t.kbm:13: Fehler: Die Unterbrechung 30.03.2026 bis 10.04.2026 („Osterferien“) ist bereits eingetragen."), out.text)
        XCTAssertTrue(out.text.contains("Warnung R5:  Die Unterbrechungen 30.03.2026 bis 10.04.2026 („Osterferien“) und 06.04.2026 bis 17.04.2026 („Brückentage“) überschneiden sich"),
                      out.text)
        XCTAssertEqual(out.session.auftraege["IK-1"]?.unterbrechungen.count, 2)
    }

    // MARK: 3. max= decides R12, here and at the BAMF

    func testTheCoursesMaxDecidesR12LocallyAndAtTheBamf() {
        let hoeher = text(Self.bereit + "kursdaten max=30\n" + Self.selbstzahler(25) + "check\nmelden\n")
        XCTAssertTrue(hoeher.contains("Hinweis: 30 liegt über der Höchstteilnehmerzahl des Allgemeinen Integrationskurses (25)"), hoeher)
        XCTAssertFalse(hoeher.contains("R12"), hoeher)
        XCTAssertFalse(hoeher.contains("1046"), hoeher)
        XCTAssertTrue(hoeher.contains("BAMF-Kursnummer: BK2026-000001"), hoeher)

        let niedriger = text(Self.bereit + "kursdaten max=10\n" + Self.selbstzahler(10) + "check\nmelden\n")
        XCTAssertTrue(niedriger.contains("Warnung R12: 11 Teilnehmer sind mehr als die Höchstteilnehmerzahl von 10 (des Kurses, „kursdaten max=10“)"), niedriger)
        XCTAssertTrue(niedriger.contains("BAMF-Fehler 1046: 11 Teilnehmer überschreiten die Höchstteilnehmerzahl von 10."), niedriger)

        let vorgabe = text(Self.bereit + Self.selbstzahler(25) + "check\n")
        XCTAssertTrue(vorgabe.contains("26 Teilnehmer sind mehr als die Höchstteilnehmerzahl von 25 (Vorgabe für den Allgemeinen Integrationskurs)"), vorgabe)
    }

    // MARK: 4. The last day

    func testACourseKbmCannotScheduleIsRefusedAndShowPrintsTheRest() {
        let refused = text(Self.bereit + "kursdaten beginn=31.12.9999\nunterbrechung von=01.04.2026 bis=31.12.9999\n")
        XCTAssertTrue(refused.contains("t.kbm:12: Fehler: Der Abschnittsplan lässt sich nicht berechnen: Der Kurs reichte über den 31.12.9999 hinaus."), refused)
        XCTAssertTrue(refused.contains("t.kbm:13: Fehler: Der Abschnittsplan lässt sich nicht berechnen"), refused)

        // A session from before the refusal still shows everything else.
        var session = run(Self.bereit).session
        session.modifyAuftrag("IK-1") { $0.kursdaten?.kursbeginn = Day(year: 9999, month: 12, day: 1)! }
        let shown = run("show\n", on: session).text
        XCTAssertTrue(shown.contains("Der Abschnittsplan lässt sich nicht berechnen: Der Kurs reichte über den 31.12.9999 hinaus."), shown)
        for part in ["Auftrag IK-1", "Integrationskursdaten IK-1", "LK-1", "Übermittelt: 1", "Meldungen", "Warnung R13:"] {
            XCTAssertTrue(shown.contains(part), "\(part) fehlt: \(shown)")
        }
        XCTAssertFalse(shown.contains("t.kbm:1: Fehler"), shown)
    }

    func testAKursbeginnYearsAwayWarns() {
        let out = text(Self.bereit + "kursdaten beginn=02.03.2029\nkursdaten beginn=02.03.2027\n")
        XCTAssertTrue(out.contains("Warnung R5:  Der Kursbeginn 02.03.2029 liegt mehr als zwei Jahre vom heutigen Tag (02.03.2026) entfernt"), out)
        XCTAssertFalse(out.contains("Der Kursbeginn 02.03.2027 liegt"), out)
    }

    // MARK: 5. Kursart names in every case

    func testKursartNamesAreInflected() {
        let out = text("new auftrag IK-1 typ=integrationskurs\nkursdaten kursart=allgemein abschnitt=aufbau9\nbamf hoechstzahl allgemein 20\n")
        XCTAssertTrue(out.contains("„aufbau9“ ist kein Abschnitt des Allgemeinen Integrationskurses (möglich"), out)
        XCTAssertTrue(out.contains("Höchstteilnehmerzahl für den Allgemeinen Integrationskurs: 20."), out)
        XCTAssertEqual(Wording.message(AbschnittsplanError.beginnabschnittOutOfRange(Abschnitt(number: 9), .allgemein)),
                       "Abschnitt 9 gibt es im Allgemeinen Integrationskurs nicht.")
        for k in Kursart.allCases where k != .allgemein {
            XCTAssertEqual(Wording.kursart(k, .genitiv), k.name + "es")
            XCTAssertEqual(Wording.kursart(k, .dativ), k.name)
        }
    }

    // MARK: 16. What the BAMF received is frozen

    func testAfterTheKbmWhatTheBamfReceivedCannotChange() {
        let out = text(Self.bereit + """
            melden
            kursdaten beginn=09.03.2026
            unterbrechung von=30.03.2026 bis=10.04.2026
            unassign LK-1
            add lehrkraft vorname=Tomasz nachname=Nowak kennung=LK-2
            assign LK-2
            assign LK-2 art=koordinator
            anmelden T1 nein
            status T1 aktiv
            """)
        for line in [13, 14, 15, 17, 19] {
            XCTAssertTrue(out.contains("t.kbm:\(line): Fehler: Der Kursbeginn von IK-1 ist bereits gemeldet (Kursnummer BK2026-000001); eine spätere Korrektur ist nicht möglich (R2)."),
                          "Zeile \(line): \(out)")
        }
        XCTAssertTrue(out.contains("Tomasz Nowak (LK-2) ist in IK-1 zuständig als Koordinator."), out)
        XCTAssertTrue(out.contains("Status von T1: aktiv."), out)
    }

    // MARK: 22. The timeline

    private func timeline(_ kursart: Kursart, _ abschnitt: Int, _ beginn: String, breaks: [(String, String)] = []) throws -> [String] {
        let d = { (s: String) in Day(parsing: s)! }
        let plan = try Abschnittsplan(kursart: kursart, beginnabschnitt: Abschnitt(number: abschnitt), kursbeginn: d(beginn),
                                      unterbrechungen: breaks.map { (d($0.0), d($0.1)) })
        return Renderer.timeline(plan).split(separator: "\n").map(String.init)
    }

    func testTheTimelineDrawsBreaksAsNoTeachingAndHolidayWeeksAsPartWeeks() throws {
        // The example: Osterferien 30.03.–10.04.2026 (weeks 5 and 6), teaching again from 13.04.
        let lines = try timeline(.allgemein, 2, "02.03.2026", breaks: [("30.03.2026", "10.04.2026")])
        let basis2 = try XCTUnwrap(lines.first { $0.hasPrefix("Basis 2") })
        XCTAssertTrue(basis2.hasPrefix("Basis 2  ████··█·"), basis2)
        // Basis 3 from 20.04.: 1. Mai, Christi Himmelfahrt and Pfingstmontag make part weeks.
        let basis3 = try XCTUnwrap(lines.first { $0.hasPrefix("Basis 3") })
        XCTAssertTrue(basis3.hasPrefix("Basis 3  ·······█▌█▌█▌·"), basis3)
    }

    func testTheTimelineLabelsTheMonthAndEveryYearOfTheCourse() throws {
        // 01.04.2026 is a Wednesday: its week begins in March, the course in April. It runs into 2027.
        let lines = try timeline(.alpha, 1, "01.04.2026")
        XCTAssertEqual(lines[1].trimmingBlanks, "2027", lines.joined(separator: "\n"))
        XCTAssertTrue(lines[2].hasPrefix("2026      Apr  Mai"), lines.joined(separator: "\n"))
        XCTAssertEqual(lines[1].firstRange(of: "2027")?.lowerBound.utf16Offset(in: lines[1]),
                       lines[2].firstRange(of: "Jan")?.lowerBound.utf16Offset(in: lines[2]), "2027 stands above Jan")
        // A course within one year has no year row.
        let kurz = try timeline(.allgemein, 6, "01.04.2026")
        XCTAssertTrue(kurz[1].hasPrefix("2026     Apr"), kurz.joined(separator: "\n"))
    }

    // MARK: 23. Injected faults

    func testAnInjectedFaultReadsAsTheBamfsMessageAndCanBeTakenBack() {
        let out = text(Self.bereit + """
            bamf stoerung kursbeginnmeldung fehler=1042
            melden
            bamf stoerung kursbeginnmeldung fehler=1043
            bamf stoerung kursbeginnmeldung off
            bamf stoerung kursbeginnmeldung off
            bamf stoerung kursplanung
            """)
        XCTAssertTrue(out.contains("  BAMF-Fehler 1042: Es ist keine Lehrkraft gemeldet.\n"), out)
        XCTAssertFalse(out.contains("bamf stoerung“"), out)
        XCTAssertTrue(out.contains("Die Störung 1043 für die nächste Kursbeginnmeldung ist aufgehoben."), out)
        XCTAssertTrue(out.contains("Für die Kursbeginnmeldung war keine Störung eingestellt."), out)
        XCTAssertTrue(out.contains("Welche Störung? „bamf stoerung kursplanung fehler=NUMMER“ stellt eine ein"), out)
        let unknown = text(Self.bereit + "bamf stoerung kursbeginnmeldung fehler=4711\nmelden\n")
        XCTAssertTrue(unknown.contains("  BAMF-Fehler 4711: Die Nachricht wurde abgelehnt.\n"), unknown)
        let tn = text(Self.bereit + "bamf stoerung kursbeginnmeldung fehler=1043\nmelden\n")
        XCTAssertTrue(tn.contains("  BAMF-Fehler 1043: Teilnehmer T1 (Aktenzeichen AZ-1) ist nicht zum Integrationskurs zugelassen.\n"), tn)
    }

    // MARK: 25. Findings name their way out

    func testR4R5AndR10NameTheCommandThatFixesThem() {
        let out = text("new auftrag IK-1 typ=integrationskurs\nkursdaten kursart=allgemein abschnitt=basis1 kursort=KO-9\ncheck\n")
        XCTAssertTrue(out.contains("Fehler R4:   Der Mandant hat keine Trägernummer („mandant traegernummer=…“)."), out)
        XCTAssertTrue(out.contains("Fehler R4:   Der Kursort KO-9 ist keine Kursortkennung des Mandanten („add kursort KO-9“ oder „kursdaten kursort=…“)."), out)
        XCTAssertTrue(out.contains("Fehler R5:   Die Integrationskursdaten sind unvollständig, es fehlt: Kursbeginn („kursdaten beginn=…“)."), out)
        XCTAssertTrue(out.contains("Fehler R10:  Kein Teilnehmer würde übermittelt (Status wartet oder aktiv und A-Kennzeichen) („book TN kostentraeger=bamf“ oder „anmelden TN ja“)."),
                      out)
    }

    // MARK: 26. Ids in any letter case; show of a person

    func testIdsAreFoundInAnyLetterCaseAndKeptAsFirstEntered() {
        let out = run("""
            new auftrag IK-A typ=integrationskurs
            open auftrag ik-a
            new auftrag ik-A typ=sonstiges
            add kursort ko-1
            add kursort KO-1
            kursdaten kursart=allgemein abschnitt=basis1 beginn=02.03.2026 kursort=KO-1
            add lehrkraft vorname=Anna nachname=Berger kennung=LK-1
            add lehrkraft vorname=Anna nachname=Berger kennung=lk-1
            assign lk-1
            unassign Lk-1
            add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990 az=AZ-1
            add teilnehmer vorname=Jonas nachname=Keller geboren=08.07.1979 az=az-1
            book az-1 kostentraeger=bamf
            show auftrag ik-a
            """)
        XCTAssertTrue(out.text.contains("Auftrag IK-A geöffnet."), out.text)
        XCTAssertTrue(out.text.contains("t.kbm:3: Fehler: Auftrag „IK-A“ gibt es schon."), out.text)
        XCTAssertTrue(out.text.contains("t.kbm:5: Fehler: Kursort „ko-1“ gibt es schon."), out.text)
        XCTAssertFalse(out.text.contains("Hinweis: KO-1"), out.text)
        XCTAssertTrue(out.text.contains("t.kbm:8: Fehler: Die Lehrkraftkennung „LK-1“ ist schon vergeben."), out.text)
        XCTAssertTrue(out.text.contains("Anna Berger (LK-1) ist in IK-A zuständig als Lehrkraft."), out.text)
        XCTAssertTrue(out.text.contains("Zuständigkeit von LK-1 in IK-A aufgehoben."), out.text)
        XCTAssertTrue(out.text.contains("t.kbm:12: Fehler: Das Aktenzeichen az-1 gehört schon zu T1."), out.text)
        XCTAssertTrue(out.text.contains("T1 Öztürk, Leyla in IK-A gebucht"), out.text)
        XCTAssertTrue(out.text.contains("Auftrag IK-A\n"), out.text)
        XCTAssertEqual(out.session.auftraege.values.first?.kursdaten?.kursort, "ko-1")
        XCTAssertEqual(Array(out.session.auftraege.keys), ["IK-A"])
    }

    func testIdentifierDictionaryFindsKeysInAnyCaseAsTheyAreStoredAndRemoved() {
        var ids: IdentifierDictionary<Int> = ["KO-1": 1, "ko-2": 2]
        XCTAssertEqual(ids.storedKey(for: "ko-1"), "KO-1")
        XCTAssertEqual(ids.storedKey(for: "KO-2"), "ko-2")
        XCTAssertEqual(ids.storedKey(for: "Ko-2"), "ko-2")
        XCTAssertNil(ids.storedKey(for: "KO-3"))
        // An older file may hold two case variants: the first stays the one found, the other once it is gone.
        ids["kO-2"] = 3
        XCTAssertEqual(ids.storedKey(for: "KO-2"), "ko-2")
        ids.removeValue(forKey: "ko-2")
        XCTAssertEqual(ids.storedKey(for: "KO-2"), "kO-2")
        ids["kO-2"] = nil
        XCTAssertNil(ids.storedKey(for: "ko-2"))
        ids.values[0] = 4
        XCTAssertEqual(Array(ids.keys), ["KO-1"])
        XCTAssertEqual(ids["KO-1"], 4)
    }

    func testShowTeilnehmerAndShowLehrkraft() {
        let out = text(Self.bereit + "show teilnehmer Öztürk,Leyla\nshow lehrkraft lk-1\n")
        XCTAssertTrue(out.contains("Teilnehmer T1\n  Tn-Nr:        T1\n  Nachname:     Öztürk\n  Vorname:      Leyla\n  Geburtsdatum: 12.04.1990\n  Aktenzeichen: AZ-1\n"), out)
        XCTAssertTrue(out.contains("  Zulassung:    Erstverfahren, 02.03.2026\n"), out)
        XCTAssertTrue(out.contains("IK-1     wartet  BAMF          ja                      ja\n"), out)
        XCTAssertTrue(out.contains("Lehrkraft LK-1\n  Kennung:  LK-1\n  Vorname:  Anna\n  Nachname: Berger\n  Alpha:    nein\n"), out)
        XCTAssertTrue(out.contains("IK-1     Lehrkraft"), out)
    }
}
