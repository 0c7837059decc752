// How the served BAMF listens: plain HTTP, or HTTPS with a certificate and key from PEM files (NIOSSL).

import Glibc
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import KBMCore
import NIOSSL

extension BamfServer {
    public struct Listener: Sendable {
        /// The URL scheme the ready line names.
        public let scheme: String
        private let tls: TLSConfiguration?

        public static let http = Listener(scheme: "http", tls: nil)

        /// HTTPS with the certificate chain in `certificate` and its key in `key` (both PEM). Both are read and
        /// checked against each other here, so a wrong file is said at the start, not at the first connection.
        public static func https(certificate: String, key: String) throws(BamfServiceError) -> Listener {
            let chain: [NIOSSLCertificate], privateKey: NIOSSLPrivateKey
            do { chain = try NIOSSLCertificate.fromPEMFile(certificate) } catch {
                throw BamfServiceError(text: Wording.Served.tlsFile(certificate, what: "Zertifikat", reason: reason(error, certificate)))
            }
            guard !chain.isEmpty else {
                throw BamfServiceError(text: Wording.Served.tlsFile(certificate, what: "Zertifikat", reason: "kein Zertifikat im PEM-Format darin"))
            }
            do { privateKey = try NIOSSLPrivateKey(file: key, format: .pem) } catch {
                throw BamfServiceError(text: Wording.Served.tlsFile(key, what: "Schlüssel", reason: reason(error, key)))
            }
            let configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
            do { _ = try NIOSSLContext(configuration: configuration) } catch {
                throw BamfServiceError(text: Wording.Served.tlsMismatch(certificate: certificate, key: key))
            }
            return Listener(scheme: "https", tls: configuration)
        }

        func server(_ limits: Limits) -> HTTPServerBuilder {
            guard let tls else { return limits.http1() }
            // `tls` only wraps the builder; the context it makes cannot fail, it was made once above.
            return (try? HTTPServerBuilder.tls(limits.http1(), tlsConfiguration: tls)) ?? Self.refuseAll
        }

        /// Never reached (see `server`); if it were, a connection would be closed rather than served without TLS.
        private static let refuseAll = HTTPServerBuilder { _ in throw BamfServiceError(text: "TLS") }

        /// A file that is not there says so in the words of the system; one that is there but unreadable as PEM, so.
        private static func reason(_ error: any Error, _ path: String) -> String {
            access(path, R_OK) == 0 ? "kein gültiges PEM" : FileSystem.errorText(errno)
        }
    }
}
