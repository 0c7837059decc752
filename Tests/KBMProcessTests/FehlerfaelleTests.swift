// Runs every lesson in scripts/fehlerfaelle with the built kbm: each rule R1–R16 fires, then is resolved.

import Foundation
import XCTest

final class FehlerfaelleTests: XCTestCase {
    /// What one lesson must print. The text is stdout and stderr in the order kbm wrote them, with `--echo`.
    struct Erwartung {
        /// Exit status: 1 when the lesson contains expected failures (`set bail off`), else 0.
        var status: Int32
        /// The rule firing, in this order.
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

    static let erwartungen: [String: Erwartung] = [
        "R01-kein-integrationskurs.kbm": Erwartung(
            status: 1,
            vorher: ["Auftrag ST-1 (Sprachtest) angelegt",
                     "Fehler: Auftrag ST-1 ist vom Typ Sprachtest", "(R1)",
                     "> check", "Fehler R1:", "Der Auftrag ist vom Typ Sprachtest",
                     "Fehler: Die Prüfung ergab einen Fehler.",
                     "> melden", "Fehler R1:", "nichts wurde gesendet"],
            ausweg: "> remove auftrag ST-1",
            nachher: ["Auftrag ST-1 gelöscht.", "Auftrag IK-1 (Integrationskurs) angelegt",
                      sauber, kursnummer],
            nachherNicht: ["Fehler R1:", "(R1)", "Fehler:"],
            nie: ["Nachricht 4 an das BAMF"]),
        "R02-bereits-gemeldet.kbm": Erwartung(
            status: 1,
            vorher: [kursnummer,
                     "> book T2", "ist bereits gemeldet (Kursnummer BK2026-000001)", "(R2)",
                     "> check", "Fehler R2:",
                     "> melden", "Fehler R2:", "Der Kursbeginn ist bereits gemeldet (Kursnummer BK2026-000001)",
                     "nichts wurde gesendet."],
            ausweg: "> anmeldungen",
            nachher: ["(3 Zeilen)", "> status T1 aktiv", "Status von T1: aktiv.", "BAMF-Kursnummer: BK2026-000001"],
            nachherNicht: ["Fehler"],
            nie: ["Nachricht 4 an das BAMF", "BK2026-000002"]),
        "R03-wiederholen-nach-ablehnung.kbm": Erwartung(
            status: 1,
            vorher: ["> melden", "Warnung R9:", "Nachricht 2 an das BAMF (Kursbeginnmeldung): abgelehnt",
                     "BAMF-Fehler 1043:", abgelehnt, "> anmeldungen", "(2 Zeilen)"],
            ausweg: "> admit T1",
            nachher: ["T1 Öztürk, Leyla ist zugelassen", sauber,
                      "Nachricht 4 an das BAMF (Kursbeginnmeldung): erfolgreich", kursnummer,
                      "> anmeldungen", "BAMF-Fehler 1043", "(4 Zeilen)"],
            nachherNicht: ["Warnung R9:", abgelehnt]),
        "R04-traegernummer-kursort.kbm": Erwartung(
            status: 1,
            vorher: ["Hinweis: KO-4711-01 ist (noch) keine Kursortkennung des Mandanten",
                     "> check", "Fehler R4:", "Der Mandant hat keine Trägernummer.",
                     "Fehler R4:", "Der Kursort KO-4711-01 ist keine Kursortkennung des Mandanten.",
                     "Prüfung: 2 Fehler",
                     "> admit T1", "Fehler: Der Mandant hat keine Trägernummer", "(R4)"],
            ausweg: "> mandant traegernummer=TR-4711",
            nachher: ["Kursort KO-4711-01 angelegt.", "Nachricht 1 an das BAMF (Kursanmeldung): erfolgreich",
                      sauber, kursnummer],
            nachherNicht: ["Fehler R4:", "(R4)", "Fehler:"]),
        "R05-kursdaten-unvollstaendig.kbm": Erwartung(
            status: 1,
            vorher: ["> check", "Fehler R5:", "Die Integrationskursdaten sind unvollständig, es fehlt: Kursbeginn, Kursort.",
                     "> plan", "Fehler: Integrationskursdaten unvollständig, es fehlt: Kursbeginn, Kursort (R5)."],
            ausweg: "> kursdaten beginn=02.03.2026 kursort=KO-4711-01",
            nachher: ["Integrationskursdaten von IK-1 gespeichert.", "02.03.2026", "KO-4711-01",
                      "Nachricht 2 an das BAMF (Kursplanung): erfolgreich", sauber, kursnummer],
            nachherNicht: ["Fehler R5:", "(R5)", "Fehler:"]),
        "R06-keine-kursplanung.kbm": Erwartung(
            status: 1,
            vorher: ["> check", "Warnung R6:", "> melden", "Warnung R6:",
                     "BAMF-Fehler 1040: Für diesen Kurs liegt keine Kursplanung vor.", abgelehnt],
            ausweg: "> plan",
            nachher: ["(Kursplanung): erfolgreich", sauber, kursnummer],
            nachherNicht: ["Warnung R6:", "BAMF-Fehler", "Fehler:"]),
        "R07-kursplanung-storniert.kbm": Erwartung(
            status: 1,
            vorher: ["(Kursplanstorno): erfolgreich", "Kursplanung von IK-1 storniert.",
                     "> check", "Fehler R7:", "> melden", "Fehler R7:", "nichts wurde gesendet.",
                     "> plan", "Fehler: Die Kursplanung ist storniert", "(R7)"],
            ausweg: "> new auftrag IK-2",
            nachher: ["Kursplanung von IK-2 gemeldet", sauber,
                      "Kursbeginn von IK-2 gemeldet. BAMF-Kursnummer: BK2026-000001"],
            nachherNicht: ["Fehler R7:", "(R7)", "Fehler:"]),
        "R08-keine-lehrkraft.kbm": Erwartung(
            status: 1,
            vorher: ["zuständig als Koordinator", "> check", "Warnung R8:", "> melden", "Warnung R8:",
                     "BAMF-Fehler 1042: Es ist keine Lehrkraft gemeldet.", abgelehnt],
            ausweg: "> assign LK-1001",
            nachher: ["zuständig als Lehrkraft", sauber, kursnummer],
            nachherNicht: ["Warnung R8:", "BAMF-Fehler", "Fehler:"]),
        "R09-nicht-zugelassen.kbm": Erwartung(
            status: 1,
            vorher: ["> admit T2", "Fehler: T2 hat kein Aktenzeichen",
                     "> check", "Warnung R9:", "T2 Iwanow, Dmitri hat kein Aktenzeichen",
                     "Warnung R9:", "T2 Iwanow, Dmitri ist nicht zugelassen",
                     "> melden", "BAMF-Fehler 1044:", "T2", abgelehnt],
            ausweg: "> edit teilnehmer T2 az=AZ-100002",
            nachher: ["T2 Iwanow, Dmitri ist zugelassen", sauber, kursnummer],
            nachherNicht: ["Warnung R9:", "BAMF-Fehler", "Fehler:"]),
        "R10-kein-teilnehmer.kbm": Erwartung(
            status: 1,
            vorher: ["A-Kennzeichen von T1 aus", "Übermittelt: 0 · Gesamt-Tn-Zahl: 2",
                     "> check", "Fehler R10:", "> melden", "Fehler R10:", "nichts wurde gesendet."],
            ausweg: "> anmelden T1 ja",
            nachher: ["Übermittelt: 1 · Gesamt-Tn-Zahl: 2", sauber,
                      "Nachricht 3 an das BAMF (Kursbeginnmeldung): erfolgreich", kursnummer],
            nachherNicht: ["Fehler R10:", "Fehler:"],
            nie: ["Nachricht 4 an das BAMF"]),
        "R11-nicht-in-kursplanung.kbm": Erwartung(
            status: 1,
            vorher: ["Kursplanung von IK-1 gemeldet mit 0 Teilnehmern.",
                     "> check", "Warnung R11:", "> melden", "Warnung R11:",
                     "BAMF-Fehler 1045: Keiner der gemeldeten Teilnehmer ist in der letzten Kursplanung enthalten.",
                     abgelehnt],
            ausweg: "> plan",
            nachher: ["(Kursplanaktualisierung): erfolgreich", "Kursplanung von IK-1 aktualisiert mit 1 Teilnehmer.",
                      sauber, kursnummer],
            nachherNicht: ["Warnung R11:", "BAMF-Fehler", "Fehler:"]),
        "R12-hoechstteilnehmerzahl.kbm": Erwartung(
            status: 1,
            vorher: ["Höchstteilnehmerzahl für Allgemeiner Integrationskurs: 2.",
                     "Übermittelt: 2 · Gesamt-Tn-Zahl: 3",
                     "> check", "Warnung R12:", "3 Teilnehmer sind mehr als die Höchstteilnehmerzahl von 2.",
                     "> melden", "BAMF-Fehler 1046: 3 Teilnehmer überschreiten die Höchstteilnehmerzahl von 2.",
                     abgelehnt],
            ausweg: "> unbook T3",
            nachher: ["Buchung von T3 in IK-1 zurückgenommen.", sauber, kursnummer],
            nachherNicht: ["Warnung R12:", "BAMF-Fehler", "Fehler:"]),
        "R13-noch-nicht-begonnen.kbm": Erwartung(
            status: 1,
            vorher: ["(Donnerstag)", "> check", "Warnung R13:", "Kursbeginn 02.03.2026",
                     "> melden", "BAMF-Fehler 1047: Der Kurs beginnt erst am 02.03.2026.", abgelehnt],
            ausweg: "> set today 02.03.2026",
            nachher: [sauber, kursnummer],
            nachherNicht: ["Warnung R13:", "BAMF-Fehler", "Fehler:"]),
        "R14-verspaetet.kbm": Erwartung(
            status: 0,
            vorher: ["> set today 09.03.2026", "> check", sauber,
                     "> set today 10.03.2026", "> check", "Warnung R14:",
                     "Die Meldung ist spät: Kursbeginn war vor 8 Tagen (02.03.2026).", "Prüfung: 0 Fehler, 1 Warnung."],
            ausweg: "> melden",
            nachher: ["Warnung R14:", "Nachricht 3 an das BAMF (Kursbeginnmeldung): erfolgreich", kursnummer],
            nachherNicht: ["BAMF-Fehler"],
            nie: ["Fehler:"]),
        "R15-bamf-kennt-nicht.kbm": Erwartung(
            status: 1,
            vorher: ["Simuliertes BAMF im Modus strict.",
                     "> admit T1", "BAMF-Fehler 1020:", "AZ-100009", "Fehler: Das BAMF hat die Kursanmeldung abgelehnt",
                     "> edit teilnehmer T1 az=AZ-100002",
                     "> admit T1", "BAMF-Fehler 1021:", "AZ-100002", "Fehler: Das BAMF hat die Kursanmeldung abgelehnt",
                     "> edit teilnehmer T1 geboren=03.11.1985", "T1 Iwanow, Dmitri ist zugelassen",
                     "> melden", "BAMF-Fehler 1010: Lehrkraft LK-1901", abgelehnt],
            ausweg: "> unassign LK-1901",
            nachher: ["Lehrkraft LK-1901 gelöscht.", "zuständig als Lehrkraft", sauber, kursnummer],
            nachherNicht: ["BAMF-Fehler", "Fehler:"]),
        "R16-name-mit-ziffern.kbm": Erwartung(
            status: 1,
            vorher: ["Fehler: „nachname=Öztürk2“", "(R16)",
                     "Fehler: „vorname=Leyla!“", "(R16)",
                     "Teilnehmer T1 angelegt: Öztürk, Leyla.",
                     "Teilnehmer T2 angelegt: O'Neill-Łukasiewicz, José María.",
                     "Fehler: „nachname=O1Neill“", "(R16)"],
            ausweg: "> edit teilnehmer T2 nachname=\"O'Neill\"",
            nachher: ["Teilnehmer T2 geändert.", "O'Neill", "José María"],
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

    func testEveryLessonExplainsItselfAndKeepsGoing() throws {
        for name in try Self.scriptNames() {
            let text = try String(contentsOf: Self.scriptsDirectory().appendingPathComponent(name), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            XCTAssertTrue(lines.first?.hasPrefix("# R") ?? false, "\(name): beginnt mit einer Erklärung der Regel")
            let commands = lines.filter { !$0.hasPrefix("#") }
            XCTAssertEqual(commands.first, "set bail off", "\(name): erster Befehl")
            XCTAssertGreaterThanOrEqual(lines.count - commands.count, 5, "\(name): zu wenig Kommentar für eine Lektion")
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
        XCTAssertEqual(status, erwartung.status, "Exit-Status von \(name)" + context, file: file, line: line)

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
