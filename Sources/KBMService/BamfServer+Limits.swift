// What one connection may take from the served BAMF: how many at once, how long idle, how long for one request.

import Glibc
import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

extension BamfServer {
    public struct Limits: Sendable {
        /// Connections served at once; more wait in the listen queue until one ends. Set below the process's file
        /// descriptors, so that a flood of connections never leaves SQLite or the next accept without one: a thousand
        /// idle connections are held (and closed after `idle`) while the others are answered.
        public var connections: Int
        /// A connection with nothing to do (no request, or a request head that does not come to its end) is closed.
        public var idle: TimeAmount
        /// From a request's head to its last byte: a client that sends one byte a second is cut off here, since
        /// every byte of a body would start the idle time again.
        public var request: TimeAmount

        public init(connections: Int, idle: TimeAmount, request: TimeAmount) {
            self.connections = connections
            self.idle = idle
            self.request = request
        }

        /// A class of twenty, each with a shell and a browser, is far below; a message of the contract (at most
        /// 1 MiB) takes a fraction of a second on any network a classroom has.
        public static let standard = Limits(connections: descriptorBudget(), idle: .seconds(30), request: .seconds(20))

        /// The soft limit on open files, raised to the hard one (as servers do), less some for the file and the rest.
        public static func descriptorBudget() -> Int {
            var limit = rlimit()
            guard getrlimit(RLIMIT_NOFILE_KIND, &limit) == 0 else { return 960 }
            if limit.rlim_cur < limit.rlim_max {
                var raised = limit
                raised.rlim_cur = min(limit.rlim_max, 65536)
                if setrlimit(RLIMIT_NOFILE_KIND, &raised) == 0 { limit = raised }
            }
            return max(64, min(16384, Int(limit.rlim_cur) - 64))
        }

        var connectionsDelegate: MaximumAvailableConnections { MaximumAvailableConnections(connections) }

        func http1() -> HTTPServerBuilder {
            let request = request
            return .http1(configuration: HTTP1Channel.Configuration(
                additionalChannelHandlers: [RequestDeadline(request)], idleTimeout: idle))
        }
    }
}

/// Glibc's RLIMIT_NOFILE is an enum case in Swift, wanted as its raw value by getrlimit.
private let RLIMIT_NOFILE_KIND = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)

/// Closes the connection when a request has not arrived complete within its time.
final class RequestDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let limit: TimeAmount
    private var timer: Scheduled<Void>?

    init(_ limit: TimeAmount) { self.limit = limit }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            timer?.cancel()
            let channel = context.channel
            timer = context.eventLoop.assumeIsolated().scheduleTask(in: limit) { channel.close(promise: nil) }
        case .end:
            timer?.cancel()
            timer = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }
}
