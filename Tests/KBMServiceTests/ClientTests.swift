// The shell as a client of a served BAMF: kbm (the built program) with `bamf verbinden` against kbm-bamf serve on
// 127.0.0.1 (ephemeral ports), every lesson compared with its run against the embedded simulator, and every kind
// of transport failure against a server that fails on purpose.

import Foundation
import Hummingbird
import KBMCore
@testable import KBMService
import KBMSoap
import NIOCore
import XCTest

final class ClientTests: XCTestCase {
    var folder: URL!
    static let passwort = "Klassenzimmer-7"

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kbm-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: programs

    static func program(_ name: String) throws -> String {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent(".build/debug/\(name)")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            url = url.deletingLastPathComponent()
        }
        throw SetupFailure("\(name) ist nicht gebaut: erst „swift build“.")
    }

    static func packageRoot() -> URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return url
    }

    /// kbm-bamf serve on a free port of 127.0.0.1 with a fresh file (or `daten`) holding these accounts (and admin
    /// accounts), `extra` arguments such as --tls-cert; stopped when the test ends.
    func startServer(_ accounts: [String: String] = ["TR-4711": passwort], admins: [String: String] = [:], daten: String? = nil,
                     extra: [String] = []) async throws -> Int {
        let data = daten ?? folder.appendingPathComponent("bamf-\(UUID().uuidString).db").path
        let service = try BamfService(path: data)
        for (user, password) in accounts { try await service.setAccount(user, password: password) }
        for (user, password) in admins { try await service.setAccount(user, password: password, admin: true) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.program("kbm-bamf"))
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--daten", data] + extra
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        addTeardownBlock { process.terminate(); process.waitUntilExit() }
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: #"127\.0\.0\.1:([0-9]+)/"#, options: .regularExpression) else {
            throw SetupFailure("kbm-bamf serve meldet keinen Port: \(text)")
        }
        return Int(text[range].dropFirst("127.0.0.1:".count).dropLast())!
    }

    struct Run {
        var status: Int32
        var output: String
    }

    /// Runs kbm with `--echo` on this script (and the session in `home`), stdout and stderr in one pipe.
    func kbm(_ script: String, home session: URL? = nil, environment extra: [String: String] = [:], arguments: [String]? = nil) throws -> Run {
        let home = session ?? folder.appendingPathComponent("home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let file = home.appendingPathComponent("skript.kbm")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.program("kbm"))
        // A script runs on a fresh session; given a home, on the session file there, reopened by the next run.
        process.arguments = arguments ?? (session == nil ? ["--echo", file.path] : ["--echo", "--session", home.appendingPathComponent("sitzung.db").path, file.path])
        process.currentDirectoryURL = home
        process.environment = ["HOME": home.path, "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                               "XDG_STATE_HOME": home.appendingPathComponent("state").path, "LANG": "C.UTF-8",
                               "NO_COLOR": "1", "EDITRC": "/dev/null", "PATH": "/usr/bin:/bin"].merging(extra) { $1 }
        return try Self.finish(process)
    }

    /// Runs the process to its end with no input, stdout and stderr read from one pipe.
    static func finish(_ process: Process) throws -> Run {
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func verbinden(_ port: Int, _ options: String = "") -> String {
        "bamf verbinden http://127.0.0.1:\(port)/inge benutzer=TR-4711\(options)\n"
    }

    /// The rule numbers, BAMF messages and Kursnummern a run printed, in order.
    static func outcome(_ text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"BAMF-Fehler [0-9]+|Übertragungsfehler [0-9]+|\bR[0-9]+\b|BK[0-9]{4}-[0-9]{6}"#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
    }

    /// The output without what differs by the run's place: the script's path and line (one more for the prefix).
    static func comparable(_ text: String) -> String {
        text.replacingOccurrences(of: #"/[^ :]*/skript\.kbm:[0-9]+:"#, with: "skript.kbm:N:", options: .regularExpression)
    }

    // MARK: every lesson, embedded and served

    func testEveryLessonGivesTheSameOutcomeAgainstTheService() async throws {
        let root = Self.packageRoot()
        let lessons = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("scripts/fehlerfaelle").path)
            .filter { $0.hasSuffix(".kbm") }.sorted().map { "scripts/fehlerfaelle/" + $0 } + ["scripts/beispiel.kbm"]
        XCTAssertEqual(lessons.count, 17)
        for lesson in lessons {
            let text = try String(contentsOf: root.appendingPathComponent(lesson), encoding: .utf8)
            let local = try kbm(text)
            let port = try await startServer()
            let served = try kbm(Self.verbinden(port) + text, environment: ["KBM_BAMF_PASSWORT": Self.passwort])
            let context = "\n--- \(lesson) eingebaut ---\n\(local.output)\n--- gegen den Dienst ---\n\(served.output)"
            XCTAssertEqual(served.status, local.status, lesson + context)
            XCTAssertTrue(served.output.contains("Verbunden mit dem BAMF-Dienst http://127.0.0.1:\(port)/inge"), lesson + context)
            XCTAssertEqual(Self.outcome(served.output), Self.outcome(local.output), lesson + context)
            XCTAssertFalse(Self.outcome(local.output).isEmpty, lesson)
            XCTAssertFalse(served.output.contains("Übertragungsfehler"), lesson + context)
            // More than numbers: after the connection, the lesson reads exactly as against the embedded BAMF.
            XCTAssertTrue(Self.comparable(served.output).hasSuffix(Self.comparable(local.output)), lesson + context)
        }
    }
}

// MARK: - faults: each a German message, logged as not delivered, nothing else changed, and a repeat works

extension ClientTests {
    /// A server that answers the connection check and then fails every message in its own way.
    func withFaultyServer(_ body: (Int) async throws -> Void) async throws {
        let router = Router()
        func route(_ path: String, _ fail: @escaping @Sendable () async throws -> Response) {
            router.post(RouterPath(stringLiteral: path)) { request, _ -> Response in
                let bytes = try await request.body.collect(upTo: 1 << 20)
                if String(buffer: bytes).contains("Verwaltung") {
                    return Response(status: .ok, headers: [.contentType: "text/xml"], body: ResponseBody(byteBuffer: ByteBuffer(
                        string: Soap.envelope(verwaltung: true, text: "Simuliertes BAMF (Test)\n", relatesTo: nil))))
                }
                return try await fail()
            }
        }
        route("fault") {
            Response(status: .internalServerError, headers: [.contentType: "text/xml"], body: ResponseBody(byteBuffer: ByteBuffer(
                string: Soap.envelope(SoapFault(.server, "Die Datenbank des Dienstes ist gesperrt.")))))
        }
        route("http500") {
            Response(status: .internalServerError, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(string: "kaputt")))
        }
        route("abgeschnitten") {
            let whole = Soap.envelope(InGeResponse(ergebnis: .erfolgreich), relatesTo: nil)
            return Response(status: .ok, headers: [.contentType: "text/xml"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: String(whole.prefix(whole.count / 2)))))
        }
        route("langsam") {
            try await Task.sleep(for: .seconds(8))
            return Response(status: .ok)
        }
        let (ports, found) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { found.yield($0.localAddress?.port ?? 0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return XCTFail("kein Port") }
            try await body(port)
            group.cancelAll()
        }
    }

    static let admit = """
        set today 02.03.2026
        mandant traegernummer=TR-4711
        add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990 az=AZ-100001
        admit T1 verfahren=erst

        """

    /// The message failed with this number and text, is logged as not delivered, and T1 is not admitted.
    static func afterFault(_ nummer: Int) -> String {
        """
        expect fehler "Übertragungsfehler \(nummer)"
        expect anzahl anmeldungen=1
        anmeldungen 1
        expect ausgabe "nicht zugestellt"
        expect ausgabe "\(nummer)"
        list teilnehmer zugelassen=ja
        expect anzahl anmeldungen=1
        bamf lokal
        admit T1 verfahren=erst
        expect ausgabe "ist zugelassen"

        """
    }

    func fault(_ route: String, _ nummer: Int, says phrase: String, port: Int) throws -> Run {
        let run = try kbm("bamf verbinden http://127.0.0.1:\(port)/\(route) benutzer=TR-4711 zeitlimit=1\n" + Self.admit + Self.afterFault(nummer),
                          environment: ["KBM_BAMF_PASSWORT": Self.passwort])
        XCTAssertEqual(run.status, 0, route + "\n" + run.output)
        XCTAssertTrue(run.output.contains(phrase), "\(route): „\(phrase)“ fehlt\n" + run.output)
        XCTAssertFalse(run.output.contains("Erwartung nicht erfüllt"), run.output)
        return run
    }

    func testSoapFaultHttpErrorTruncatedAnswerAndTimeout() async throws {
        try await withFaultyServer { port in
            _ = try self.fault("fault", 9004, says: "SOAP-Fault von http://127.0.0.1:\(port)/fault (Server): Die Datenbank des Dienstes ist gesperrt.", port: port)
            _ = try self.fault("http500", 9003, says: "HTTP-Fehler 500", port: port)
            _ = try self.fault("abgeschnitten", 9005, says: "ist abgeschnitten oder kein gültiges XML", port: port)
            let started = Date()
            _ = try self.fault("langsam", 9001, says: "hat nicht innerhalb von 1 Sekunden geantwortet", port: port)
            // zeitlimit=1: the shell did not wait for the server's 8 seconds.
            XCTAssertLessThan(Date().timeIntervalSince(started), 6)
        }
    }

    /// The service stops between two runs on one session: the reopened session still knows where it sends (not the
    /// password: that comes from KBM_BAMF_PASSWORT again), the refused connection is reported and logged.
    func testConnectionRefusedAfterTheServiceStopped() async throws {
        let home = folder.appendingPathComponent("sitzung")
        let environment = ["KBM_BAMF_PASSWORT": Self.passwort]
        // A port that was free a moment ago and has no listener now.
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in(sin_family: sa_family_t(AF_INET), sin_port: 0, sin_addr: in_addr(s_addr: inet_addr("127.0.0.1")), sin_zero: (0, 0, 0, 0, 0, 0, 0, 0))
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(probe, $0, &length) } }
        let deadPort = Int(UInt16(bigEndian: address.sin_port))
        close(probe)

        let port = try await startServer()
        var run = try kbm(Self.verbinden(port) + "bamf\n", home: home, environment: environment)
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.contains("Gesendet an:      dieser BAMF-Dienst, Benutzer TR-4711"), run.output)
        // Reopened, without the password at hand and no terminal: it says how to give it, and sends nothing.
        run = try kbm(Self.admit, home: home)
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.output.contains("Für Benutzer TR-4711 ist kein Passwort bekannt: KBM_BAMF_PASSWORT setzen"), run.output)
        // Pointed at a dead port (as a stopped service): refused, logged as not delivered.
        run = try kbm("bamf\n", home: home, environment: environment)
        XCTAssertTrue(run.output.contains("Gesendet wird an den BAMF-Dienst http://127.0.0.1:\(port)/inge als Benutzer TR-4711."), run.output)
        let dead = "bamf verbinden http://127.0.0.1:\(deadPort)/inge benutzer=TR-4711\n"
        run = try kbm(dead, home: home, environment: environment)
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.output.contains("Übertragungsfehler 9002: Verbindung abgelehnt"), run.output)
        // The failed `bamf verbinden` left the working connection as it was.
        run = try kbm("bamf\n", home: home, environment: environment)
        XCTAssertTrue(run.output.contains("http://127.0.0.1:\(port)/inge"), run.output)
    }

    /// A certificate the client does not trust: a TLS failure named as one, and nothing connected.
    func testUnknownCertificateIsATLSFailure() throws {
        let cert = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        XCTAssertEqual(openssl.terminationStatus, 0)
        // A raw TLS listener on 127.0.0.1: the handshake is all this test needs.
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        server.arguments = ["s_server", "-accept", "127.0.0.1:0", "-cert", cert, "-key", key, "-www", "-naccept", "4"]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = out
        server.standardInput = Pipe()
        try server.run()
        addTeardownBlock { server.terminate(); server.waitUntilExit() }
        var text = ""
        while !text.contains("ACCEPT") {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: #"127\.0\.0\.1:([0-9]+)"#, options: .regularExpression),
              let port = Int(text[range].split(separator: ":").last ?? "") else {
            throw SetupFailure("openssl s_server nennt keinen Port: \(text)")
        }
        let run = try kbm("bamf verbinden https://127.0.0.1:\(port)/inge benutzer=TR-4711 zeitlimit=3\n"
                          + "expect fehler \"Übertragungsfehler 9006\"\nbamf\n", environment: ["KBM_BAMF_PASSWORT": Self.passwort])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.contains("Übertragungsfehler 9006: TLS-Fehler: Das Zertifikat von https://127.0.0.1:\(port)/inge ist nicht vertrauenswürdig"),
                      run.output)
        XCTAssertTrue(run.output.contains("ca=DATEI"), run.output)
        XCTAssertTrue(run.output.contains("Gesendet an:      eingebauter Simulator"), run.output)
        // Named as the classroom's own CA, the certificate is trusted: what fails now is no longer TLS.
        let trusted = try kbm("bamf verbinden https://127.0.0.1:\(port)/inge benutzer=TR-4711 zeitlimit=3 ca=\(cert)\n",
                              environment: ["KBM_BAMF_PASSWORT": Self.passwort])
        XCTAssertFalse(trusted.output.contains("Übertragungsfehler 9006"), trusted.output)
    }
}

// MARK: - a lost answer: the repeat goes with the same MessageID and gets the first answer

extension ClientTests {
    /// The service commits a Kursbeginnmeldung and the connection breaks before the answer arrives; kbm is even
    /// restarted before it repeats. The repeat carries the same MessageID: the BAMF answers with the Kursnummer it
    /// issued, no second one, and kbm knows the course as reported just as the BAMF does.
    func testLostAnswerIsRepeatedWithTheSameMessageID() async throws {
        let data = folder.appendingPathComponent("bamf.db").path
        let service = try BamfService(path: data)
        try await service.setAccount("TR-4711", password: Self.passwort)
        let (ports, found) = AsyncStream.makeStream(of: Int.self)
        let app = BamfServer.application(service: service, host: "127.0.0.1", port: 0) { found.yield($0) }
        let home = folder.appendingPathComponent("sitzung")
        let environment = ["KBM_BAMF_PASSWORT": Self.passwort]
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return XCTFail("kein Port") }
            var run = try kbm(Self.verbinden(port) + """
                set today 02.03.2026
                mandant traegernummer=TR-4711
                add kursort KO-4711-01
                new auftrag IK-1 typ=integrationskurs
                kursdaten kursart=allgemein abschnitt=basis2 beginn=02.03.2026 kursort=KO-4711-01
                add lehrkraft vorname=Anna nachname=Berger kennung=LK-1001
                assign LK-1001
                add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990 az=AZ-100001
                book T1 kostentraeger=bamf
                admit T1 verfahren=erst
                plan
                status T1 aktiv

                """, home: home, environment: environment)
            XCTAssertEqual(run.status, 0, run.output)

            await service.loseNextAnswer(of: "TR-4711")
            run = try kbm("melden\nexpect fehler \"Übertragungsfehler 9005\"\nexpect keine-kursnummer\n", home: home, environment: environment)
            XCTAssertEqual(run.status, 0, run.output)
            XCTAssertTrue(run.output.contains("nicht zugestellt"), run.output)
            XCTAssertTrue(run.output.contains("dieselben MessageID") || run.output.contains("derselben MessageID"), run.output)

            // A new kbm on the same session: the repeat gets the answer the BAMF gave the first time.
            run = try kbm("melden\nexpect kursnummer\nanmeldungen\n", home: home, environment: environment)
            XCTAssertEqual(run.status, 0, run.output)
            XCTAssertTrue(run.output.contains("BAMF-Kursnummer: BK2026-000001"), run.output)
            XCTAssertFalse(run.output.contains("1048"), run.output)
            group.cancelAll()
        }
        // The service issued one Kursnummer and holds the Kursbeginnmeldung once.
        let store = try BamfStore(path: data)
        XCTAssertEqual(try store.loadSide(of: "TR-4711").kursnummern, ["TR-4711|IK-1": "BK2026-000001"])
        let db = try Database(path: data, create: false)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM nachricht WHERE typ = 'Kursbeginnmeldung'"), 1)
    }
}

// MARK: - the password stays in memory

extension ClientTests {
    /// Not in the session file, its log, `verlauf --export` or a dump; the export names the connection only as a
    /// comment, so a replay never reaches a service by itself.
    func testPasswordIsNeverWrittenAndTheExportCommentsTheConnection() async throws {
        let port = try await startServer()
        let home = folder.appendingPathComponent("sitzung")
        let run = try kbm(Self.verbinden(port) + """
            verlauf --export export.kbm
            dump dump.kbm

            """, home: home, environment: ["KBM_BAMF_PASSWORT": Self.passwort])
        XCTAssertEqual(run.status, 0, run.output)
        let export = try String(contentsOf: home.appendingPathComponent("export.kbm"), encoding: .utf8)
        XCTAssertTrue(export.contains("# ausgelassen (verbindet mit einem BAMF-Dienst): bamf verbinden http://127.0.0.1:\(port)/inge benutzer=TR-4711"), export)
        XCTAssertFalse(export.split(separator: "\n").contains { $0.hasPrefix("bamf verbinden") }, export)
        for name in ["export.kbm", "dump.kbm", "sitzung.db", "sitzung.db-wal"] {
            guard let data = FileManager.default.contents(atPath: home.appendingPathComponent(name).path) else { continue }
            XCTAssertNil(data.range(of: Data(Self.passwort.utf8)), "Passwort in \(name)")
        }
        XCTAssertFalse(run.output.contains(Self.passwort))
    }
}
