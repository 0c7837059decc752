// The trainer's view in a browser: GET / (the page), GET /stand (what the page shows now, JSON) and
// GET /ereignisse (the live feed, Server-Sent Events). Read-only and without login: see BamfSeite.

import HTTPTypes
import Hummingbird
import KBMCore
import NIOCore
import ServiceLifecycle

extension BamfServer {
    static func addSeite<Context: RequestContext>(to router: Router<Context>, service: BamfService) {
        router.get("/") { _, _ -> Response in
            Response(status: .ok, headers: headers("text/html; charset=utf-8", [.contentSecurityPolicy: BamfSeite.contentSecurityPolicy]),
                     body: ResponseBody(byteBuffer: ByteBuffer(string: BamfSeite.html)))
        }
        router.get("stand") { _, _ -> Response in
            do {
                let stand = try await service.stand()
                return Response(status: .ok, headers: headers("application/json; charset=utf-8"),
                                body: ResponseBody(byteBuffer: ByteBuffer(string: stand.json)))
            } catch {
                return text(Wording.Served.standFailed(Wording.message(error)), status: .internalServerError)
            }
        }
        router.get("ereignisse") { _, _ -> Response in
            let stream: AsyncStream<String>?
            do { stream = try await service.ereignisStrom() } catch {
                return text(Wording.Served.standFailed(Wording.message(error)), status: .internalServerError)
            }
            guard let stream else {
                var response = text(Wording.Served.zuVieleZuschauer(BamfEreignisse.maxZuschauer), status: .serviceUnavailable)
                response.headers[.retryAfter] = "10"
                return response
            }
            return Response(status: .ok, headers: headers("text/event-stream; charset=utf-8"), body: ResponseBody { writer in
                // An open feed must not keep the server from stopping: on shutdown every feed ends.
                try await withGracefulShutdownHandler {
                    for await frame in stream { try await writer.write(ByteBuffer(string: frame)) }
                } onGracefulShutdown: {
                    Task { await service.endeFeeds() }
                }
                try await writer.finish(nil)
            })
        }
    }

    private static func headers(_ type: String, _ extra: HTTPFields = [:]) -> HTTPFields {
        var fields: HTTPFields = [.contentType: type, .cacheControl: "no-store", .xContentTypeOptions: "nosniff",
                                  HTTPField.Name("Referrer-Policy")!: "no-referrer"]
        fields.append(contentsOf: extra)
        return fields
    }

    private static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: headers("text/plain; charset=utf-8"), body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
