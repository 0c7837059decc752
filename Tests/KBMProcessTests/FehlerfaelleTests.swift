// Runs every lesson in scripts/fehlerfaelle with the built kbm: each rule R1–R16 fires, then is resolved,
// and the lesson's own `expect` lines confirm every outcome, so a lesson that runs through exits 0.

import Foundation
import XCTest

final class FehlerfaelleTests: XCTestCase {
    /// What one lesson must print. The text is stdout and stderr in the order kbm wrote them, with `--echo`;
    /// echoed `expect …` lines appear with the prompt, e.g. `kbm IK-1> expect kursnummer`.
    struct Erwartung {
        /// The rule firing and the lesson's expectations confirming it, in this order.
        var vorher: [String]
        /// The echoed command that removes the cause (the first occurrence after `vorher`).
        var ausweg: String
        /// After the Ausweg, in this order: the rule no longer in the way.
        var nachher: [String]
        /// Must not appear after the Ausweg.
        var nachherNicht: [String]
        /// Must not appear anywhere.
        var nie: [String] = []
    }

    static let abgelehnt = "Fehler: Das BAMF hat die Kursbeginnmeldung abgelehnt"
    static let sauber = "Prüfung: keine Fehler, keine Warnungen."
    static let kursnummer = "Kursbeginn von IK-1 gemeldet. BAMF-Kursnummer: BK2026-000001"
    /// The echoed assertions after a clean check and a successful melden.
    static let sauberErwartet = "> expect ausgabe \"keine Fehler, keine Warnungen\""
    static let kursnummerErwartet = "> expect kursnummer"
    static let keineKursnummerErwartet = "> expect keine-kursnummer"
    /// What a failed `expect` prints; no lesson may show it.
    static let erwartungVerfehlt = "Erwartung nicht erfüllt"

    static let erwartungen: [String: Erwartung] = [
        "R01-kein-integrationskurs.kbm": Erwartung(
            vorher: ["Auftrag ST-1 (Sprachtest) angelegt", "> expect ausgabe \"(Sprachtest)\"",
                     "Fehler: Auftrag ST-1 ist vom Typ Sprachtest", "(R1)", "> expect fehler \"(R1)\"",
                     "> check", "Fehler R1:", "Der Auftrag ist vom Typ Sprachtest",
                     "Fehler: Die Prüfung ergab einen Fehler.", "> expect fehler", "> expect ausgabe \"Fehler R1:\"",
                     "> melden", "Fehler R1:", "nichts wurde gesendet",
                     "> expect fehler \"nichts wurde gesendet\"", "> expect anzahl anmeldungen=0", keineKursnummerErwartet],
            ausweg: "> remove auftrag ST-1",
            nachher: ["Auftrag ST-1 gelöscht.", "> expect anzahl auftraege=0", "Auftrag IK-1 (Integrationskurs) angelegt",
                      sauber, sauberErwartet, kursnummer, kursnummerErwartet, "> expect anzahl auftraege=1 anmeldungen=3"],
            nachherNicht: ["Fehler R1:", "(R1)", "Fehler:"],
            nie: ["Nachricht 4 an das BAMF"]),
        "R02-bereits-gemeldet.kbm": Erwartung(
            vorher: [kursnummer, kursnummerErwartet, "> expect anzahl anmeldungen=3",
                     "> book T2", "ist bereits gemeldet (Kursnummer BK2026-000001)", "(R2)", "> expect fehler \"(R2)\"",
                     "> check", "Fehler R2:", "> expect fehler", "> expect ausgabe \"Fehler R2:\"",
                     "> melden", "Fehler R2:", "Der Kursbeginn ist bereits gemeldet (Kursnummer BK2026-000001)",
                     "nichts wurde gesendet.", "> expect fehler \"nichts wurde gesendet\""],
            ausweg: "> anmeldungen",
            nachher: ["(3 Zeilen)", "> expect anzahl anmeldungen=3", "> status T1 aktiv", "Status von T1: aktiv.",
                      "BAMF-Kursnummer: BK2026-000001", kursnummerErwartet],
            nachherNicht: ["Fehler"],
            nie: ["Nachricht 4 an das BAMF", "BK2026-000002"]),
        "R03-wiederholen-nach-ablehnung.kbm": Erwartung(
            vorher: ["> melden", "Warnung R9:", "Nachricht 2 an das BAMF (Kursbeginnmeldung): abgelehnt",
                     "BAMF-Fehler 1043:", abgelehnt, "> expect fehler \"BAMF-Fehler 1043\"", "> expect warnung \"R9\"",
                     "> anmeldungen", "(2 Zeilen)", "> expect anzahl anmeldungen=2", keineKursnummerErwartet],
            ausweg: "> admit T1",
            nachher: ["T1 Öztürk, Leyla ist zugelassen", sauber, sauberErwartet,
                      "Nachricht 4 an das BAMF (Kursbeginnmeldung): erfolgreich", kursnummer, kursnummerErwartet,
                      "> anmeldungen", "BAMF-Fehler 1043", "(4 Zeilen)", "> expect anzahl anmeldungen=4"],
            nachherNicht: ["Warnung R9:", abgelehnt]),
        "R04-traegernummer-kursort.kbm": Erwartung(
            vorher: ["Hinweis: KO-4711-01 ist (noch) keine Kursortkennung des Mandanten",
                     "> check", "Fehler R4:", "Der Mandant hat keine Trägernummer („mandant traegernummer=…“).",
                     "Fehler R4:", "Der Kursort KO-4711-01 ist keine Kursortkennung des Mandanten („add kursort KO-4711-01“ oder „kursdaten kursort=…“).",
                     "Prüfung: 2 Fehler", "> expect fehler \"2 Fehler\"",
                     "> admit T1", "Fehler: Der Mandant hat keine Trägernummer", "(R4)",
                     "> expect fehler \"(R4)\"", "> expect anzahl anmeldungen=0"],
            ausweg: "> mandant traegernummer=TR-4711",
            nachher: ["Kursort KO-4711-01 angelegt.", "Nachricht 1 an das BAMF (Kursanmeldung): erfolgreich",
                      sauber, sauberErwartet, kursnummer, kursnummerErwartet, "> expect anzahl anmeldungen=3"],
            nachherNicht: ["Fehler R4:", "(R4)", "Fehler:"]),
        "R05-kursdaten-unvollstaendig.kbm": Erwartung(
            vorher: ["> check", "Fehler R5:", "Die Integrationskursdaten sind unvollständig, es fehlt: Kursbeginn, Kursort („kursdaten beginn=… kursort=…“).",
                     "> expect fehler", "> expect ausgabe \"Fehler R5:\"",
                     "> plan", "Fehler: Integrationskursdaten unvollständig, es fehlt: Kursbeginn, Kursort (R5).",
                     "> expect fehler \"(R5)\"", "> expect anzahl anmeldungen=1"],
            ausweg: "> kursdaten beginn=02.03.2026 kursort=KO-4711-01",
            nachher: ["Integrationskursdaten von IK-1 gespeichert.", "02.03.2026", "KO-4711-01",
                      "Nachricht 2 an das BAMF (Kursplanung): erfolgreich", sauber, sauberErwartet,
                      kursnummer, kursnummerErwartet, "> expect anzahl anmeldungen=3"],
            nachherNicht: ["Fehler R5:", "(R5)", "Fehler:"]),
        "R06-keine-kursplanung.kbm": Erwartung(
            vorher: ["> check", "Warnung R6:", "> expect warnung \"R6\"", "> melden", "Warnung R6:",
                     "BAMF-Fehler 1040: Für diesen Kurs liegt keine Kursplanung vor.", abgelehnt,
                     "> expect fehler \"BAMF-Fehler 1040\"", "> expect warnung \"R6\"", keineKursnummerErwartet],
            ausweg: "> plan",
            nachher: ["(Kursplanung): erfolgreich", sauber, sauberErwartet, kursnummer, kursnummerErwartet,
                      "> expect anzahl anmeldungen=4"],
            nachherNicht: ["Warnung R6:", "BAMF-Fehler", "Fehler:"]),
        "R07-kursplanung-storniert.kbm": Erwartung(
            vorher: ["(Kursplanstorno): erfolgreich", "Kursplanung von IK-1 storniert.",
                     "> check", "Fehler R7:", "> expect fehler", "> expect ausgabe \"Fehler R7:\"",
                     "> melden", "Fehler R7:", "nichts wurde gesendet.", "> expect fehler \"nichts wurde gesendet\"",
                     "> plan", "Fehler: Die Kursplanung ist storniert", "(R7)", "> expect fehler \"(R7)\"",
                     "> expect anzahl anmeldungen=3", keineKursnummerErwartet],
            ausweg: "> new auftrag IK-2",
            nachher: ["> expect anzahl auftraege=2", "Kursplanung von IK-2 gemeldet", sauber, sauberErwartet,
                      "Kursbeginn von IK-2 gemeldet. BAMF-Kursnummer: BK2026-000001", kursnummerErwartet,
                      "> expect anzahl anmeldungen=5"],
            nachherNicht: ["Fehler R7:", "(R7)", "Fehler:"]),
        "R08-keine-lehrkraft.kbm": Erwartung(
            vorher: ["zuständig als Koordinator", "> check", "Warnung R8:", "> expect warnung \"R8\"",
                     "> melden", "Warnung R8:", "BAMF-Fehler 1042: Es ist keine Lehrkraft gemeldet.", abgelehnt,
                     "> expect fehler \"BAMF-Fehler 1042\"", "> expect warnung \"R8\"", keineKursnummerErwartet],
            ausweg: "> assign LK-1001",
            nachher: ["zuständig als Lehrkraft", sauber, sauberErwartet, kursnummer, kursnummerErwartet,
                      "> expect anzahl anmeldungen=4"],
            nachherNicht: ["Warnung R8:", "BAMF-Fehler", "Fehler:"]),
        "R09-nicht-zugelassen.kbm": Erwartung(
            vorher: ["> admit T2", "Fehler: T2 hat kein Aktenzeichen", "> expect fehler \"T2 hat kein Aktenzeichen\"",
                     "> check", "Warnung R9:", "T2 Iwanow, Dmitri hat kein Aktenzeichen",
                     "Warnung R9:", "T2 Iwanow, Dmitri ist nicht zugelassen",
                     "> expect warnung \"R9: T2 Iwanow, Dmitri hat kein Aktenzeichen\"",
                     "> expect warnung \"R9: T2 Iwanow, Dmitri ist nicht zugelassen\"",
                     "> melden", "BAMF-Fehler 1044:", "T2", abgelehnt,
                     "> expect fehler \"BAMF-Fehler 1044\"", "> expect warnung \"R9\"", keineKursnummerErwartet],
            ausweg: "> edit teilnehmer T2 az=AZ-100002",
            nachher: ["T2 Iwanow, Dmitri ist zugelassen", sauber, sauberErwartet, kursnummer, kursnummerErwartet,
                      "> expect anzahl anmeldungen=5"],
            nachherNicht: ["Warnung R9:", "BAMF-Fehler", "Fehler:"]),
        "R10-kein-teilnehmer.kbm": Erwartung(
            vorher: ["A-Kennzeichen von T1 aus", "Übermittelt: 0 · Gesamt-Tn-Zahl: 2",
                     "> expect ausgabe \"Übermittelt: 0 · Gesamt-Tn-Zahl: 2\"",
                     "> check", "Fehler R10:", "> expect fehler", "> expect ausgabe \"Fehler R10:\"",
                     "> melden", "Fehler R10:", "nichts wurde gesendet.", "> expect fehler \"nichts wurde gesendet\"",
                     "> expect anzahl anmeldungen=2"],
            ausweg: "> anmelden T1 ja",
            nachher: ["Übermittelt: 1 · Gesamt-Tn-Zahl: 2", sauber, sauberErwartet,
                      "Nachricht 3 an das BAMF (Kursbeginnmeldung): erfolgreich", kursnummer, kursnummerErwartet,
                      "> expect anzahl anmeldungen=3"],
            nachherNicht: ["Fehler R10:", "Fehler:"],
            nie: ["Nachricht 4 an das BAMF"]),
        "R11-nicht-in-kursplanung.kbm": Erwartung(
            vorher: ["Kursplanung von IK-1 gemeldet mit 0 Teilnehmern.", "> expect ausgabe \"mit 0 Teilnehmern\"",
                     "> check", "Warnung R11:", "> expect warnung \"R11\"", "> melden", "Warnung R11:",
                     "BAMF-Fehler 1045: Keiner der gemeldeten Teilnehmer ist in der letzten Kursplanung enthalten.",
                     abgelehnt, "> expect fehler \"BAMF-Fehler 1045\"", "> expect warnung \"R11\"",
                     keineKursnummerErwartet],
            ausweg: "> plan",
            nachher: ["(Kursplanaktualisierung): erfolgreich", "Kursplanung von IK-1 aktualisiert mit 1 Teilnehmer.",
                      sauber, sauberErwartet, kursnummer, kursnummerErwartet, "> expect anzahl anmeldungen=5"],
            nachherNicht: ["Warnung R11:", "BAMF-Fehler", "Fehler:"]),
        "R12-hoechstteilnehmerzahl.kbm": Erwartung(
            vorher: ["Höchstteilnehmerzahl für den Allgemeinen Integrationskurs: 2.",
                     "Übermittelt: 2 · Gesamt-Tn-Zahl: 3", "> expect ausgabe \"Übermittelt: 2 · Gesamt-Tn-Zahl: 3\"",
                     "> check", "Warnung R12:", "3 Teilnehmer sind mehr als die Höchstteilnehmerzahl von 2 (Vorgabe für den Allgemeinen Integrationskurs)",
                     "> expect warnung \"R12\"",
                     "> melden", "BAMF-Fehler 1046: 3 Teilnehmer überschreiten die Höchstteilnehmerzahl von 2.",
                     abgelehnt, "> expect fehler \"BAMF-Fehler 1046\"", "> expect warnung \"R12\"",
                     keineKursnummerErwartet],
            ausweg: "> unbook T3",
            nachher: ["Buchung von T3 in IK-1 zurückgenommen.", "> expect ok", sauber, sauberErwartet,
                      kursnummer, kursnummerErwartet, "> expect anzahl anmeldungen=5"],
            nachherNicht: ["Warnung R12:", "BAMF-Fehler", "Fehler:"]),
        "R13-noch-nicht-begonnen.kbm": Erwartung(
            vorher: ["(Donnerstag)", "> check", "Warnung R13:", "Kursbeginn 02.03.2026", "> expect warnung \"R13\"",
                     "> melden", "BAMF-Fehler 1047: Der Kurs beginnt erst am 02.03.2026.", abgelehnt,
                     "> expect fehler \"BAMF-Fehler 1047\"", "> expect warnung \"R13\"", keineKursnummerErwartet],
            ausweg: "> set today 02.03.2026",
            nachher: [sauber, sauberErwartet, kursnummer, kursnummerErwartet, "> expect anzahl anmeldungen=4"],
            nachherNicht: ["Warnung R13:", "BAMF-Fehler", "Fehler:"]),
        "R14-verspaetet.kbm": Erwartung(
            vorher: ["> set today 09.03.2026", "> check", sauber, sauberErwartet,
                     "> set today 10.03.2026", "> check", "Warnung R14:",
                     "Die Meldung ist spät: Kursbeginn war vor 8 Tagen (02.03.2026).", "Prüfung: 0 Fehler, 1 Warnung.",
                     "> expect warnung \"R14\""],
            ausweg: "> melden",
            nachher: ["Warnung R14:", "Nachricht 3 an das BAMF (Kursbeginnmeldung): erfolgreich", kursnummer,
                      "> expect ok", "> expect warnung \"R14\"", kursnummerErwartet, "> expect anzahl anmeldungen=3"],
            nachherNicht: ["BAMF-Fehler"],
            nie: ["Fehler:", "> expect fehler"]),
        "R15-bamf-kennt-nicht.kbm": Erwartung(
            vorher: ["Simuliertes BAMF im Modus strict.", "> expect ausgabe \"Simuliertes BAMF im Modus strict.\"",
                     "> admit T1", "BAMF-Fehler 1020:", "AZ-100009", "Fehler: Das BAMF hat die Kursanmeldung abgelehnt",
                     "> expect fehler \"BAMF-Fehler 1020\"",
                     "> edit teilnehmer T1 az=AZ-100002",
                     "> admit T1", "BAMF-Fehler 1021:", "AZ-100002", "Fehler: Das BAMF hat die Kursanmeldung abgelehnt",
                     "> expect fehler \"BAMF-Fehler 1021\"",
                     "> edit teilnehmer T1 geboren=03.11.1985", "T1 Iwanow, Dmitri ist zugelassen",
                     "> melden", "BAMF-Fehler 1010: Lehrkraft LK-1901", abgelehnt,
                     "> expect fehler \"BAMF-Fehler 1010\"", keineKursnummerErwartet],
            ausweg: "> unassign LK-1901",
            nachher: ["Lehrkraft LK-1901 gelöscht.", "> expect anzahl lehrkraefte=1", "zuständig als Lehrkraft",
                      sauber, sauberErwartet, kursnummer, kursnummerErwartet, "> expect anzahl anmeldungen=6"],
            nachherNicht: ["BAMF-Fehler", "Fehler:"]),
        "R16-name-mit-ziffern.kbm": Erwartung(
            vorher: ["Fehler: „nachname=Öztürk2“", "(R16)", "> expect fehler \"(R16)\"",
                     "Fehler: „vorname=Leyla!“", "(R16)", "> expect fehler \"(R16)\"", "> expect anzahl teilnehmer=0",
                     "Teilnehmer T1 angelegt: Öztürk, Leyla.",
                     "Teilnehmer T2 angelegt: O'Neill-Łukasiewicz, José María.", "> expect anzahl teilnehmer=2",
                     "Fehler: „nachname=O1Neill“", "(R16)", "> expect fehler \"(R16)\""],
            ausweg: "> edit teilnehmer T2 nachname=\"O'Neill\"",
            nachher: ["Teilnehmer T2 geändert.", "> expect ausgabe \"Teilnehmer T2 geändert.\"",
                      "O'Neill", "José María", "> expect ausgabe \"O'Neill \"", "> expect anzahl teilnehmer=2"],
            nachherNicht: ["(R16)", "Fehler:"],
            nie: ["Teilnehmer T3 angelegt"]),
    ]

    // MARK: the tests

    func testEveryRuleHasExactlyOneLesson() throws {
        let names = try Self.scriptNames()
        XCTAssertEqual(names.count, 16, "\(names)")
        for n in 1...16 {
            let prefix = n < 10 ? "R0\(n)-" : "R\(n)-"
            XCTAssertEqual(names.filter { $0.hasPrefix(prefix) }.count, 1, "genau ein Skript \(prefix)*.kbm")
        }
        for name in names {
            XCTAssertNotNil(name.range(of: #"^R[0-9]{2}-[a-z0-9-]+\.kbm$"#, options: .regularExpression), name)
        }
        XCTAssertEqual(Set(names), Set(Self.erwartungen.keys), "Tabelle und Skripte passen nicht zusammen")
    }

    func testEveryLessonExplainsItselfAndAssertsItsOutcome() throws {
        for name in try Self.scriptNames() {
            let text = try String(contentsOf: Self.scriptsDirectory().appendingPathComponent(name), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            XCTAssertTrue(lines.first?.hasPrefix("# R") ?? false, "\(name): beginnt mit einer Erklärung der Regel")
            let commands = lines.filter { !$0.hasPrefix("#") }
            XCTAssertGreaterThanOrEqual(lines.count - commands.count, 5, "\(name): zu wenig Kommentar für eine Lektion")
            // Expected failures are confirmed by `expect fehler`, not waved through by turning bail off.
            XCTAssertFalse(commands.contains { $0.hasPrefix("set bail") }, "\(name): enthält „set bail off“")
            XCTAssertTrue(commands.contains { $0.hasPrefix("expect ") }, "\(name): enthält keine „expect“-Zeile")
            // Every check and every melden states its outcome right after it.
            for (index, command) in commands.enumerated() where command == "check" || command == "melden" {
                let next = index + 1 < commands.count ? commands[index + 1] : "(Skriptende)"
                XCTAssertTrue(next.hasPrefix("expect "), "\(name): auf „\(command)“ folgt „\(next)“ statt einer Erwartung")
            }
        }
    }

    func testR01KeinIntegrationskurs() throws { try check("R01-kein-integrationskurs.kbm") }
    func testR02BereitsGemeldet() throws { try check("R02-bereits-gemeldet.kbm") }
    func testR03WiederholenNachAblehnung() throws { try check("R03-wiederholen-nach-ablehnung.kbm") }
    func testR04TraegernummerKursort() throws { try check("R04-traegernummer-kursort.kbm") }
    func testR05KursdatenUnvollstaendig() throws { try check("R05-kursdaten-unvollstaendig.kbm") }
    func testR06KeineKursplanung() throws { try check("R06-keine-kursplanung.kbm") }
    func testR07KursplanungStorniert() throws { try check("R07-kursplanung-storniert.kbm") }
    func testR08KeineLehrkraft() throws { try check("R08-keine-lehrkraft.kbm") }
    func testR09NichtZugelassen() throws { try check("R09-nicht-zugelassen.kbm") }
    func testR10KeinTeilnehmer() throws { try check("R10-kein-teilnehmer.kbm") }
    func testR11NichtInKursplanung() throws { try check("R11-nicht-in-kursplanung.kbm") }
    func testR12Hoechstteilnehmerzahl() throws { try check("R12-hoechstteilnehmerzahl.kbm") }
    func testR13NochNichtBegonnen() throws { try check("R13-noch-nicht-begonnen.kbm") }
    func testR14Verspaetet() throws { try check("R14-verspaetet.kbm") }
    func testR15BamfKenntNicht() throws { try check("R15-bamf-kennt-nicht.kbm") }
    func testR16NameMitZiffern() throws { try check("R16-name-mit-ziffern.kbm") }

    // MARK: checking one lesson

    private func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let erwartung = try XCTUnwrap(Self.erwartungen[name], "keine Erwartung für \(name)", file: file, line: line)
        let script = Self.scriptsDirectory().appendingPathComponent(name)
        let (status, text) = try Self.runKBM(["--echo", script.path])
        let context = "\n--- Ausgabe von \(name) ---\n\(text)"
        XCTAssertEqual(status, 0, "Exit-Status von \(name)" + context, file: file, line: line)
        XCTAssertFalse(text.contains(Self.erwartungVerfehlt), "\(name): eine Erwartung ist nicht erfüllt" + context,
                       file: file, line: line)

        var position = text.startIndex
        for expected in erwartung.vorher {
            guard let found = text.range(of: expected, range: position..<text.endIndex) else {
                XCTFail("\(name): vor dem Ausweg fehlt (in dieser Reihenfolge) „\(expected)“" + context, file: file, line: line)
                return
            }
            position = found.upperBound
        }
        guard let ausweg = text.range(of: erwartung.ausweg, range: position..<text.endIndex) else {
            XCTFail("\(name): Ausweg „\(erwartung.ausweg)“ fehlt nach der Regelverletzung" + context, file: file, line: line)
            return
        }
        let danach = text[ausweg.upperBound...]
        position = danach.startIndex
        for expected in erwartung.nachher {
            guard let found = text.range(of: expected, range: position..<text.endIndex) else {
                XCTFail("\(name): nach dem Ausweg fehlt (in dieser Reihenfolge) „\(expected)“" + context, file: file, line: line)
                return
            }
            position = found.upperBound
        }
        for forbidden in erwartung.nachherNicht {
            XCTAssertFalse(danach.contains(forbidden), "\(name): nach dem Ausweg steht noch „\(forbidden)“" + context,
                           file: file, line: line)
        }
        for forbidden in erwartung.nie {
            XCTAssertFalse(text.contains(forbidden), "\(name): „\(forbidden)“ darf nicht vorkommen" + context,
                           file: file, line: line)
        }
    }

    // MARK: locating and running kbm

    /// The package root: the nearest directory above this file that holds Package.swift.
    static func packageRoot() -> URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func scriptsDirectory() -> URL {
        packageRoot().appendingPathComponent("scripts/fehlerfaelle")
    }

    static func scriptNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: scriptsDirectory().path)
            .filter { $0.hasSuffix(".kbm") }
            .sorted()
    }

    /// `.build/debug/kbm`, found by walking up from this file.
    static func kbmBinary() throws -> URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent(".build/debug/kbm")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            url = url.deletingLastPathComponent()
        }
        throw XCTSkip("kbm ist nicht gebaut (.build/debug/kbm fehlt): erst „swift build“.")
    }

    /// Runs kbm in a hermetic environment; stdout and stderr share one pipe, so the text keeps their order.
    static func runKBM(_ arguments: [String]) throws -> (Int32, String) {
        let binary = try kbmBinary()
        let home = FileManager.default.temporaryDirectory
            .appendingPathComponent("kbm-fehlerfaelle-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = home
        process.environment = [
            "HOME": home.path,
            "XDG_DATA_HOME": home.appendingPathComponent("data").path,
            "XDG_STATE_HOME": home.appendingPathComponent("state").path,
            "LANG": "C.UTF-8",
            "NO_COLOR": "1",
            "EDITRC": "/dev/null",
            "PATH": "/usr/bin:/bin",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
