// kill -9 of `kbm-bamf serve` in the middle of a stream of messages: after a restart on the same file every
// acknowledged message is there (its MessageID answered with the stored answer, byte for byte), no Kursnummer is
// issued twice, and the file holds no half message.

import AsyncHTTPClient
import Foundation
import KBMCore
@testable import KBMService
import KBMSoap
import XCTest

final class DurabilityTests: XCTestCase {
    actor Acknowledged {
        var answers: [String: (envelope: String, answer: String)] = [:]
        func add(_ id: String, _ envelope: String, _ answer: String) { answers[id] = (envelope, answer) }
    }

    func testKillNineLosesNothingAcknowledged() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kbm-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bamf.db").path
        let traeger = ["TR-1", "TR-2", "TR-3", "TR-4"]
        do {
            let setup = try BamfService(path: path)
            for t in traeger { try await setup.setAccount(t, password: "pw-" + t) }
        }

        let server = try ServedBamf.Process(daten: path)
        let port = server.port
        let acknowledged = Acknowledged()
        // Four Träger send courses as fast as they can; the server is killed while they are at it.
        let senders = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for t in traeger {
                    group.addTask {
                        for n in 1...200 {
                            for (i, r) in ServedBamf.course(t, n).enumerated() {
                                let id = "urn:kill:\(t):\(n):\(i)"
                                let envelope = ServiceTests.envelope(r, id: id, user: t, password: "pw-" + t)
                                guard let reply = try? await ServedBamf.post(envelope, port: port, timeout: .seconds(5)) else { return }
                                if reply.status == 200 { await acknowledged.add(id, envelope, reply.text) }
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        // Wait until some Kursnummern were issued, then pull the plug.
        let start = ContinuousClock.now
        while await acknowledged.answers.count < 60, ContinuousClock.now - start < .seconds(60) { try await Task.sleep(for: .milliseconds(20)) }
        server.kill9()
        _ = await senders.result
        let before = await acknowledged.answers
        XCTAssertGreaterThanOrEqual(before.count, 60)

        let restarted = try ServedBamf.Process(daten: path)
        var numbers: [String] = []
        for (id, sent) in before {
            let again = try await ServedBamf.post(sent.envelope, port: restarted.port)
            XCTAssertEqual(again.text, sent.answer, id)
            if case .antwort(let r, _)? = again.antwort, let k = r.kursnummer { numbers.append(k) }
        }
        XCTAssertFalse(numbers.isEmpty)
        // New courses after the restart: Kursnummern not issued before.
        for t in traeger {
            for (i, r) in ServedBamf.course(t, 999).enumerated() {
                let reply = try await ServedBamf.post(ServiceTests.envelope(r, id: "urn:after:\(t):\(i)", user: t, password: "pw-" + t), port: restarted.port)
                guard case .antwort(let response, _)? = reply.antwort else { return XCTFail(reply.text) }
                XCTAssertEqual(response.ergebnis, .erfolgreich, "\(response.meldungen)")
                if let k = response.kursnummer { numbers.append(k) }
            }
        }
        XCTAssertEqual(numbers.count, Set(numbers).count, "doppelte Kursnummer")
        restarted.kill9()

        // The file: intact, every stored message complete with its answer, every issued Kursnummer once.
        let db = try Database(path: path, create: false)
        XCTAssertEqual(try db.text("PRAGMA integrity_check"), "ok")
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM nachricht WHERE antwort = '' OR anfrage = ''"), 0)
        XCTAssertEqual(try db.scalar("SELECT count(*) - count(DISTINCT kursnummer) FROM nachricht WHERE kursnummer IS NOT NULL"), 0)
        XCTAssertGreaterThanOrEqual(try db.scalar("SELECT count(*) FROM nachricht"), before.count + 12)
    }
}
