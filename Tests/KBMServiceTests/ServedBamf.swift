// Test support: the served BAMF in this process (any listener and limits) or as its own program (kbm-bamf serve),
// always on 127.0.0.1 with an ephemeral port.

import AsyncHTTPClient
import Foundation
import KBMCore
@testable import KBMService
import KBMSoap
import NIOCore
import XCTest

enum ServedBamf {
    /// Runs the server in this process for the length of `body`, which gets the bound port.
    static func inProcess(_ service: BamfService, listener: BamfServer.Listener = .http, limits: BamfServer.Limits = .standard,
                          _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let (ports, found) = AsyncStream.makeStream(of: Int.self)
        let app = BamfServer.application(service: service, host: "127.0.0.1", port: 0, listener: listener, limits: limits) { found.yield($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return XCTFail("kein Port") }
            defer { group.cancelAll() }
            try await body(port)
        }
    }

    /// `.build/debug/kbm-bamf`, found by walking up from this file.
    static func program() throws -> URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent(".build/debug/kbm-bamf")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw SetupFailure("kbm-bamf ist nicht gebaut (.build/debug/kbm-bamf fehlt): erst „swift build“.")
    }

    /// A running `kbm-bamf serve --port 0 --daten PATH`; its port read from the ready line.
    final class Process: @unchecked Sendable {
        let process = Foundation.Process()
        let port: Int
        let stderr = Pipe()

        init(daten: String, extra: [String] = []) throws {
            process.executableURL = try ServedBamf.program()
            process.arguments = ["serve", "--port", "0", "--daten", daten] + extra
            let out = Pipe()
            process.standardOutput = out
            process.standardError = stderr
            try process.run()
            // The ready line: "kbm bamf: bereit auf http://127.0.0.1:PORT/inge".
            var line = Data()
            while !line.contains(0x0A) {
                let chunk = out.fileHandleForReading.availableData
                guard !chunk.isEmpty else { break }
                line.append(chunk)
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: #":[0-9]+/inge"#, options: .regularExpression),
                  let port = Int(text[range].dropFirst().dropLast(5))
            else {
                process.terminate()
                throw NSError(domain: "kbm-bamf", code: 1, userInfo: [NSLocalizedDescriptionKey: "keine Bereit-Zeile: \(text) "
                    + String(decoding: stderr.fileHandleForReading.availableData, as: UTF8.self)])
            }
            self.port = port
        }

        func kill9() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        deinit {
            if process.isRunning { kill9() }
        }
    }

    static func post(_ text: String, port: Int, client: HTTPClient = .shared, scheme: String = "http",
                     timeout: TimeAmount = .seconds(30)) async throws -> ServiceTests.Reply {
        var request = HTTPClientRequest(url: "\(scheme)://127.0.0.1:\(port)/inge")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/xml; charset=utf-8")
        request.body = .bytes(ByteBuffer(string: text))
        let response = try await client.execute(request, timeout: timeout)
        let answer = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return ServiceTests.Reply(status: Int(response.status.code), text: answer, antwort: try? Soap.antwort(answer).get())
    }

    /// The three messages of one course for `traeger`: Kursanmeldung, Kursplanung, Kursbeginnmeldung.
    static func course(_ traeger: String, _ n: Int) -> [InGeRequest] {
        let tn = GesendeterTeilnehmer(nummer: "T\(n)", az: "AZ-\(traeger)-\(n)", geboren: Day(year: 1990, month: 4, day: 12)!)
        var kopf = ServiceTests.kopf
        kopf.traegernummer = traeger
        kopf.auftrag = "A-\(n)"
        return [
            .kursanmeldung(traegernummer: traeger, teilnehmer: tn, verfahren: .erst, kursart: .allgemein, abschnitt: Abschnitt(number: 1)),
            .kursplanung(kopf, abschnitte: [], teilnehmer: [tn], aktualisierung: false),
            .kursbeginnmeldung(kopf, lehrkraefte: ["LK-1001"], teilnehmer: [tn], gesamtTeilnehmer: 1),
        ]
    }
}
