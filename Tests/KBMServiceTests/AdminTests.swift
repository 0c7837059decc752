// Accounts and administration of the served BAMF: a Träger sees and changes only its own BAMF side; an admin
// account (or whoever holds the file) may name one Träger or all.

import Foundation
import KBMCore
@testable import KBMService
import KBMSoap
import XCTest

final class AdminTests: XCTestCase {
    var path: String!

    override func setUpWithError() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("kbm-admin-\(UUID().uuidString).db").path
    }

    override func tearDownWithError() throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func answer(_ service: BamfService, _ r: InGeRequest, id: String, user: String) async throws -> InGeResponse {
        let reply = await service.answer(Array(ServiceTests.envelope(r, id: id, user: user, password: "pw-" + user).utf8))
        guard case .antwort(let response, _) = try Soap.antwort(reply.text).get() else { throw SetupFailure(reply.text) }
        return response
    }

    func testATraegerChangesOnlyItsOwnSideAndAnAdminNamesOneOrAll() async throws {
        let service = try BamfService(path: path)
        for t in ["TR-1", "TR-2"] { try await service.setAccount(t, password: "pw-" + t) }
        try await service.setAccount("admin", password: "pw-admin", admin: true)

        // Its own side: a Störung for TR-1 only.
        guard case .ausgefuehrt(let a) = await service.verwalte("bamf stoerung kursbeginnmeldung fehler=1042", von: "TR-1", fuer: .eigen)
        else { return XCTFail() }
        XCTAssertEqual(a.map(\.traeger), ["TR-1"])
        XCTAssertTrue(a[0].text.contains("1042"), a[0].text)
        var one = try await service.side(of: "TR-1"), two = try await service.side(of: "TR-2")
        XCTAssertEqual(one.stoerungen, [.kursbeginnmeldung: 1042])
        XCTAssertEqual(two.stoerungen, [:])

        // Another Träger's side, or all: Meldung 1063, nothing changed.
        var v = await service.verwalte("bamf offline on", von: "TR-1", fuer: .traeger("TR-2"))
        XCTAssertEqual(v, .abgelehnt(.foreignTraeger(user: "TR-1", traeger: "TR-2")))
        v = await service.verwalte("bamf offline on", von: "TR-1", fuer: .alle)
        XCTAssertEqual(v, .abgelehnt(.foreignTraeger(user: "TR-1", traeger: "alle")))
        two = try await service.side(of: "TR-2")
        XCTAssertFalse(two.offline)

        // The admin: all Träger at once, one by name; it has no side of its own.
        guard case .ausgefuehrt(let all) = await service.verwalte("bamf testdaten", von: "admin", fuer: BamfService.Ziel("alle"))
        else { return XCTFail() }
        XCTAssertEqual(all.map(\.traeger), ["TR-1", "TR-2"])
        for t in ["TR-1", "TR-2"] {
            let side = try await service.side(of: t)
            XCTAssertTrue(side.lehrkraefte.contains("LK-1001"))
        }
        guard case .ausgefuehrt = await service.verwalte("bamf modus=strict", von: "admin", fuer: .traeger("TR-2")) else { return XCTFail() }
        (one, two) = (try await service.side(of: "TR-1"), try await service.side(of: "TR-2"))
        XCTAssertEqual(two.modus, .strict)
        XCTAssertEqual(one.modus, .lenient)
        guard case .fehler = await service.verwalte("bamf testdaten", von: "admin", fuer: .eigen) else { return XCTFail() }
        guard case .fehler = await service.verwalte("bamf testdaten", von: "admin", fuer: .traeger("admin")) else { return XCTFail() }
        guard case .fehler = await service.verwalte("bamf testdaten", von: nil, fuer: .traeger("TR-9")) else { return XCTFail() }

        // Only the simulator's commands; what the BAMF received is not rewritten from outside.
        for line in ["new auftrag X typ=ba", "new auftrag X", "bamf restore zaehler 7", "melden", "", "bamf stoerung kursbeginnmeldung"] {
            guard case .fehler(let text) = await service.verwalte(line, von: nil, fuer: .alle) else { return XCTFail(line) }
            XCTAssertFalse(text.isEmpty)
        }
    }

    /// Messages: TR-2 does not see TR-1's plan, nor does TR-1's Störung reach TR-2.
    func testATraegerSeesOnlyItsOwnDataThroughMessages() async throws {
        let service = try BamfService(path: path)
        for t in ["TR-1", "TR-2"] { try await service.setAccount(t, password: "pw-" + t) }
        let one = ServedBamf.course("TR-1", 1)
        for (i, r) in one.prefix(2).enumerated() {
            let response = try await answer(service, r, id: "1-\(i)", user: "TR-1")
            XCTAssertEqual(response.ergebnis, .erfolgreich)
        }
        // The same course number from TR-2: its BAMF side has no plan for it.
        var kopf = ServiceTests.kopf
        kopf.traegernummer = "TR-2"
        kopf.auftrag = "A-1"
        let tn = GesendeterTeilnehmer(nummer: "T1", az: "AZ-TR-1-1", geboren: Day(year: 1990, month: 4, day: 12)!)
        let foreign = try await answer(service, .kursbeginnmeldung(kopf, lehrkraefte: ["LK-1001"], teilnehmer: [tn], gesamtTeilnehmer: 1),
                                       id: "2-0", user: "TR-2")
        XCTAssertEqual(foreign.ergebnis, .abgelehnt)
        XCTAssertEqual(foreign.meldungen.map(\.nummer), [1040, 1043]) // no plan, no Zulassung: both are TR-1's

        _ = await service.verwalte("bamf stoerung kursanmeldung fehler=1030", von: "TR-1", fuer: .eigen)
        let two = ServedBamf.course("TR-2", 5)
        let unaffected = try await answer(service, two[0], id: "2-1", user: "TR-2")
        XCTAssertEqual(unaffected.ergebnis, .erfolgreich)
        let disrupted = try await answer(service, ServedBamf.course("TR-1", 2)[0], id: "1-9", user: "TR-1")
        XCTAssertEqual(disrupted.meldungen.map(\.nummer), [1030])
    }

    func testAccountListShowsNoPassword() async throws {
        let service = try BamfService(path: path)
        try await service.setAccount("TR-1", password: "streng-geheim")
        try await service.setAccount("admin", password: "auch-geheim", admin: true)
        _ = await service.answer(Array(ServiceTests.envelope(ServedBamf.course("TR-1", 1)[0], id: "x", user: "TR-1", password: "streng-geheim").utf8))
        let konten = try await service.konten()
        XCTAssertEqual(konten.map(\.benutzer), ["admin", "TR-1"])
        XCTAssertEqual(konten.map(\.admin), [true, false])
        XCTAssertEqual(konten.map(\.nachrichten), [0, 1])
        XCTAssertFalse("\(konten)".contains("scrypt"))
    }
}
