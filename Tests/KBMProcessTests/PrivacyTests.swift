// Privacy of the built kbm: every file it writes personal data to is 0600 in 0700 directories, under umask 000
// and when the file was there before with wider rights; no error message shows stored personal data
// (names, Aktenzeichen, Geburtsdaten, addresses) that the failing command did not itself name.

import Foundation
import XCTest
@testable import KBMCore

final class PrivacyTests: XCTestCase {
    var sandbox: Sandbox!
    private var savedUmask: mode_t = 0

    override func setUp() {
        sandbox = Sandbox()
        // The modes must be kbm's own doing, not the umask's.
        savedUmask = umask(0)
    }

    override func tearDown() {
        umask(savedUmask)
        sandbox = nil
    }

    func assertMode(_ path: String, _ mode: mode_t, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(fileMode(path).map { String($0, radix: 8) }, String(mode, radix: 8), path, file: file, line: line)
    }

    // MARK: modes

    func testTheSessionWithWALSHMAndLockIs0600InNew0700Directories() throws {
        let s = sandbox.path("neu/tief/s.db")
        let live = try sandbox.start(["--session", s])
        live.send("new auftrag A-1 typ=ba")
        XCTAssertTrue(live.waitFor("Auftrag A-1"), live.output)
        for file in [s, s + "-wal", s + "-shm", s + "-lock"] {
            XCTAssertTrue(fileExists(file), "\(file) fehlt, während kbm läuft")
            assertMode(file, 0o600)
        }
        assertMode(sandbox.path("neu"), 0o700)
        assertMode(sandbox.path("neu/tief"), 0o700)
        live.closeInput()
        XCTAssertEqual(live.waitExit(), 0)
        for file in [s, s + "-wal", s + "-shm", s + "-lock"] where fileExists(file) { assertMode(file, 0o600) }

        // The default session, and every directory kbm makes on the way to it.
        XCTAssertEqual(sandbox.run(["-c", "new auftrag A-1 typ=ba"]).status, 0)
        assertMode(sandbox.defaultSession, 0o600)
        assertMode(sandbox.defaultSession + "-lock", 0o600)
        assertMode(sandbox.dataHome + "/kbm", 0o700)
        assertMode(sandbox.dataHome, 0o700)
    }

    func testASessionOthersCouldReadIsClosedToThemWhenOpened() {
        let s = sandbox.path("s.db")
        XCTAssertEqual(sandbox.run(["--session", s, "-c", "new auftrag A-1 typ=ba"]).status, 0)
        chmod(s, 0o644)
        XCTAssertEqual(sandbox.run(["--session", s, "-c", "list auftraege"]).status, 0)
        assertMode(s, 0o600)
        // A foreign file is refused and keeps its mode like everything else about it.
        let foreign = sandbox.write("fremd.db", "kein SQLite\n")
        chmod(foreign, 0o644)
        XCTAssertEqual(sandbox.run(["--session", foreign, "-c", "list auftraege"]).status, 4)
        assertMode(foreign, 0o644)
    }

    func testRecordingExportSaveOutputOnceAndDumpFilesAre0600InNew0700Directories() {
        let r = sandbox.run(["--fresh",
                             "-c", "record aufnahme/a.kbm",
                             "-c", "add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990",
                             "-c", "record stop",
                             "-c", "verlauf --export export/v.kbm",
                             "-c", "save kopie/k.db",
                             "-c", "once einmal/e.txt", "-c", "list teilnehmer",
                             "-c", "output ausgabe/o.txt", "-c", "list teilnehmer", "-c", "output",
                             "-c", "dump abzug/d.kbm", "-c", "dump --anonym anonym/d.kbm"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for file in ["aufnahme/a.kbm", "export/v.kbm", "kopie/k.db", "einmal/e.txt", "ausgabe/o.txt",
                     "abzug/d.kbm", "anonym/d.kbm"] {
            assertMode(sandbox.path(file), 0o600)
            let directory = String(file.split(separator: "/")[0])
            assertMode(sandbox.path(directory), 0o700)
            XCTAssertTrue(FileSnapshot(sandbox.path(file)).size > 0, "\(file) ist leer")
        }
    }

    func testOutputAndOnceIntoAnExistingReadableFileMakeIt0600() {
        for name in ["bericht.txt", "einmal.txt"] {
            sandbox.write(name, "alt\n")
            chmod(sandbox.path(name), 0o644)
        }
        let r = sandbox.run(["--fresh", "-c", "add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990",
                             "-c", "once einmal.txt --ersetzen", "-c", "list teilnehmer", "-c", "output bericht.txt --ersetzen", "-c", "list teilnehmer"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for name in ["bericht.txt", "einmal.txt"] {
            assertMode(sandbox.path(name), 0o600)
            XCTAssertTrue(try String(contentsOfFile: sandbox.path(name), encoding: .utf8).contains("Öztürk"), name)
        }
        // A device is not kbm's to change.
        let before = fileMode("/dev/null")
        XCTAssertEqual(sandbox.run(["--fresh", "-c", "output /dev/null", "-c", "list teilnehmer"]).status, 0)
        XCTAssertEqual(fileMode("/dev/null"), before)
    }

    func testTheHistoryIs0600InA0700DirectoryAlsoWhenItWasReadable() throws {
        let history = sandbox.stateHome + "/kbm/history"
        XCTAssertEqual(try runOnTerminal(["new auftrag A-1 typ=ba", "exit"]), 0)
        XCTAssertTrue(try String(contentsOfFile: history, encoding: .utf8).contains("new auftrag A-1 typ=ba"))
        assertMode(history, 0o600)
        assertMode(sandbox.stateHome + "/kbm", 0o700)
        assertMode(sandbox.stateHome, 0o700)

        chmod(history, 0o644)
        XCTAssertEqual(try runOnTerminal(["list auftraege", "exit"]), 0)
        assertMode(history, 0o600)
    }

    /// Runs kbm interactively on a pseudo-terminal (TERM=dumb: plain line reading) and returns its exit status.
    func runOnTerminal(_ lines: [String]) throws -> Int32 {
        // The pty calls are not in Swift's Glibc module; they are looked up in the C library.
        typealias FdToInt = @convention(c) (Int32) -> Int32
        typealias FdToName = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        guard let libc = dlopen(nil, RTLD_NOW), let openpt = dlsym(libc, "posix_openpt"), let grant = dlsym(libc, "grantpt"),
              let unlock = dlsym(libc, "unlockpt"), let slaveName = dlsym(libc, "ptsname") else { throw XCTSkip("keine pty-Funktionen") }
        let master = unsafeBitCast(openpt, to: FdToInt.self)(O_RDWR | O_NOCTTY)
        guard master >= 0, unsafeBitCast(grant, to: FdToInt.self)(master) == 0, unsafeBitCast(unlock, to: FdToInt.self)(master) == 0,
              let name = unsafeBitCast(slaveName, to: FdToName.self)(master) else {
            throw XCTSkip("kein Pseudo-Terminal")
        }
        defer { close(master) }
        let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw XCTSkip("Pseudo-Terminal nicht zu öffnen") }
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KBMBinary.path)
        var environment = sandbox.environment
        environment["TERM"] = "dumb"
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: sandbox.work)
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()
        try terminal.close()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while read(master, &buffer, buffer.count) > 0 {}
            drained.signal()
        }
        let input = Array((lines.joined(separator: "\n") + "\n").utf8)
        _ = input.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        _ = drained.wait(timeout: .now() + 5)
        return process.terminationStatus
    }

    // MARK: error messages

    /// Personal data the session holds; none may appear in an error message unless the command typed it.
    static let stored = ["Leyla", "Yusuf", "Öztürk", "12.04.1990", "1990-04-12", "03.11.1985", "1985-11-03", "AZ-100001", "AZ-100002",
                         "Lindenweg", "10115", "Berlin", "Marta", "Kowalska", "27.01.1998", "1998-01-27", "Annegret", "Bergmann"]

    func makeSession() -> String {
        let s = sandbox.path("s.db")
        let commands = [
            "set today 02.03.2026",
            "mandant traegernummer=TR-4711",
            "add kursort KO-1",
            "new auftrag IK-1 typ=integrationskurs",
            "kursdaten kursart=allgemein abschnitt=basis2 beginn=02.03.2026 kursort=KO-1",
            "add lehrkraft vorname=Annegret nachname=Bergmann kennung=LK-1",
            "assign LK-1",
            "add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990 az=AZ-100001 strasse=\"Lindenweg 7\" plz=10115 ort=Berlin",
            "add teilnehmer vorname=Yusuf nachname=Öztürk geboren=03.11.1985 az=AZ-100002",
            "add teilnehmer vorname=Marta nachname=Kowalska geboren=27.01.1998",
            "book T1 kostentraeger=bamf",
            "book T3 kostentraeger=bamf",
            "admit T1 verfahren=erst",
            "status T1 aktiv",
        ]
        let r = sandbox.run(["--session", s] + commands.flatMap { ["-c", $0] })
        XCTAssertEqual(r.status, 0, r.stderr)
        return s
    }

    /// Each case: the lines run (the last is the one whose error is looked at) and a piece of the expected error.
    static let cases: [(lines: [String], error: String)] = [
        (["book Öztürk, kostentraeger=bamf"], "„Öztürk,“ ist nicht eindeutig: T1, T2."),
        (["book oeztuerk, kostentraeger=bamf"], "„oeztuerk,“ ist nicht eindeutig: T1, T2."),
        (["book Öztürk, kostentraeger=bamf", "expect fehler \"anders\""], "nicht eindeutig: T1, T2."),
        (["add teilnehmer vorname=Max nachname=Muster geboren=01.01.2000 az=AZ-100001"], "gehört schon zu T1"),
        (["edit teilnehmer T2 az=AZ-100001"], "gehört schon zu T1"),
        (["remove teilnehmer AZ-100001"], "T1 wurde bereits beim BAMF angemeldet"),
        (["remove teilnehmer Kowalska,Marta"], "T3 ist noch gebucht in IK-1"),
        (["book AZ-100001 kostentraeger=bamf"], "T1 ist in IK-1 bereits gebucht"),
        (["unbook Öztürk,Yusuf"], "T2 ist in IK-1 nicht gebucht"),
        (["status Öztürk,Leyla wartet"], "T1 war bereits aktiv"),
        (["anmelden AZ-100002 ja"], "T2 ist in IK-1 nicht gebucht"),
        (["admit Kowalska,Marta verfahren=erst"], "T3 hat kein Aktenzeichen"),
        (["admit T1 verfahren=erst"], "Das BAMF hat die Kursanmeldung abgelehnt"),
        (["bamf modus=strict", "admit T2 verfahren=erst"], "Das BAMF hat die Kursanmeldung abgelehnt"),
        (["remove lehrkraft LK-1"], "Lehrkraft LK-1 ist noch zuständig in IK-1"),
        (["add lehrkraft vorname=Max nachname=Muster kennung=LK-1"], "LK-1"),
        (["melden"], "Das BAMF hat die Kursbeginnmeldung abgelehnt"),
        (["list teilnehmer", "expect ausgabe \"Niemand\""], "erhalten: eine Ausgabe von"),
        (["check", "expect warnung \"R99\""], "erhalten: Warnungen R"),
        (["show", "expect fehler"], "erhalten: Erfolg"),
        (["sql \"SELECT nachname FROM teilnehmer WHERE\""], "Abfrage abgewiesen"),
        (["sql \"SELECT * FROM teilnehmer WHERE nachname = 'Öztürk' AND gibtsnicht\""], "gibtsnicht"),
        (["sql \"DELETE FROM teilnehmer\""], "Abfrage abgewiesen"),
        (["edit teilnehmer Öztürk,Leyla vorname=L3yla"], "„vorname=L3yla“"),
        (["book Kowalska kostentraeger=bamf"], "Teilnehmer „Kowalska“ gibt es nicht"),
        (["verlauf --export s.db"], "ist eine Datei der offenen Sitzung"),
        (["verlauf --export /dev/null/v.kbm"], "kann nicht geschrieben werden"),
    ]

    func testNoErrorMessageShowsStoredPersonalDataTheCommandDidNotName() {
        let s = makeSession()
        var problems: [String] = []
        for (lines, expected) in Self.cases {
            let r = sandbox.run(["--session", s, "--keep-going"] + lines.flatMap { ["-c", $0] })
            let typed = lines.joined(separator: "\n")
            if !r.stderr.contains(expected) {
                problems.append("\(lines): erwartet „\(expected)“, erhalten: \(r.stderr)")
            }
            for value in Self.stored where !typed.contains(value) && r.stderr.contains(value) {
                problems.append("\(lines): „\(value)“ steht in der Fehlermeldung: \(r.stderr)")
            }
        }
        XCTAssertTrue(problems.isEmpty, problems.joined(separator: "\n"))
    }
}
