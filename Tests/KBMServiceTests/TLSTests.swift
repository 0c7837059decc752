// HTTPS: a certificate made here with the openssl command; a client that trusts it is answered, one that does not
// (the system's roots) fails the handshake, and a plain HTTP client gets nothing.

import AsyncHTTPClient
import Foundation
import KBMCore
@testable import KBMService
import KBMSoap
import NIOSSL
import XCTest

final class TLSTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kbm-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func makeCertificate(_ name: String = "server") throws -> (String, String) {
        try Self.makeCertificate(in: folder, name)
    }

    /// A self-signed P-256 certificate for 127.0.0.1 in `folder`, made with the openssl command: (certificate, key) paths.
    static func makeCertificate(in folder: URL, _ name: String = "server") throws -> (String, String) {
        let cert = folder.appendingPathComponent("\(name).pem").path, key = folder.appendingPathComponent("\(name)-key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=127.0.0.1",
                             "-addext", "subjectAltName=IP:127.0.0.1", "-days", "2", "-keyout", key, "-out", cert]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { throw SetupFailure("openssl fehlt") }
        try openssl.run()
        openssl.waitUntilExit()
        XCTAssertEqual(openssl.terminationStatus, 0)
        return (cert, key)
    }

    func client(trusting cert: String?) -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let cert { tls.trustRoots = .file(cert) }
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
    }

    func testHTTPSWithTheClassroomsOwnCertificate() async throws {
        let (cert, key) = try makeCertificate()
        let service = try BamfService(path: folder.appendingPathComponent("bamf.db").path)
        try await service.setAccount("TR-4711", password: "richtig")
        let listener = try BamfServer.Listener.https(certificate: cert, key: key)
        XCTAssertEqual(listener.scheme, "https")
        let trusting = client(trusting: cert), stranger = client(trusting: nil)
        try await ServedBamf.inProcess(service, listener: listener) { port in
            let message = ServiceTests.envelope(ServedBamf.course("TR-4711", 1)[0], id: "urn:tls:1")
            let reply = try await ServedBamf.post(message, port: port, client: trusting, scheme: "https")
            XCTAssertEqual(reply.status, 200)
            XCTAssertEqual(reply.antwort, .antwort(InGeResponse(ergebnis: .erfolgreich), relatesTo: "urn:tls:1"))
            do {
                _ = try await ServedBamf.post(message, port: port, client: stranger, scheme: "https")
                XCTFail("ein Client ohne das Zertifikat wurde bedient")
            } catch {}
            do {
                let plain = try await ServedBamf.post(message, port: port, scheme: "http", timeout: .seconds(5))
                XCTFail("HTTP auf dem HTTPS-Port beantwortet: \(plain.status)")
            } catch {}
        }
        try await trusting.shutdown()
        try await stranger.shutdown()
    }

    func testWrongTLSFilesAreSaidAtTheStart() throws {
        let (cert, key) = try makeCertificate()
        let (_, otherKey) = try makeCertificate("other")
        XCTAssertThrowsError(try BamfServer.Listener.https(certificate: cert, key: otherKey)) {
            XCTAssertTrue(($0 as! BamfServiceError).text.contains("passt nicht"), "\($0)")
        }
        XCTAssertThrowsError(try BamfServer.Listener.https(certificate: key, key: key))
        XCTAssertThrowsError(try BamfServer.Listener.https(certificate: folder.appendingPathComponent("fehlt.pem").path, key: key)) {
            XCTAssertTrue(($0 as! BamfServiceError).text.contains("No such file") || ($0 as! BamfServiceError).text.contains("nicht"), "\($0)")
        }
    }
}
