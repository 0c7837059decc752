// The whole way over HTTPS and the one management path: kbm-bamf serve with a certificate the test makes, the shell
// trusting it with `ca=` and replaying the standard example, and the admin account changing the class's BAMF sides
// over the network with `kbm bamf verwalten --url`.

import Foundation
import KBMCore
@testable import KBMService
import XCTest

extension ClientTests {
    /// kbm-bamf verwalten with these arguments, the password from KBM_BAMF_PASSWORT.
    func verwalten(_ arguments: [String], passwort: String) throws -> Run {
        try bamf(["verwalten"] + arguments, passwort: passwort)
    }

    /// kbm-bamf with these arguments, stdout and stderr in one.
    func bamf(_ arguments: [String], passwort: String = "") throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.program("kbm-bamf"))
        process.arguments = arguments
        process.environment = ["KBM_BAMF_PASSWORT": passwort, "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
        return try Self.finish(process)
    }

    func testHTTPSEndToEndWithTheClassroomsCertificate() async throws {
        let (cert, key) = try TLSTests.makeCertificate(in: folder)
        let port = try await startServer(admins: ["admin": "admin-pw"], extra: ["--tls-cert", cert, "--tls-key", key])
        let url = "https://127.0.0.1:\(port)/inge"
        let environment = ["KBM_BAMF_PASSWORT": Self.passwort]

        // Without the certificate the client refuses the server: a TLS failure, and nothing connected.
        let stranger = try kbm("bamf verbinden \(url) benutzer=TR-4711 zeitlimit=5\n", environment: environment)
        XCTAssertNotEqual(stranger.status, 0)
        XCTAssertTrue(stranger.output.contains("Übertragungsfehler 9006: TLS-Fehler"), stranger.output)

        // With it, the standard example reads as against the embedded BAMF, Kursnummer included.
        let lesson = try String(contentsOf: Self.packageRoot().appendingPathComponent("scripts/beispiel.kbm"), encoding: .utf8)
        let local = try kbm(lesson)
        let served = try kbm("bamf verbinden \(url) benutzer=TR-4711 ca=\(cert)\n" + lesson, environment: environment)
        XCTAssertEqual(served.status, 0, served.output)
        XCTAssertTrue(served.output.contains("Verbunden mit dem BAMF-Dienst \(url)"), served.output)
        XCTAssertEqual(Self.outcome(served.output), Self.outcome(local.output), served.output)
        XCTAssertTrue(Self.outcome(served.output).contains { $0.hasPrefix("BK") }, served.output)
        XCTAssertTrue(Self.comparable(served.output).hasSuffix(Self.comparable(local.output)), served.output)

        // The admin account over the same HTTPS: a Störung for TR-4711, which the next Kursbeginnmeldung meets.
        var run = try verwalten(["bamf stoerung kursanmeldung fehler=1030", "--url", url, "--benutzer", "admin", "--ca", cert,
                                 "--fuer", "TR-4711"], passwort: "admin-pw")
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.contains("Träger TR-4711:") && run.output.contains("1030"), run.output)
        run = try kbm("bamf verbinden \(url) benutzer=TR-4711 ca=\(cert)\n" + Self.admit
                      + "expect fehler \"BAMF-Fehler 1030\"\n", environment: environment)
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertFalse(run.output.contains("Erwartung nicht erfüllt"), run.output)
    }

    /// One path for every management command: a Träger's own side from the shell or from kbm bamf verwalten --url,
    /// an admin's for one Träger or all; a Träger naming another is refused with Meldung 1063, a wrong password with
    /// 1062, and a refused command changes no side at all.
    func testTheAdminAccountManagesTheClassOverTheNetwork() async throws {
        let data = folder.appendingPathComponent("klasse.db").path
        let port = try await startServer(["TR-1": "pw-1", "TR-2": "pw-2"], admins: ["admin": "admin-pw"], daten: data)
        let url = "http://127.0.0.1:\(port)/inge"
        func side(_ t: String) async throws -> BamfSide { try await BamfService(path: data).side(of: t) }

        var run = try verwalten(["bamf testdaten", "--url", url, "--benutzer", "admin", "--fuer", "alle"], passwort: "admin-pw")
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.contains("Träger TR-1:") && run.output.contains("Träger TR-2:"), run.output)
        for t in ["TR-1", "TR-2"] {
            let known = try await side(t)
            XCTAssertTrue(known.lehrkraefte.contains("LK-1001"), t)
        }

        // A Träger's own side, without --fuer; printed as the shell prints it.
        run = try verwalten(["bamf modus=strict", "--url", url, "--benutzer", "TR-1"], passwort: "pw-1")
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertFalse(run.output.contains("Träger TR-1:"), run.output)
        var one = try await side("TR-1"), two = try await side("TR-2")
        XCTAssertEqual(one.modus, .strict)
        XCTAssertEqual(two.modus, .lenient)

        // Another Träger's side, all of them, a wrong password: refused, nothing changed.
        run = try verwalten(["bamf offline on", "--url", url, "--benutzer", "TR-1", "--fuer", "TR-2"], passwort: "pw-1")
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.output.contains("1063"), run.output)
        run = try verwalten(["bamf offline on", "--url", url, "--benutzer", "TR-1", "--fuer", "alle"], passwort: "pw-1")
        XCTAssertTrue(run.output.contains("1063"), run.output)
        run = try verwalten(["bamf offline on", "--url", url, "--benutzer", "admin", "--fuer", "alle"], passwort: "falsch")
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.output.contains("1062"), run.output)
        // A command the simulator refuses (a Störung without fehler=) is refused for all, before any side changes.
        run = try verwalten(["bamf stoerung kursbeginnmeldung", "--url", url, "--benutzer", "admin", "--fuer", "alle"], passwort: "admin-pw")
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.output.contains("fehler="), run.output)
        (one, two) = (try await side("TR-1"), try await side("TR-2"))
        XCTAssertFalse(one.offline || two.offline)
        XCTAssertEqual(one.stoerungen, [:])

        // The shell's `bamf modus=lenient` while connected is the same message, for its own side only.
        run = try kbm("bamf verbinden \(url) benutzer=TR-1\nbamf modus=lenient\n", environment: ["KBM_BAMF_PASSWORT": "pw-1"])
        XCTAssertEqual(run.status, 0, run.output)
        (one, two) = (try await side("TR-1"), try await side("TR-2"))
        XCTAssertEqual(one.modus, .lenient)

        // Usage: --url wants --benutzer, and not --daten as well.
        run = try verwalten(["bamf", "--url", url], passwort: "x")
        XCTAssertEqual(run.status, ExitStatus.usage.rawValue, run.output)
        XCTAssertTrue(run.output.contains("--url braucht --benutzer"), run.output)
        run = try verwalten(["bamf", "--url", url, "--benutzer", "admin", "--daten", data], passwort: "x")
        XCTAssertEqual(run.status, ExitStatus.usage.rawValue, run.output)
        XCTAssertTrue(run.output.contains("nicht beides"), run.output)
    }

    /// A port in use, an address of another host or a file that is no SQLite file: said in German, not as a
    /// misunderstood call, and nothing is served.
    func testServeSaysWhyItCannotStart() async throws {
        let port = try await startServer()
        let other = folder.appendingPathComponent("zweiter.db").path
        var run = try bamf(["serve", "--host", "127.0.0.1", "--port", String(port), "--daten", other])
        XCTAssertEqual(run.status, ExitStatus.commandFailed.rawValue, run.output)
        XCTAssertTrue(run.output.contains("kbm bamf: Fehler: Port \(port) ist schon belegt"), run.output)
        XCTAssertFalse(run.output.contains("Aufruf"), run.output)

        run = try bamf(["serve", "--host", "192.0.2.1", "--port", "0", "--daten", other])
        XCTAssertEqual(run.status, ExitStatus.commandFailed.rawValue, run.output)
        XCTAssertTrue(run.output.contains("Die Adresse 192.0.2.1 gehört nicht zu diesem Rechner"), run.output)

        let kaputt = folder.appendingPathComponent("kaputt.db")
        try Data(repeating: 0x41, count: 4096).write(to: kaputt)
        run = try bamf(["serve", "--port", "0", "--daten", kaputt.path])
        XCTAssertEqual(run.status, ExitStatus.unusableSession.rawValue, run.output)
        XCTAssertTrue(run.output.contains("lässt sich nicht als BAMF-Datei öffnen: SQLite meldet"), run.output)
        XCTAssertFalse(run.output.contains("database"), run.output)
    }

    /// kbm bamf's help pages and the parser's refusals are German like kbm's, each refusal with its usage line.
    func testKbmBamfHelpAndRefusalsAreGerman() throws {
        for arguments in [["--help"], ["help", "verwalten"], ["traeger", "--help"], ["serve", "-h"]] {
            let run = try bamf(arguments)
            XCTAssertEqual(run.status, 0, run.output)
            XCTAssertTrue(run.output.contains("AUFRUF: kbm bamf"), run.output)
            XCTAssertTrue(run.output.contains("Zeigt diese Hilfe."), run.output)
            for english in ["USAGE", "OPTIONS", "SUBCOMMANDS", "OVERVIEW", "Show help", "See '", "default"] {
                XCTAssertFalse(run.output.contains(english), "\(arguments): \(english)\n" + run.output)
            }
        }
        XCTAssertTrue(try bamf(["--help"]).output.contains("UNTERBEFEHLE:"))
        let serve = try bamf(["serve", "--help"]).output
        XCTAssertTrue(serve.contains("(Vorgabe:") && serve.contains("8642)"), serve)
        for (arguments, said, usage) in [
            (["verwalten"], "Es fehlt das Argument „<BEFEHL>“.", "Aufruf: kbm bamf verwalten <BEFEHL>"),
            (["traeger", "add"], "Es fehlt das Argument „<TRAEGERNR>“.", "Aufruf: kbm bamf traeger add <TRAEGERNR>"),
            (["serve", "--port", "abc"], "Der Wert „abc“ passt nicht zu „--port <PORT>“.", "Aufruf: kbm bamf serve"),
            (["nix"], "Unerwartetes Argument „nix“.", "Aufruf: kbm bamf <unterbefehl>"),
        ] {
            let run = try bamf(arguments)
            XCTAssertEqual(run.status, ExitStatus.usage.rawValue, run.output)
            XCTAssertTrue(run.output.contains("kbm bamf: Fehler: " + said), run.output)
            XCTAssertTrue(run.output.contains(usage), run.output)
        }
    }
}
