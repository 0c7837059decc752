// `kbm-bamf senden`: the shell's client. kbm runs it for each message to a served BAMF (`bamf verbinden`): the
// request and the password come on stdin, the result goes to stdout (KBMCore's SendRequest and SendResult); the
// envelope is KBMSoap's, the transport AsyncHTTPClient's. Every failure is a German sentence naming what happened.

import ArgumentParser
import AsyncHTTPClient
import Glibc
import KBMCore
import KBMSoap
import NIOCore
import NIOHTTP1
import NIOSSL

struct Senden: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "senden", abstract: Wording.Served.sendenAbstract)

    func run() async throws {
        let result: SendResult
        if let request = SendRequest.decode(Self.readStandardInput()) {
            result = await Self.send(request)
        } else {
            result = .undelivered(Uebertragung.message(Uebertragung.programm, "kbm-bamf senden hat keine lesbare Anfrage erhalten."))
        }
        var text = result.encoded
        _ = text.withUTF8 { write(1, $0.baseAddress, $0.count) }
    }

    static func readStandardInput() -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while bytes.count <= XMLReader.maxBytes + 65_536 {
            let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += buffer[..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func send(_ request: SendRequest) async -> SendResult {
        let url = request.verbindung.url
        let seconds = Int64(request.verbindung.zeitlimit)
        let body: XMLNode
        switch Soap.body(request.body) {
        case .success(let node): body = node
        case .failure(let fault):
            return .undelivered(Uebertragung.message(Uebertragung.programm, "kbm hat eine ungültige Nachricht übergeben: \(fault.text)"))
        }
        let messageID = request.messageID ?? "urn:kbm:verwaltung"
        let envelope = Soap.envelope(body: body, messageID: messageID,
                                     zugang: Zugang(benutzer: request.verbindung.benutzer, passwort: request.passwort),
                                     heute: request.heute, nurValidieren: request.nurValidieren)
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = request.verbindung.ca { tls.trustRoots = .file(ca) }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls, redirectConfiguration: .disallow,
                                                     timeout: .init(connect: .seconds(seconds), read: .seconds(seconds)))
        configuration.httpVersion = .http1Only
        // One attempt: a refused connection or an untrusted certificate is reported at once, as what it is, instead
        // of being retried until the time limit and then reported as the last of many.
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let result = await exchange(envelope, body: body, messageID: messageID, request: request, client: client, seconds: seconds)
        try? await client.shutdown()
        return result
    }

    private static func exchange(_ envelope: String, body: XMLNode, messageID: String, request: SendRequest, client: HTTPClient,
                                 seconds: Int64) async -> SendResult {
        let url = request.verbindung.url
        var http = HTTPClientRequest(url: url)
        http.method = .POST
        http.headers.add(name: "Content-Type", value: "text/xml; charset=utf-8")
        http.headers.add(name: "SOAPAction", value: "\"urn:kbm:inge:1#\(body.name)\"")
        http.body = .bytes(ByteBuffer(string: envelope))
        let status: HTTPResponseStatus
        var bytes: [UInt8]
        do {
            let response = try await client.execute(http, deadline: .now() + .seconds(seconds))
            status = response.status
            let buffer = try await response.body.collect(upTo: XMLReader.maxBytes)
            bytes = buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
        } catch {
            return .undelivered(failure(error, url: url, seconds: seconds))
        }
        let isVerwaltung = body.name == "Verwaltung"
        // SOAP 1.1 over HTTP: a Fault comes with 500; anything else but 200 is the web server's, not the service's.
        if status != .ok {
            if status == .internalServerError, case .success(.fault(let fault)) = bytes.withUnsafeBytes({ Soap.antwort($0) }) {
                return .undelivered(soapFault(fault, url: url))
            }
            return .undelivered(Uebertragung.message(Uebertragung.httpFehler,
                "HTTP-Fehler \(status.code) (\(status.reasonPhrase)): \(url) hat die Nachricht nicht angenommen."))
        }
        if isVerwaltung {
            switch bytes.withUnsafeBytes({ Soap.verwaltungsantwort($0) }) {
            case .success(.antwort(let ok, let text)): return .verwaltung(angenommen: ok, text: text)
            case .success(.fault(let fault)): return .undelivered(soapFault(fault, url: url))
            case .failure(let fault): return .undelivered(unusable(fault, url: url))
            }
        }
        switch bytes.withUnsafeBytes({ Soap.antwort($0) }) {
        case .success(.antwort(let response, let relatesTo)):
            guard relatesTo == nil || relatesTo == messageID else {
                return .undelivered(Uebertragung.message(Uebertragung.unbrauchbareAntwort,
                    "Die Antwort von \(url) gehört zu einer anderen Nachricht (\(relatesTo ?? "")) als der gesendeten."))
            }
            return .antwort(response)
        case .success(.fault(let fault)): return .undelivered(soapFault(fault, url: url))
        case .failure(let fault): return .undelivered(unusable(fault, url: url))
        }
    }

    private static func soapFault(_ fault: SoapFault, url: String) -> BamfMessage {
        Uebertragung.message(Uebertragung.soapFault, "SOAP-Fault von \(url) (\(fault.code.rawValue)): \(fault.text)")
    }

    private static func unusable(_ fault: SoapFault, url: String) -> BamfMessage {
        Uebertragung.message(Uebertragung.unbrauchbareAntwort, "Die Antwort von \(url) ist abgeschnitten oder kein gültiges XML: \(fault.text)")
    }

    /// What went wrong on the way, in German; the technical name follows in parentheses for support.
    static func failure(_ error: any Error, url: String, seconds: Int64) -> BamfMessage {
        let detail = String(describing: error)
        if let e = error as? HTTPClientError {
            switch e {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return Uebertragung.message(Uebertragung.zeitueberschreitung,
                    "Zeitüberschreitung: \(url) hat nicht innerhalb von \(seconds) Sekunden geantwortet.")
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return Uebertragung.message(Uebertragung.nichtErreichbar,
                    "\(url) ist nicht erreichbar: keine Verbindung innerhalb von \(seconds) Sekunden.")
            case .remoteConnectionClosed, .bodyLengthMismatch, .uncleanShutdown:
                return brokeOff(url, detail)
            case .invalidURL, .emptyHost, .emptyScheme:
                return Uebertragung.message(Uebertragung.nichtErreichbar, "\(url) ist keine gültige Adresse (\(detail)).")
            case .tlsHandshakeTimeout:
                return Uebertragung.message(Uebertragung.tls, "TLS-Fehler: Der TLS-Handschlag mit \(url) kam nicht zustande (Zeitüberschreitung).")
            default: break
            }
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return Uebertragung.message(Uebertragung.tls,
                "TLS-Fehler: Das Zertifikat von \(url) ist nicht vertrauenswürdig oder die verschlüsselte Verbindung scheiterte (\(detail)). "
                    + "Für ein eigenes Zertifikat der Schulung: „bamf verbinden … ca=DATEI“.")
        }
        if let e = error as? IOError, e.errnoCode == ECONNREFUSED || detail.contains("connection refused") || detail.contains("Connection refused") {
            return refused(url, detail)
        }
        if detail.localizedLowercase.contains("refused") { return refused(url, detail) }
        if let e = error as? HTTPParserError, e == .invalidEOFState { return brokeOff(url, detail) }
        if error is HTTPParserError {
            return Uebertragung.message(Uebertragung.unbrauchbareAntwort, "Die Antwort von \(url) ist kein gültiges HTTP (\(detail)).")
        }
        return Uebertragung.message(Uebertragung.nichtErreichbar, "\(url) ist nicht erreichbar (\(detail)).")
    }

    /// The answer began and did not end: the service may have committed the message.
    private static func brokeOff(_ url: String, _ detail: String) -> BamfMessage {
        Uebertragung.message(Uebertragung.unbrauchbareAntwort,
            "Die Verbindung zu \(url) brach ab, bevor die Antwort vollständig war (\(detail)). Ob das BAMF die Nachricht erhalten hat, "
                + "ist offen: eine Wiederholung geht mit derselben MessageID und erhält dann die erste Antwort.")
    }

    private static func refused(_ url: String, _ detail: String) -> BamfMessage {
        Uebertragung.message(Uebertragung.nichtErreichbar,
            "Verbindung abgelehnt: Unter \(url) nimmt kein BAMF-Dienst Verbindungen an (läuft „kbm bamf serve“?).")
    }
}
