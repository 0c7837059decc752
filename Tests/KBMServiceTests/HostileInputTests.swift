// Hostile or huge requests against the running server: each gets a Fault, a 413 or is cut off by a limit, while
// the service goes on answering the others and stores nothing of them.

import AsyncHTTPClient
import Foundation
import Glibc
import KBMCore
@testable import KBMService
import KBMSoap
import NIOCore
import XCTest

final class HostileInputTests: XCTestCase {
    var path: String!
    static let limits = BamfServer.Limits(connections: 4000, idle: .seconds(1), request: .seconds(2))

    override func setUpWithError() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("kbm-hostile-\(UUID().uuidString).db").path
    }

    override func tearDownWithError() throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func service() async throws -> BamfService {
        let s = try BamfService(path: path)
        try await s.setAccount("TR-4711", password: "richtig")
        return s
    }

    /// An ordinary message still gets its ordinary answer.
    static func stillAnswers(_ port: Int, _ id: String) async throws {
        let reply = try await ServedBamf.post(ServiceTests.envelope(ServedBamf.course("TR-4711", 1)[0], id: id), port: port, timeout: .seconds(20))
        XCTAssertEqual(reply.status, 200, reply.text)
        guard case .antwort(_, let relatesTo)? = reply.antwort else { return XCTFail(reply.text) }
        XCTAssertEqual(relatesTo, id)
    }

    func testHostileXMLThroughTheServerIsAFault() async throws {
        let service = try await service()
        let valid = ServiceTests.envelope(ServedBamf.course("TR-4711", 1)[0], id: "urn:x")
        let body = valid.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: "")
        let lol = (2...9).map { n in "<!ENTITY lol\(n) \"" + String(repeating: "&lol\(n - 1);", count: 10) + "\">" }.joined()
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol1 \"lol\">\(lol)]>" + body.replacingOccurrences(of: "TR-4711", with: "&lol9;")
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        var utf8 = Array(valid.utf8)
        let at = utf8.firstIndex(of: UInt8(ascii: "4"))!
        utf8[at] = 0xC3; utf8.insert(0x28, at: at + 1)
        let cases = [("Entity-Bombe", Array(bomb.utf8)), ("tiefe Verschachtelung", Array(deep.utf8)), ("kein UTF-8", utf8)]
        try await ServedBamf.inProcess(service, limits: Self.limits) { port in
            for (name, bytes) in cases {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/inge")
                request.method = .POST
                request.body = .bytes(ByteBuffer(bytes: bytes))
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
                let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
                XCTAssertEqual(response.status.code, 500, name)
                guard case .fault(let f)? = try? Soap.antwort(text).get() else { return XCTFail("\(name): \(text)") }
                XCTAssertEqual(f.code, .client, name)
            }
            try await Self.stillAnswers(port, "urn:nach-xml")
        }
        let db = try Database(path: path, create: false)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM nachricht"), 1)
    }

    func testHundredMegabytesAreRefusedEarly() async throws {
        let service = try await service()
        try await ServedBamf.inProcess(service, limits: Self.limits) { port in
            let raw = try RawConnection(port: port)
            try raw.send("POST /inge HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: \(100 << 20)\r\n\r\n")
            // Send until the answer comes; the server must not wait for the whole 100 MB.
            let chunk = [UInt8](repeating: 0x41, count: 1 << 16)
            var sent = 0
            while sent < 100 << 20, !raw.readable() {
                guard (try? raw.send(chunk)) != nil else { break }
                sent += chunk.count
            }
            XCTAssertLessThan(sent, 100 << 20, "der Server las alles, bevor er antwortete")
            XCTAssertTrue(raw.receive(timeout: 5).hasPrefix("HTTP/1.1 413"))
            try await Self.stillAnswers(port, "urn:nach-100mb")
        }
    }

    func testASlowClientIsCutOffAndOthersAreAnswered() async throws {
        let service = try await service()
        try await ServedBamf.inProcess(service, limits: Self.limits) { port in
            // One byte of the body every 200 ms: each byte would restart an idle timer; the request's time ends.
            let body = try RawConnection(port: port)
            try body.send("POST /inge HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n")
            // One byte of the head every 200 ms: the head never ends, the connection is idle.
            let head = try RawConnection(port: port)
            let line = Array("POST /inge HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8)
            let start = ContinuousClock.now
            var i = 0
            var cut: (body: Duration?, head: Duration?) = (nil, nil)
            while ContinuousClock.now - start < .seconds(10), cut.body == nil || cut.head == nil {
                if cut.body == nil, (try? body.send([0x41])) == nil || body.closedByPeer() { cut.body = ContinuousClock.now - start }
                if cut.head == nil, (try? head.send([line[i % line.count]])) == nil || head.closedByPeer() { cut.head = ContinuousClock.now - start }
                i += 1
                if i == 3 { try await Self.stillAnswers(port, "urn:neben-langsam") }
                try await Task.sleep(for: .milliseconds(200))
            }
            XCTAssertNotNil(cut.body, "langsamer Körper nicht abgeschnitten")
            XCTAssertNotNil(cut.head, "langsamer Kopf nicht abgeschnitten")
            try await Self.stillAnswers(port, "urn:nach-langsam")
        }
    }

    func testAThousandConnectionsAtOnce() async throws {
        let service = try await service()
        try await ServedBamf.inProcess(service, limits: Self.limits) { port in
            var open: [RawConnection] = []
            for _ in 0..<1000 {
                let c = try RawConnection(port: port)
                try? c.send("POST /inge HTTP/1.1\r\n")
                open.append(c)
            }
            // The others are answered while a thousand hang, and the thousand are closed by the server in time.
            for i in 0..<5 { try await Self.stillAnswers(port, "urn:tausend-\(i)") }
            try await Task.sleep(for: .seconds(3))
            let closed = open.filter { $0.closedByPeer() }.count
            XCTAssertEqual(closed, 1000)
            try await Self.stillAnswers(port, "urn:nach-tausend")
        }
    }
}

/// A TCP connection to 127.0.0.1 spoken to byte by byte, for what a well-behaved HTTP client never does.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw POSIXError(.EPIPE) }
            offset += n
        }
    }

    /// Whether something (an answer, or the end) waits to be read.
    func readable(timeout ms: Int32 = 0) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, ms) == 1
    }

    /// The server closed its side (read gives 0) or reset the connection.
    func closedByPeer() -> Bool {
        guard readable() else { return false }
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return n <= 0
    }

    func receive(timeout seconds: Int32) -> String {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while readable(timeout: seconds * 1000) {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { break }
            out += buffer[..<n]
            if out.count > 64 { break }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
