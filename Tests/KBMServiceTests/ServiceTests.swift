// The served BAMF on 127.0.0.1 with an ephemeral port, spoken to with AsyncHTTPClient as kbm's client will.

import AsyncHTTPClient
import Foundation
import KBMCore
@testable import KBMService
import KBMSoap
import NIOCore
import XCTest

final class ServiceTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kbm-bamf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs the server on a free port for the length of `body`.
    func withServer(_ service: BamfService, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let (ports, found) = AsyncStream.makeStream(of: Int.self)
        let app = BamfServer.application(service: service, host: "127.0.0.1", port: 0) { found.yield($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return XCTFail("kein Port") }
            XCTAssertNotEqual(port, 0)
            try await body(port)
            group.cancelAll()
        }
    }

    struct Reply {
        var status: Int
        var text: String
        var antwort: SoapAntwort?
    }

    static func post(_ text: String, port: Int) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/inge")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/xml; charset=utf-8")
        request.body = .bytes(ByteBuffer(string: text))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        let answer = String(buffer: body)
        return Reply(status: Int(response.status.code), text: answer, antwort: try? Soap.antwort(answer).get())
    }

    static let day = Day(year: 2026, month: 3, day: 2)!
    static let tn = GesendeterTeilnehmer(nummer: "T1", az: "AZ-100001", geboren: Day(year: 1990, month: 4, day: 12)!)
    static let kopf = Kurskopf(traegernummer: "TR-4711", auftrag: "A-1", kursort: "KO-4711-01", kursart: .allgemein,
                               beginnabschnitt: Abschnitt(number: 1), kursbeginn: day)

    static func envelope(_ r: InGeRequest, id: String, user: String = "TR-4711", password: String = "richtig") -> String {
        Soap.envelope(SoapAnfrage(messageID: id, zugang: Zugang(benutzer: user, passwort: password), heute: day,
                                  nurValidieren: false, nachricht: r))
    }

    func testKursanmeldungAuthenticationAndRepeatedMessageID() async throws {
        let path = folder.appendingPathComponent("bamf.db").path
        let service = try BamfService(path: path)
        try await service.setAccount("TR-4711", password: "richtig")
        try await service.setAccount("TR-4712", password: "anderes")
        let anmeldung = InGeRequest.kursanmeldung(traegernummer: "TR-4711", teilnehmer: Self.tn, verfahren: .erst,
                                                  kursart: .allgemein, abschnitt: Abschnitt(number: 1))
        try await withServer(service) { port in
            var r = try await Self.post(Self.envelope(anmeldung, id: "urn:uuid:1"), port: port)
            XCTAssertEqual(r.status, 200)
            XCTAssertEqual(r.antwort, .antwort(InGeResponse(ergebnis: .erfolgreich), relatesTo: "urn:uuid:1"))

            r = try await Self.post(Self.envelope(anmeldung, id: "urn:uuid:2", password: "falsch"), port: port)
            XCTAssertEqual(r.antwort, .antwort(InGeResponse(ergebnis: .abgelehnt, meldungen: [.wrongPassword("TR-4711")]), relatesTo: "urn:uuid:2"))
            r = try await Self.post(Self.envelope(anmeldung, id: "urn:uuid:3", user: "TR-0000"), port: port)
            XCTAssertEqual(r.antwort, .antwort(InGeResponse(ergebnis: .abgelehnt, meldungen: [.unknownUser("TR-0000")]), relatesTo: "urn:uuid:3"))
            r = try await Self.post(Self.envelope(anmeldung, id: "urn:uuid:4", user: "TR-4712", password: "anderes"), port: port)
            XCTAssertEqual(r.antwort, .antwort(InGeResponse(ergebnis: .abgelehnt, meldungen: [
                .foreignTraeger(user: "TR-4712", traeger: "TR-4711")]), relatesTo: "urn:uuid:4"))

            // Plan, then Kursbeginnmeldung: a Kursnummer; the same MessageID again gets the same answer, byte for byte.
            let plan = InGeRequest.kursplanung(Self.kopf, abschnitte: [], teilnehmer: [Self.tn], aktualisierung: false)
            r = try await Self.post(Self.envelope(plan, id: "urn:uuid:5"), port: port)
            XCTAssertEqual(r.antwort, .antwort(InGeResponse(ergebnis: .erfolgreich), relatesTo: "urn:uuid:5"))
            let kbm = InGeRequest.kursbeginnmeldung(Self.kopf, lehrkraefte: ["LK-1001"], teilnehmer: [Self.tn], gesamtTeilnehmer: 1)
            let first = try await Self.post(Self.envelope(kbm, id: "urn:uuid:6"), port: port)
            XCTAssertEqual(first.antwort, .antwort(InGeResponse(ergebnis: .erfolgreich, kursnummer: "BK2026-000001"), relatesTo: "urn:uuid:6"))
            let again = try await Self.post(Self.envelope(kbm, id: "urn:uuid:6"), port: port)
            XCTAssertEqual(again.text, first.text)
            // A new id for the same course: the BAMF knows it as reported.
            r = try await Self.post(Self.envelope(kbm, id: "urn:uuid:7"), port: port)
            XCTAssertEqual(r.antwort, .antwort(InGeResponse(ergebnis: .abgelehnt, meldungen: [.alreadyReported("BK2026-000001")]), relatesTo: "urn:uuid:7"))
            // The same id for another message is a Fault.
            r = try await Self.post(Self.envelope(plan, id: "urn:uuid:6"), port: port)
            XCTAssertEqual(r.status, 500)
            guard case .fault(let f)? = r.antwort else { return XCTFail(r.text) }
            XCTAssertTrue(f.text.contains("MessageID"), f.text)
            // Rubbish: a Fault, and the service goes on answering.
            r = try await Self.post("<kein xml", port: port)
            XCTAssertEqual(r.status, 500)
            guard case .fault(let g)? = r.antwort else { return XCTFail(r.text) }
            XCTAssertEqual(g.code, .client)
            r = try await Self.post(String(repeating: "x", count: XMLReader.maxBytes + 1), port: port)
            XCTAssertEqual(r.status, 413)
            r = try await Self.post(Self.envelope(kbm, id: "urn:uuid:6"), port: port)
            XCTAssertEqual(r.text, first.text)
        }
        // Committed before it was answered: a new process on the file answers the repeat the same way.
        let reopened = try BamfService(path: path)
        let repeated = await reopened.answer(Array(Self.envelope(
            .kursbeginnmeldung(Self.kopf, lehrkraefte: ["LK-1001"], teilnehmer: [Self.tn], gesamtTeilnehmer: 1), id: "urn:uuid:6").utf8))
        XCTAssertEqual(try Soap.antwort(repeated.text).get(),
                       .antwort(InGeResponse(ergebnis: .erfolgreich, kursnummer: "BK2026-000001"), relatesTo: "urn:uuid:6"))
    }

    /// Each Träger has its own BAMF side, but a Kursnummer is issued once across the service.
    func testKursnummernAreUniqueAcrossTraeger() async throws {
        let service = try BamfService(path: folder.appendingPathComponent("bamf.db").path)
        var numbers: [String] = []
        for traeger in ["TR-1", "TR-2"] {
            try await service.setAccount(traeger, password: "pw-" + traeger)
            var kopf = Self.kopf
            kopf.traegernummer = traeger
            let steps: [InGeRequest] = [
                .kursanmeldung(traegernummer: traeger, teilnehmer: Self.tn, verfahren: .erst, kursart: nil, abschnitt: nil),
                .kursplanung(kopf, abschnitte: [], teilnehmer: [Self.tn], aktualisierung: false),
                .kursbeginnmeldung(kopf, lehrkraefte: ["LK-1"], teilnehmer: [Self.tn], gesamtTeilnehmer: 1),
            ]
            for (i, step) in steps.enumerated() {
                let reply = await service.answer(Array(Self.envelope(step, id: "\(traeger)-\(i)", user: traeger, password: "pw-" + traeger).utf8))
                guard case .antwort(let r, _) = try Soap.antwort(reply.text).get() else { return XCTFail(reply.text) }
                XCTAssertEqual(r.ergebnis, .erfolgreich, "\(r.meldungen)")
                if let k = r.kursnummer { numbers.append(k) }
            }
        }
        XCTAssertEqual(numbers, ["BK2026-000001", "BK2026-000002"])
    }

    func testPasswordHash() throws {
        let hash = try PasswordHash.make("geheim")
        XCTAssertTrue(hash.hasPrefix("scrypt$32768$8$1$"))
        XCTAssertFalse(hash.contains("geheim"))
        XCTAssertTrue(PasswordHash.verify("geheim", against: hash))
        XCTAssertFalse(PasswordHash.verify("Geheim", against: hash))
        XCTAssertFalse(PasswordHash.verify("geheim", against: "scrypt$3$8$1$00$00"))
        XCTAssertNotEqual(try PasswordHash.make("geheim"), hash, "salt")
    }
}
