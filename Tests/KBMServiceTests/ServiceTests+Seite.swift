// The trainer's page on the server: served with its policy and without external assets, the live feed after a
// message, hostile values kept inert, and a browser that does not read never holding up an answer.

import AsyncHTTPClient
import Crypto
import Foundation
import KBMCore
@testable import KBMService
import KBMSoap
import NIOCore
import XCTest

extension ServiceTests {
    static func get(_ path: String, port: Int) async throws -> (status: Int, headers: [String: String], text: String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 22)
        var headers: [String: String] = [:]
        for h in response.headers { headers[h.name.lowercased()] = h.value }
        return (Int(response.status.code), headers, String(buffer: body))
    }

    /// The frames of an event stream, one at a time, each within a few seconds.
    final class Frames: @unchecked Sendable {
        private var iterator: HTTPClientResponse.Body.AsyncIterator
        private var pending = ""

        init(port: Int) async throws {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/ereignisse"),
                                                              timeout: .seconds(30))
            XCTAssertEqual(response.status.code, 200)
            XCTAssertEqual(response.headers.first(name: "content-type"), "text/event-stream; charset=utf-8")
            iterator = response.body.makeAsyncIterator()
        }

        /// The next frame that is not a heartbeat: its event name and its data.
        func next() async throws -> (event: String, data: String) {
            while true {
                if let end = pending.range(of: "\n\n") {
                    let frame = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    var event = "", data = ""
                    for line in frame.split(separator: "\n") {
                        if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
                        if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
                    }
                    if !event.isEmpty { return (event, data) }
                    continue
                }
                guard let chunk = try await iterator.next() else { throw CancellationError() }
                pending += String(buffer: chunk)
            }
        }
    }

    static func object(_ json: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    func testPageIsServedWholeWithAPolicyForItsOwnScript() async throws {
        let service = try BamfService(path: folder.appendingPathComponent("bamf.db").path)
        try await withServer(service) { port in
            let page = try await Self.get("/", port: port)
            XCTAssertEqual(page.status, 200)
            XCTAssertEqual(page.headers["content-type"], "text/html; charset=utf-8")
            XCTAssertTrue(page.text.contains("<html lang=\"de\">"))
            XCTAssertTrue(page.text.contains("Nachrichten") && page.text.contains("Träger beim BAMF"))
            // No external asset: nothing is loaded from anywhere, not even from this server.
            for needle in ["src=", "href=", "@import", "url(", "http:", "https:", "<link"] {
                XCTAssertFalse(page.text.contains(needle), needle)
            }
            // The policy allows exactly the inline script and style, by hash, and forbids HTML from strings.
            let policy = try XCTUnwrap(page.headers["content-security-policy"])
            for (open, close, directive) in [("<script>", "</script>", "script-src"), ("<style>", "</style>", "style-src")] {
                let inline = try XCTUnwrap(page.text.range(of: open).flatMap { o in
                    page.text.range(of: close, range: o.upperBound..<page.text.endIndex).map { page.text[o.upperBound..<$0.lowerBound] }
                })
                let hash = Data(SHA256.hash(data: Data(inline.utf8))).base64EncodedString()
                XCTAssertTrue(policy.contains("\(directive) 'sha256-\(hash)'"), policy)
            }
            XCTAssertTrue(policy.contains("default-src 'none'") && policy.contains("require-trusted-types-for 'script'"), policy)
            XCTAssertEqual(page.headers["x-content-type-options"], "nosniff")
        }
    }

    func testEventsArriveAfterEachMessage() async throws {
        let service = try BamfService(path: folder.appendingPathComponent("bamf.db").path)
        try await service.setAccount("TR-4711", password: "richtig")
        try await service.setAccount("admin", password: "admin-pw", admin: true)
        try await withServer(service) { port in
            let frames = try await Frames(port: port)
            var frame = try await frames.next()
            XCTAssertEqual(frame.event, "stand")
            var stand = try Self.object(frame.data)
            let traeger = try XCTUnwrap(stand["traeger"] as? [[String: Any]])
            XCTAssertEqual(traeger.map { $0["traeger"] as? String }, ["TR-4711"], "admin accounts are no Träger")
            XCTAssertEqual(stand["nr"] as? Int, 0)

            let anmeldung = InGeRequest.kursanmeldung(traegernummer: "TR-4711", teilnehmer: Self.tn, verfahren: .erst,
                                                      kursart: nil, abschnitt: nil)
            _ = try await Self.post(Self.envelope(anmeldung, id: "a-1"), port: port)
            frame = try await frames.next()
            XCTAssertEqual(frame.event, "nachricht")
            var d = try Self.object(frame.data)
            XCTAssertEqual(d["nr"] as? Int, 1)
            var n = try XCTUnwrap(d["nachricht"] as? [String: Any])
            XCTAssertEqual(n["benutzer"] as? String, "TR-4711")
            XCTAssertEqual(n["typ"] as? String, "Kursanmeldung")
            XCTAssertEqual(n["ergebnis"] as? String, "erfolgreich")
            var t = try XCTUnwrap(d["traeger"] as? [String: Any])
            XCTAssertEqual(t["zulassungen"] as? Int, 1)

            let plan = InGeRequest.kursplanung(Self.kopf, abschnitte: [], teilnehmer: [Self.tn], aktualisierung: false)
            _ = try await Self.post(Self.envelope(plan, id: "p-1"), port: port)
            d = try Self.object(try await frames.next().data)
            XCTAssertEqual(d["nr"] as? Int, 2)
            n = try XCTUnwrap(d["nachricht"] as? [String: Any])
            XCTAssertEqual(n["typ"] as? String, "Kursplanung")
            t = try XCTUnwrap(d["traeger"] as? [String: Any])
            XCTAssertEqual((t["plaene"] as? [[String: Any]])?.first?["auftrag"] as? String, "A-1")

            let kbm = InGeRequest.kursbeginnmeldung(Self.kopf, lehrkraefte: ["LK-1001"], teilnehmer: [Self.tn], gesamtTeilnehmer: 1)
            _ = try await Self.post(Self.envelope(kbm, id: "k-1"), port: port)
            d = try Self.object(try await frames.next().data)
            n = try XCTUnwrap(d["nachricht"] as? [String: Any])
            XCTAssertEqual(n["typ"] as? String, "Kursbeginnmeldung")
            XCTAssertEqual(n["kursnummer"] as? String, "BK2026-000001")
            t = try XCTUnwrap(d["traeger"] as? [String: Any])
            XCTAssertEqual((t["kursnummern"] as? [[String: Any]])?.first?["kursnummer"] as? String, "BK2026-000001")

            // Rejected, with its numbered Meldung.
            _ = try await Self.post(Self.envelope(kbm, id: "k-2"), port: port)
            frame = try await frames.next()
            n = try XCTUnwrap(try Self.object(frame.data)["nachricht"] as? [String: Any])
            XCTAssertEqual(n["ergebnis"] as? String, "abgelehnt")
            let meldung = try XCTUnwrap((n["meldungen"] as? [[String: Any]])?.first)
            XCTAssertEqual(meldung["nummer"] as? Int, 1048)
            XCTAssertEqual(meldung["text"] as? String, BamfMessage.alreadyReported("BK2026-000001").text)

            // A wrong password is shown too, as not kept; the password itself is nowhere.
            _ = try await Self.post(Self.envelope(plan, id: "p-2", password: "Geheim-falsch"), port: port)
            frame = try await frames.next()
            XCTAssertFalse(frame.data.contains("Geheim-falsch"))
            n = try XCTUnwrap(try Self.object(frame.data)["nachricht"] as? [String: Any])
            XCTAssertEqual(n["gespeichert"] as? Bool, false)
            XCTAssertEqual((n["meldungen"] as? [[String: Any]])?.first?["nummer"] as? Int, 1062)

            // A repeated MessageID gets its stored answer and is no new message.
            _ = try await Self.post(Self.envelope(kbm, id: "k-1"), port: port)
            // A page that connects now gets all of it at once.
            stand = try Self.object(try await Self.get("/stand", port: port).text)
            XCTAssertEqual(stand["nr"] as? Int, 5)
            XCTAssertEqual((stand["nachrichten"] as? [[String: Any]])?.compactMap { $0["typ"] as? String },
                           ["Kursanmeldung", "Kursplanung", "Kursbeginnmeldung", "Kursbeginnmeldung", "Kursplanung"])
        }
        // After a restart the page shows the messages the file holds, with their Meldungen.
        let again = try await BamfService(path: folder.appendingPathComponent("bamf.db").path).stand()
        XCTAssertEqual(again.nachrichten.map(\.typ), ["Kursanmeldung", "Kursplanung", "Kursbeginnmeldung", "Kursbeginnmeldung"])
        XCTAssertEqual(again.nachrichten.last?.meldungen.map(\.nummer), [1048])
        XCTAssertEqual(again.nachrichten.map(\.nr), [1, 2, 3, 4])
    }

    func testHostileValuesStayInertAndNoPasswordIsShown() async throws {
        let service = try BamfService(path: folder.appendingPathComponent("bamf.db").path)
        try await service.setAccount("TR-4711", password: "richtig")
        let hostile = "</script><img src=x onerror=alert(1)>&amp;\"'\u{2028}"
        try await withServer(service) { port in
            let anmeldung = InGeRequest.kursanmeldung(traegernummer: hostile, teilnehmer: Self.tn, verfahren: .erst,
                                                      kursart: nil, abschnitt: nil)
            _ = try await Self.post(Self.envelope(anmeldung, id: "h-1", user: hostile), port: port)
            _ = try await Self.post(Self.envelope(anmeldung, id: "h-2"), port: port)
            let stand = try await Self.get("/stand", port: port)
            XCTAssertEqual(stand.headers["content-type"], "application/json; charset=utf-8")
            for raw in ["<", ">", "&", "\u{2028}"] { XCTAssertFalse(stand.text.contains(raw), raw) }
            for secret in ["richtig", "scrypt"] { XCTAssertFalse(stand.text.contains(secret), secret) }
            // Inert, yet exact: the page shows what was sent, as text.
            let nachrichten = try XCTUnwrap(try Self.object(stand.text)["nachrichten"] as? [[String: Any]])
            XCTAssertEqual(nachrichten.first?["benutzer"] as? String, hostile)
            XCTAssertEqual((nachrichten.last?["meldungen"] as? [[String: Any]])?.first?["text"] as? String,
                           BamfMessage.foreignTraeger(user: "TR-4711", traeger: hostile).text)
        }
    }

    /// Browsers that never read lose their oldest frames, never the service its answers; past the limit of
    /// watchers one more is refused.
    func testABrowserThatDoesNotReadNeverHoldsUpAnAnswer() async throws {
        let service = try BamfService(path: folder.appendingPathComponent("bamf.db").path)
        try await service.setAccount("TR-4711", password: "richtig")
        var streams: [AsyncStream<String>] = []
        for _ in 0..<BamfEreignisse.maxZuschauer {
            let stream = try await service.ereignisStrom()
            streams.append(try XCTUnwrap(stream))
        }
        let refused = try await service.ereignisStrom()
        XCTAssertNil(refused)
        let count = BamfEreignisse.puffer + 50
        for i in 0..<count {
            let anmeldung = InGeRequest.kursanmeldung(traegernummer: "TR-4711", teilnehmer: GesendeterTeilnehmer(
                nummer: "T\(i)", az: "AZ-\(200000 + i)", geboren: Self.tn.geboren), verfahren: .erst, kursart: nil, abschnitt: nil)
            let reply = await service.answer(Array(Self.envelope(anmeldung, id: "s-\(i)").utf8))
            XCTAssertFalse(reply.fault)
        }
        // What one of them holds: the newest frames only, the last message last.
        var held: [String] = []
        let first = streams.removeFirst()
        for await frame in first {
            held.append(frame)
            if held.count == BamfEreignisse.puffer { break }
        }
        XCTAssertTrue(held.last?.contains("\"nr\":\(count),") ?? false)
        XCTAssertFalse(held.contains { $0.hasPrefix("event: stand") }, "the oldest frames were dropped")
        // One gone, one more may watch.
        streams.removeAll()
        var joined: AsyncStream<String>?
        for _ in 0..<100 where joined == nil {
            joined = try await service.ereignisStrom()
            if joined == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        XCTAssertNotNil(joined)
    }

    func testTooManyWatchersGetAnAnswerNotAHang() async throws {
        let service = try BamfService(path: folder.appendingPathComponent("bamf.db").path)
        var streams: [AsyncStream<String>] = []
        for _ in 0..<BamfEreignisse.maxZuschauer {
            let stream = try await service.ereignisStrom()
            streams.append(try XCTUnwrap(stream))
        }
        try await withServer(service) { port in
            let r = try await Self.get("/ereignisse", port: port)
            XCTAssertEqual(r.status, 503)
            XCTAssertTrue(r.text.contains("Zu viele Browser"), r.text)
        }
        XCTAssertEqual(streams.count, BamfEreignisse.maxZuschauer)
    }

    func testStandShowsWhatTheBamfKnowsAndTheFaults() throws {
        var side = BamfSide()
        side.kursorte = ["KO-1", "KO-2"]
        side.lehrkraefte = ["LK-1"]
        side.teilnehmer = ["AZ-1": Self.day]
        side.zulassungen = ["TR-1|AZ-1": .erst]
        side.plaene = ["TR-1|A-2": BamfSide.Plan(aktenzeichen: ["AZ-1"], storniert: true)]
        side.kursnummern = ["TR-1|A-1": "BK2026-000007"]
        side.stoerungen = [.kursbeginnmeldung: 1042]
        side.offline = true
        side.modus = .strict
        let t = Stand.Traeger("TR-1", side)
        XCTAssertTrue(t.gestoert)
        let json = try Self.object(t.json)
        XCTAssertEqual(json["kursorte"] as? Int, 2)
        XCTAssertEqual(json["zulassungen"] as? Int, 1)
        XCTAssertEqual(json["modus"] as? String, "strict")
        XCTAssertEqual(json["offline"] as? Bool, true)
        XCTAssertEqual((json["stoerungen"] as? [[String: Any]])?.first?["nummer"] as? Int, 1042)
        XCTAssertEqual((json["stoerungen"] as? [[String: Any]])?.first?["typ"] as? String, "Kursbeginnmeldung")
        XCTAssertEqual((json["plaene"] as? [[String: Any]])?.first?["storniert"] as? Bool, true)
        XCTAssertEqual((json["kursnummern"] as? [[String: Any]])?.first?["auftrag"] as? String, "A-1")
        XCTAssertFalse(Stand.Traeger("TR-2", BamfSide()).gestoert)
    }
}
