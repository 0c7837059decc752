// `kbm bamf serve`'s choice of HTTP or HTTPS from its options.

import ArgumentParser
import KBMCore
import KBMService

extension BamfCommand.Serve {
    /// HTTPS when both files are named, HTTP when neither; one alone is a mistake said before anything listens.
    static func listener(certificate: String?, key: String?) throws -> BamfServer.Listener {
        switch (certificate, key) {
        case (nil, nil): return .http
        case let (certificate?, key?):
            do { return try .https(certificate: certificate, key: key) } catch {
                printError(Wording.Served.refusal(error.text))
                throw ExitCode(ExitStatus.usage.rawValue)
            }
        default:
            printError(Wording.Served.refusal(Wording.Served.tlsHalf))
            throw ExitCode(ExitStatus.usage.rawValue)
        }
    }
}
