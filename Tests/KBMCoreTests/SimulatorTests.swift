// The simulated InGe-Online: every numbered BAMF message fires when it should and not otherwise,
// in lenient and strict mode; "nur validieren" and the Kursnummern.

import XCTest
@testable import KBMCore
@testable import KBMModel
@testable import KBMDomain

final class SimulatorTests: XCTestCase {
    let sim = SimulatedInGe()
    static let traeger = "TR-4711"
    static let kursort = "KO-4711-01"
    static let beginn = Day(year: 2026, month: 3, day: 2)!
    static let t1 = GesendeterTeilnehmer(nummer: "T1", az: "AZ-100001", geboren: Day(year: 1990, month: 4, day: 12)!)
    static let t2 = GesendeterTeilnehmer(nummer: "T2", az: "AZ-100002", geboren: Day(year: 1985, month: 11, day: 3)!)

    // MARK: building messages

    static func kopf(auftrag: String = "IK-1", traeger: String = traeger, kursort: String = kursort,
                     kursart: Kursart = .allgemein, beginn: Day = beginn) -> Kurskopf {
        Kurskopf(traegernummer: traeger, auftrag: auftrag, kursort: kursort, kursart: kursart,
                 beginnabschnitt: Abschnitt(number: 2), kursbeginn: beginn)
    }

    static func anmeldung(_ tn: GesendeterTeilnehmer = t1, traeger: String = traeger,
                          verfahren: Zulassung.Verfahren = .erst) -> InGeRequest {
        .kursanmeldung(traegernummer: traeger, teilnehmer: tn, verfahren: verfahren, kursart: .allgemein,
                       abschnitt: Abschnitt(number: 2))
    }

    static func planung(_ kopf: Kurskopf = kopf(), _ tn: [GesendeterTeilnehmer] = [t1], update: Bool = false) -> InGeRequest {
        .kursplanung(kopf, abschnitte: [], teilnehmer: tn, aktualisierung: update)
    }

    static func kbm(_ kopf: Kurskopf = kopf(), lehrkraefte: [String] = ["LK-1001"], _ tn: [GesendeterTeilnehmer] = [t1],
                    gesamt: Int? = nil) -> InGeRequest {
        .kursbeginnmeldung(kopf, lehrkraefte: lehrkraefte, teilnehmer: tn, gesamtTeilnehmer: gesamt ?? tn.count)
    }

    @discardableResult
    func submit(_ request: InGeRequest, _ bamf: inout BamfSide, today: Day = beginn,
                nurValidieren: Bool = false) -> InGeResponse {
        sim.submit(request, nurValidieren: nurValidieren, today: today, bamf: &bamf)
    }

    func numbers(_ response: InGeResponse) -> [Int] { response.meldungen.map(\.nummer) }

    /// A BAMF that admitted T1 (and T2) and holds a plan carrying them: a KBM of IK-1 would succeed.
    func ready(_ modus: BamfSide.Modus = .lenient, file: StaticString = #filePath, line: UInt = #line) -> BamfSide {
        var bamf = BamfSide()
        if modus == .strict { Testdaten.register(in: &bamf) }
        bamf.modus = modus
        XCTAssertEqual(submit(Self.anmeldung(Self.t1), &bamf).ergebnis, .erfolgreich, file: file, line: line)
        XCTAssertEqual(submit(Self.anmeldung(Self.t2), &bamf).ergebnis, .erfolgreich, file: file, line: line)
        XCTAssertEqual(submit(Self.planung(Self.kopf(), [Self.t1, Self.t2]), &bamf).ergebnis, .erfolgreich, file: file, line: line)
        return bamf
    }

    // MARK: the happy path and the Kursnummer

    func testReadyCourseIsAcceptedInBothModes() {
        for modus in BamfSide.Modus.allCases {
            var bamf = ready(modus)
            let response = submit(Self.kbm(Self.kopf(), [Self.t1, Self.t2]), &bamf)
            XCTAssertEqual(response.ergebnis, .erfolgreich, "\(modus)")
            XCTAssertEqual(response.meldungen, [], "\(modus)")
            XCTAssertEqual(response.kursnummer, "BK2026-000001", "\(modus)")
            XCTAssertEqual(bamf.kursnummern[BamfSide.key(Self.traeger, "IK-1")], "BK2026-000001")
            XCTAssertEqual(bamf.naechsteKursnummer, 2)
        }
    }

    func testKursnummernHaveAStableFormAndIncrement() {
        var bamf = ready()
        XCTAssertEqual(submit(Self.planung(Self.kopf(auftrag: "IK-2")), &bamf).ergebnis, .erfolgreich)
        let spaet = Day(year: 2027, month: 1, day: 11)!
        XCTAssertEqual(submit(Self.planung(Self.kopf(auftrag: "IK-3", beginn: spaet)), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(submit(Self.kbm(Self.kopf(auftrag: "IK-1")), &bamf).kursnummer, "BK2026-000001")
        XCTAssertEqual(submit(Self.kbm(Self.kopf(auftrag: "IK-2")), &bamf).kursnummer, "BK2026-000002")
        // The year is that of the Kursbeginn; the running number belongs to the BAMF, not to the year.
        XCTAssertEqual(submit(Self.kbm(Self.kopf(auftrag: "IK-3", beginn: spaet)), &bamf, today: spaet).kursnummer,
                       "BK2027-000003")
        XCTAssertEqual(bamf.naechsteKursnummer, 4)
        XCTAssertEqual(SimulatedInGe.kursnummer(year: 2026, sequence: 1), "BK2026-000001")
        XCTAssertEqual(SimulatedInGe.kursnummer(year: 2026, sequence: 999_999), "BK2026-999999")
        XCTAssertEqual(SimulatedInGe.kursnummer(year: 2026, sequence: 1_234_567), "BK2026-1234567")
    }

    func testRejectedKBMIssuesNoNumberAndChangesNothing() {
        var bamf = ready()
        let before = bamf
        let response = submit(Self.kbm(lehrkraefte: []), &bamf)
        XCTAssertEqual(response.ergebnis, .abgelehnt)
        XCTAssertNil(response.kursnummer)
        XCTAssertEqual(bamf, before)
        // R3 on the BAMF side: the same KBM succeeds once the cause is removed, and gets the first number.
        XCTAssertEqual(submit(Self.kbm(), &bamf).kursnummer, "BK2026-000001")
    }

    // MARK: 1001 Träger, 1002 Kursort

    func testTraegerUnbekannt1001() {
        // Lenient: any well-formed Trägernummer is accepted, a malformed one is not.
        var lenient = BamfSide()
        XCTAssertEqual(submit(Self.anmeldung(traeger: "TR-0815"), &lenient).ergebnis, .erfolgreich)
        XCTAssertEqual(numbers(submit(Self.anmeldung(Self.t2, traeger: "TR 0815"), &lenient)), [1001])
        XCTAssertEqual(numbers(submit(Self.anmeldung(Self.t2, traeger: String(repeating: "9", count: 21)), &lenient)), [1001])

        // Strict: only registered Träger, in every message type.
        var strict = BamfSide()
        Testdaten.register(in: &strict)
        strict.modus = .strict
        XCTAssertEqual(numbers(submit(Self.anmeldung(traeger: "TR-0815"), &strict)), [1001])
        XCTAssertEqual(numbers(submit(Self.planung(Self.kopf(traeger: "TR-0815")), &strict)), [1001])
        XCTAssertTrue(numbers(submit(Self.kbm(Self.kopf(traeger: "TR-0815")), &strict)).contains(1001))
        XCTAssertEqual(numbers(submit(.kursplanstorno(traegernummer: "TR-0815", auftrag: "IK-1"), &strict)), [1001, 1050])
        XCTAssertEqual(submit(Self.anmeldung(), &strict).ergebnis, .erfolgreich)
        strict.traeger.insert("TR-0815")
        XCTAssertEqual(submit(Self.anmeldung(traeger: "TR-0815"), &strict).ergebnis, .erfolgreich)
    }

    func testKursortUnbekannt1002() {
        var lenient = ready()
        XCTAssertEqual(numbers(submit(Self.planung(Self.kopf(kursort: "KO/99 X")), &lenient)), [1002])
        XCTAssertEqual(submit(Self.planung(Self.kopf(kursort: "KO-0815")), &lenient).ergebnis, .erfolgreich)

        var strict = ready(.strict)
        XCTAssertEqual(numbers(submit(Self.planung(Self.kopf(kursort: "KO-0815")), &strict)), [1002])
        XCTAssertEqual(numbers(submit(Self.kbm(Self.kopf(kursort: "KO-0815")), &strict)), [1002])
        XCTAssertEqual(submit(Self.kbm(Self.kopf(kursort: "KO-4711-02")), &strict).ergebnis, .erfolgreich)
    }

    // MARK: R15: 1010 Lehrkraft, 1020 Tn unbekannt, 1021 Geburtsdatum

    func testLehrkraftUnbekannt1010OnlyInStrictMode() {
        var lenient = ready()
        XCTAssertEqual(submit(Self.kbm(lehrkraefte: ["LK-1901"]), &lenient).ergebnis, .erfolgreich)

        var strict = ready(.strict)
        let response = submit(Self.kbm(lehrkraefte: ["LK-1001", "LK-1901"]), &strict)
        XCTAssertEqual(numbers(response), [1010])
        XCTAssertTrue(response.meldungen[0].line.contains("LK-1901"), response.meldungen[0].line)
        XCTAssertFalse(response.meldungen[0].line.contains("LK-1001"))
        XCTAssertEqual(submit(Self.kbm(lehrkraefte: ["LK-1001", "LK-1002"]), &strict).ergebnis, .erfolgreich)
    }

    func testTeilnehmerUnbekannt1020OnlyInStrictModeFromTheKursanmeldungOn() {
        let fremd = GesendeterTeilnehmer(nummer: "T9", az: "AZ-999999", geboren: Day(year: 2000, month: 1, day: 1)!)
        var lenient = BamfSide()
        XCTAssertEqual(submit(Self.anmeldung(fremd), &lenient).ergebnis, .erfolgreich)

        var strict = ready(.strict)
        let response = submit(Self.anmeldung(fremd), &strict)
        XCTAssertEqual(numbers(response), [1020])
        XCTAssertEqual(response.meldungen[0].line, "BAMF-Fehler 1020: Teilnehmer T9 (Aktenzeichen AZ-999999) ist nicht bekannt.")
        XCTAssertNil(strict.zulassungen[BamfSide.key(Self.traeger, "AZ-999999")], "a rejection records nothing")
        XCTAssertNil(strict.teilnehmer["AZ-999999"])
        // Every message that carries the Tn is checked: the plan and the KBM too.
        XCTAssertEqual(numbers(submit(Self.planung(Self.kopf(), [Self.t1, fremd]), &strict)), [1020])
        XCTAssertEqual(numbers(submit(Self.kbm(Self.kopf(), [Self.t1, fremd]), &strict)), [1020])
        // Once the BAMF knows the person, the Kursanmeldung goes through.
        strict.teilnehmer["AZ-999999"] = fremd.geboren
        XCTAssertEqual(submit(Self.anmeldung(fremd), &strict).ergebnis, .erfolgreich)
    }

    func testGeburtsdatumPasstNicht1021InStrictMode() {
        var strict = BamfSide()
        Testdaten.register(in: &strict)
        strict.modus = .strict
        var falsch = Self.t2
        falsch.geboren = Day(year: 1958, month: 11, day: 3)!
        let response = submit(Self.anmeldung(falsch), &strict)
        XCTAssertEqual(numbers(response), [1021])
        XCTAssertTrue(response.meldungen[0].line.contains("T2 (Aktenzeichen AZ-100002)"), response.meldungen[0].line)
        XCTAssertEqual(submit(Self.anmeldung(Self.t2), &strict).ergebnis, .erfolgreich)
    }

    func testGeburtsdatumPasstNicht1021InLenientModeAfterAFirstKursanmeldung() {
        var bamf = BamfSide()
        var falsch = Self.t1
        falsch.geboren = Day(year: 1990, month: 12, day: 4)!
        // Before any Kursanmeldung the lenient BAMF knows nothing to contradict.
        XCTAssertEqual(submit(Self.planung(Self.kopf(), [falsch]), &bamf).ergebnis, .erfolgreich)
        // The first Kursanmeldung teaches it the Geburtsdatum …
        XCTAssertEqual(submit(Self.anmeldung(Self.t1), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(bamf.teilnehmer["AZ-100001"], Self.t1.geboren)
        // … and every later message with another one is refused.
        XCTAssertEqual(numbers(submit(Self.anmeldung(falsch, verfahren: .wiederhol), &bamf)), [1021])
        XCTAssertEqual(numbers(submit(Self.planung(Self.kopf(), [falsch], update: true), &bamf)), [1021])
        XCTAssertEqual(numbers(submit(Self.kbm(Self.kopf(), [falsch]), &bamf)), [1021])
        XCTAssertEqual(submit(Self.planung(Self.kopf(), [Self.t1], update: true), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(submit(Self.kbm(Self.kopf(), [Self.t1]), &bamf).ergebnis, .erfolgreich)
    }

    // MARK: 1030 double Erst-Anmeldung

    func testErstanmeldungDoppelt1030() {
        var bamf = BamfSide()
        XCTAssertEqual(submit(Self.anmeldung(Self.t1), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(bamf.zulassungen[BamfSide.key(Self.traeger, "AZ-100001")], .erst)
        let response = submit(Self.anmeldung(Self.t1), &bamf)
        XCTAssertEqual(numbers(response), [1030])
        XCTAssertTrue(response.meldungen[0].line.contains("AZ-100001"))
        // Wiederholverfahren is fine, and the Erst-Anmeldung under another Trägernummer too.
        XCTAssertEqual(submit(Self.anmeldung(Self.t1, verfahren: .wiederhol), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(submit(Self.anmeldung(Self.t1, traeger: "TR-0815"), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(submit(Self.anmeldung(Self.t2), &bamf).ergebnis, .erfolgreich)
    }

    /// domain.md: "A second Erst-Anmeldung of the same Tn under the same Trägernummer is refused" –
    /// also when a Wiederhol-Anmeldung came in between.
    func testErstanmeldungAfterAWiederholanmeldungIsStillASecondOne1030() {
        var bamf = BamfSide()
        XCTAssertEqual(submit(Self.anmeldung(Self.t1), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(submit(Self.anmeldung(Self.t1, verfahren: .wiederhol), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(numbers(submit(Self.anmeldung(Self.t1, verfahren: .erst), &bamf)), [1030])
    }

    func testKursanmeldungWithoutAktenzeichen1044() {
        var bamf = BamfSide()
        let ohne = GesendeterTeilnehmer(nummer: "T3", az: nil, geboren: Day(year: 1998, month: 1, day: 27)!)
        let response = submit(Self.anmeldung(ohne), &bamf)
        XCTAssertEqual(numbers(response), [1044])
        XCTAssertEqual(response.meldungen[0].line, "BAMF-Fehler 1044: Für Teilnehmer T3 fehlen Aktenzeichen oder Geburtsdatum.")
        XCTAssertEqual(bamf, BamfSide())
    }

    // MARK: Kursplanung: 1040, 1041, 1050, 1051

    func testKursplanungFehlt1040OnlyFromFebruary2018() {
        var bamf = BamfSide()
        XCTAssertEqual(submit(Self.anmeldung(Self.t1), &bamf).ergebnis, .erfolgreich)
        let pflicht = Day(year: 2018, month: 2, day: 1)!
        let vorher = Day(year: 2018, month: 1, day: 31)!
        XCTAssertEqual(SimulatedInGe.planPflichtAb, pflicht)
        XCTAssertEqual(numbers(submit(Self.kbm(Self.kopf(auftrag: "IK-A", beginn: pflicht)), &bamf, today: pflicht)), [1040])
        XCTAssertEqual(numbers(submit(Self.kbm(Self.kopf(auftrag: "IK-C")), &bamf)), [1040])
        let alt = submit(Self.kbm(Self.kopf(auftrag: "IK-B", beginn: vorher)), &bamf, today: vorher)
        XCTAssertEqual(alt.ergebnis, .erfolgreich)
        XCTAssertEqual(alt.kursnummer, "BK2018-000001")
    }

    func testKursplanungStorniert1041() {
        var bamf = ready()
        XCTAssertEqual(submit(.kursplanstorno(traegernummer: Self.traeger, auftrag: "IK-1"), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(bamf.plaene[BamfSide.key(Self.traeger, "IK-1")]?.storniert, true)
        XCTAssertEqual(numbers(submit(Self.kbm(), &bamf)), [1041])
        XCTAssertEqual(numbers(submit(Self.planung(update: true), &bamf)), [1041])
        XCTAssertEqual(numbers(submit(.kursplanstorno(traegernummer: Self.traeger, auftrag: "IK-1"), &bamf)), [1050])
        // Another course is not affected.
        XCTAssertEqual(submit(Self.planung(Self.kopf(auftrag: "IK-2")), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(submit(Self.kbm(Self.kopf(auftrag: "IK-2")), &bamf).ergebnis, .erfolgreich)
    }

    func testStornoNeedsAPlanAndNoKursnummer1050And1051() {
        var bamf = ready()
        XCTAssertEqual(numbers(submit(.kursplanstorno(traegernummer: Self.traeger, auftrag: "IK-9"), &bamf)), [1050])
        XCTAssertEqual(submit(Self.kbm(), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(numbers(submit(.kursplanstorno(traegernummer: Self.traeger, auftrag: "IK-1"), &bamf)), [1051])
        XCTAssertEqual(bamf.plaene[BamfSide.key(Self.traeger, "IK-1")]?.storniert, false)
    }

    func testPlanUpdateReplacesTheBamfCopy() {
        var bamf = BamfSide()
        XCTAssertEqual(submit(Self.planung(Self.kopf(), [Self.t1]), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(submit(Self.planung(Self.kopf(), [Self.t2], update: true), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(bamf.plaene[BamfSide.key(Self.traeger, "IK-1")], BamfSide.Plan(aktenzeichen: ["AZ-100002"]))
        XCTAssertEqual(submit(Self.planung(Self.kopf(), [], update: true), &bamf).ergebnis, .erfolgreich, "a plan without Tn")
        XCTAssertEqual(bamf.plaene[BamfSide.key(Self.traeger, "IK-1")], BamfSide.Plan(aktenzeichen: []))
    }

    // MARK: Kursbeginnmeldung: 1042 … 1049

    func testKeineLehrkraft1042() {
        var bamf = ready()
        XCTAssertEqual(numbers(submit(Self.kbm(lehrkraefte: []), &bamf)), [1042])
        XCTAssertEqual(submit(Self.kbm(lehrkraefte: ["LK-1001"]), &bamf).ergebnis, .erfolgreich)
    }

    func testNichtZugelassen1043() {
        var bamf = BamfSide()
        XCTAssertEqual(submit(Self.anmeldung(Self.t1), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(submit(Self.planung(Self.kopf(), [Self.t1, Self.t2]), &bamf).ergebnis, .erfolgreich)
        let response = submit(Self.kbm(Self.kopf(), [Self.t1, Self.t2]), &bamf)
        XCTAssertEqual(numbers(response), [1043])
        XCTAssertEqual(response.meldungen[0].line,
                       "BAMF-Fehler 1043: Teilnehmer T2 (Aktenzeichen AZ-100002) ist nicht zum Integrationskurs zugelassen.")
        // Admitted under another Trägernummer does not count.
        XCTAssertEqual(submit(Self.anmeldung(Self.t2, traeger: "TR-0815"), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(numbers(submit(Self.kbm(Self.kopf(), [Self.t1, Self.t2]), &bamf)), [1043])
        XCTAssertEqual(submit(Self.anmeldung(Self.t2), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(submit(Self.kbm(Self.kopf(), [Self.t1, Self.t2]), &bamf).ergebnis, .erfolgreich)
    }

    func testTeilnehmerDatenFehlen1044() {
        var bamf = ready()
        let ohne = GesendeterTeilnehmer(nummer: "T3", az: nil, geboren: Day(year: 1998, month: 1, day: 27)!)
        XCTAssertEqual(numbers(submit(Self.kbm(Self.kopf(), [Self.t1, ohne]), &bamf)), [1044])
    }

    func testKeinerGeplant1045() {
        var bamf = BamfSide()
        XCTAssertEqual(submit(Self.anmeldung(Self.t1), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(submit(Self.anmeldung(Self.t2), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(submit(Self.planung(Self.kopf(), []), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(numbers(submit(Self.kbm(Self.kopf(), [Self.t1, Self.t2]), &bamf)), [1045])
        // One planned Tn is enough.
        XCTAssertEqual(submit(Self.planung(Self.kopf(), [Self.t2], update: true), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(submit(Self.kbm(Self.kopf(), [Self.t1, Self.t2]), &bamf).ergebnis, .erfolgreich)
    }

    func testHoechstzahl1046WithDefaultsAndConfiguredOverride() {
        var bamf = ready()
        // The total Tn count is what counts (Selbstzahler included), against the Kursart's default.
        XCTAssertEqual(numbers(submit(Self.kbm(Self.kopf(), [Self.t1], gesamt: 26), &bamf)), [1046])
        let response = submit(Self.kbm(Self.kopf(), [Self.t1], gesamt: 26), &bamf)
        XCTAssertEqual(response.meldungen, [.hoechstzahlExceeded(anzahl: 26, hoechstens: 25)])
        XCTAssertEqual(response.meldungen[0].line, "BAMF-Fehler 1046: 26 Teilnehmer überschreiten die Höchstteilnehmerzahl von 25.")

        // Another Kursart has another default.
        XCTAssertEqual(submit(Self.planung(Self.kopf(auftrag: "AK-1", kursart: .alpha)), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(numbers(submit(Self.kbm(Self.kopf(auftrag: "AK-1", kursart: .alpha), [Self.t1], gesamt: 17), &bamf)), [1046])

        // The limit is configurable, since the BAMF changes it.
        bamf.hoechstTeilnehmer[.allgemein] = 2
        XCTAssertEqual(bamf.hoechstTeilnehmer(for: .allgemein), 2)
        XCTAssertEqual(bamf.hoechstTeilnehmer(for: .alpha), 16)
        XCTAssertEqual(submit(Self.kbm(Self.kopf(), [Self.t1, Self.t2], gesamt: 3), &bamf).meldungen,
                       [.hoechstzahlExceeded(anzahl: 3, hoechstens: 2)])
        XCTAssertEqual(submit(Self.kbm(Self.kopf(), [Self.t1, Self.t2], gesamt: 2), &bamf).ergebnis, .erfolgreich)
    }

    func testHoechstzahlExactlyReachedIsFine() {
        var bamf = ready()
        XCTAssertEqual(submit(Self.kbm(Self.kopf(), [Self.t1], gesamt: 25), &bamf).ergebnis, .erfolgreich)
    }

    func testNochNichtBegonnen1047() {
        var bamf = ready()
        let vorher = Self.beginn.adding(days: -1)
        let response = submit(Self.kbm(), &bamf, today: vorher)
        XCTAssertEqual(numbers(response), [1047])
        XCTAssertEqual(response.meldungen[0].line, "BAMF-Fehler 1047: Der Kurs beginnt erst am 02.03.2026.")
        // On the Kursbeginn itself, and late, the KBM is accepted (lateness is only a local warning, R14).
        XCTAssertEqual(submit(Self.kbm(Self.kopf(auftrag: "IK-1")), &bamf, today: Self.beginn).ergebnis, .erfolgreich)
        XCTAssertEqual(submit(Self.planung(Self.kopf(auftrag: "IK-2")), &bamf).ergebnis, .erfolgreich)
        XCTAssertEqual(submit(Self.kbm(Self.kopf(auftrag: "IK-2")), &bamf, today: Self.beginn.adding(days: 30)).ergebnis,
                       .erfolgreich)
    }

    func testZweiteKBM1048KeepsTheFirstNumber() {
        var bamf = ready()
        XCTAssertEqual(submit(Self.kbm(), &bamf).kursnummer, "BK2026-000001")
        let second = submit(Self.kbm(), &bamf)
        XCTAssertEqual(second.ergebnis, .abgelehnt)
        XCTAssertEqual(second.meldungen, [.alreadyReported("BK2026-000001")])
        XCTAssertEqual(numbers(second), [1048])
        XCTAssertNil(second.kursnummer)
        XCTAssertEqual(bamf.naechsteKursnummer, 2, "no number is used up by the refused second KBM")
        // A corrected second KBM (another Tn added) is refused just the same.
        XCTAssertEqual(numbers(submit(Self.kbm(Self.kopf(), [Self.t1, Self.t2]), &bamf)), [1048])
    }

    func testKeinTeilnehmer1049() {
        var bamf = ready()
        XCTAssertEqual(numbers(submit(Self.kbm(Self.kopf(), [], gesamt: 1), &bamf)), [1049])
    }

    func testSeveralCausesAreAllNamedInOneAnswer() {
        var bamf = BamfSide()
        let response = submit(Self.kbm(Self.kopf(), lehrkraefte: [], [Self.t1]), &bamf, today: Self.beginn.adding(days: -3))
        XCTAssertEqual(numbers(response), [1040, 1042, 1043, 1047])
        XCTAssertTrue(response.meldungen.allSatisfy { $0.line.hasPrefix("BAMF-Fehler \($0.nummer): ") })
    }

    func testRegelNumbersOfTheMessages() {
        XCTAssertEqual(BamfMessage.unknownTraeger("X").regel, 4)
        XCTAssertEqual(BamfMessage.unknownKursort("X").regel, 4)
        XCTAssertEqual(BamfMessage.unknownLehrkraft("X").regel, 15)
        XCTAssertEqual(BamfMessage.unknownTeilnehmer(Self.t1).regel, 15)
        XCTAssertEqual(BamfMessage.geburtsdatumMismatch(Self.t1).regel, 15)
        XCTAssertEqual(BamfMessage.kursplanungMissing.regel, 6)
        XCTAssertEqual(BamfMessage.kursplanungCancelled.regel, 7)
        XCTAssertEqual(BamfMessage.noLehrkraft.regel, 8)
        XCTAssertEqual(BamfMessage.teilnehmerNotAdmitted(Self.t1).regel, 9)
        XCTAssertEqual(BamfMessage.noTeilnehmerPlanned.regel, 11)
        XCTAssertEqual(BamfMessage.hoechstzahlExceeded(anzahl: 3, hoechstens: 2).regel, 12)
        XCTAssertEqual(BamfMessage.kursNotBegun(Self.beginn).regel, 13)
        XCTAssertEqual(BamfMessage.alreadyReported("BK2026-000001").regel, 2)
    }

    // MARK: nur validieren

    func testNurValidierenChecksButRecordsNothing() {
        var bamf = ready()
        let before = bamf
        let kbm = submit(Self.kbm(), &bamf, nurValidieren: true)
        XCTAssertEqual(kbm.ergebnis, .validiert)
        XCTAssertEqual(kbm.ergebnis.rawValue, "validiert, nicht übermittelt")
        XCTAssertEqual(kbm.meldungen, [.validatedOnly])
        XCTAssertEqual(kbm.meldungen[0].line.prefix(19), "BAMF-Hinweis 2000: ")
        XCTAssertNil(kbm.kursnummer)
        XCTAssertEqual(bamf, before, "no Kursnummer issued, no number used up")

        let anmeldung = submit(Self.anmeldung(GesendeterTeilnehmer(nummer: "T3", az: "AZ-100003", geboren: Self.beginn)),
                               &bamf, nurValidieren: true)
        XCTAssertEqual(anmeldung.ergebnis, .validiert)
        XCTAssertEqual(submit(Self.planung(Self.kopf(auftrag: "IK-2")), &bamf, nurValidieren: true).ergebnis, .validiert)
        XCTAssertEqual(submit(.kursplanstorno(traegernummer: Self.traeger, auftrag: "IK-1"), &bamf, nurValidieren: true).ergebnis,
                       .validiert)
        XCTAssertEqual(bamf, before)

        // Validation still rejects what is wrong.
        let falsch = submit(Self.kbm(lehrkraefte: []), &bamf, nurValidieren: true)
        XCTAssertEqual(falsch.ergebnis, .abgelehnt)
        XCTAssertEqual(numbers(falsch), [1042])

        // Afterwards the real KBM gets the first number.
        XCTAssertEqual(submit(Self.kbm(), &bamf).kursnummer, "BK2026-000001")
    }

    func testResponseDocumentCarriesResultNumberAndMessages() {
        var bamf = ready()
        let abgelehnt = submit(Self.kbm(lehrkraefte: []), &bamf)
        XCTAssertTrue(abgelehnt.xml.document.contains("<Ergebnis>abgelehnt</Ergebnis>"), abgelehnt.xml.document)
        XCTAssertTrue(abgelehnt.xml.document.contains("<Meldung nummer=\"1042\">Es ist keine Lehrkraft gemeldet.</Meldung>"))
        let ok = submit(Self.kbm(), &bamf)
        XCTAssertTrue(ok.xml.document.contains("<Kursnummer>BK2026-000001</Kursnummer>"), ok.xml.document)
    }

    /// The set delay comes back with the answer, at most a minute; the simulator itself never blocks.
    func testDelayIsReturnedNotWaited() {
        var bamf = ready()
        bamf.verzoegerungMs = 60_000
        let started = Clock.monotonicNanoseconds()
        XCTAssertEqual(submit(Self.kbm(), &bamf).delayMs, 60_000)
        bamf.offline = true
        XCTAssertEqual(submit(Self.kbm(), &bamf).delayMs, 60_000, "an answer that never came took its time too")
        XCTAssertLessThan(Clock.monotonicNanoseconds() - started, 1_000_000_000)
        bamf.verzoegerungMs = 0
        XCTAssertEqual(submit(Self.kbm(), &bamf).delayMs, 0)
    }
}
