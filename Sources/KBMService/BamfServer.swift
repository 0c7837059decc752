// `kbm bamf serve`: the served BAMF over HTTP with Hummingbird 2. One endpoint, POST /inge, takes a SOAP 1.1
// envelope and answers with one; the trainer's page sits beside it (BamfServer+Seite).

import Hummingbird
import KBMCore
import KBMSoap
import NIOCore

public enum BamfServer {
    public static let defaultPort = 8642
    public static let path = "inge"

    /// The application; `onRunning` learns the port it is bound to (useful with port 0). `listener` is plain HTTP
    /// or HTTPS (BamfServer+TLS), `limits` what a connection may take (BamfServer+Limits).
    /// The system's error number behind a failure to listen (a port in use, an address not of this host).
    public static func systemErrno(of error: any Error) -> Int32? {
        (error as? IOError)?.errnoCode
    }

    public static func application(service: BamfService, host: String, port: Int,
                                   listener: Listener = .http, limits: Limits = .standard,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        let router = Router()
        router.post(RouterPath(stringLiteral: path)) { request, _ -> Response in
            // A body larger than any message of the contract is refused before it is read to the end.
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: XMLReader.maxBytes)
            } catch {
                return reply(BamfService.Reply(fault: true, text: Soap.envelope(SoapFault(.client,
                    "Die Nachricht ist größer als erlaubt (\(XMLReader.maxBytes) Bytes)."))), status: .contentTooLarge)
            }
            let bytes = body.getBytes(at: body.readerIndex, length: body.readableBytes) ?? []
            let answer = await service.answer(bytes)
            if answer.verloren { return cutOff(answer) }
            return reply(answer, status: answer.fault ? .internalServerError : .ok)
        }
        addSeite(to: router, service: service)
        return Application(
            router: router,
            server: listener.server(limits),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil,
                                                    availableConnectionsDelegate: limits.connectionsDelegate),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: ServerLog.logger
        )
    }

    private static func reply(_ answer: BamfService.Reply, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/xml; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: answer.text)))
    }
}
