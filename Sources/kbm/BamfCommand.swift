// `kbm bamf …`: the served BAMF. Dispatched from KBM.main before the shell's own arguments are parsed, so the
// shell's start-up does not change; nothing of the network runs unless this command is given.

import ArgumentParser
import CEditLine
import Dispatch
import Glibc
import KBMCore
import KBMService

struct BamfCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kbm bamf",
        abstract: Wording.Served.abstract,
        subcommands: [Serve.self]
    )

    /// Runs `kbm bamf ARGS…` to its end and exits.
    static func runAndExit(_ arguments: [String]) -> Never {
        let done = DispatchSemaphore(value: 0)
        Task {
            await main(arguments)
            done.signal()
        }
        done.wait()
        Glibc.exit(0)
    }

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "serve", abstract: Wording.Served.serveAbstract)

        @Option(help: ArgumentHelp(Wording.Served.host.help, valueName: Wording.Served.host.value))
        var host = "127.0.0.1"

        @Option(help: ArgumentHelp(Wording.Served.port.help, valueName: Wording.Served.port.value))
        var port = BamfServer.defaultPort

        @Option(help: ArgumentHelp(Wording.Served.daten.help, valueName: Wording.Served.daten.value))
        var daten: String?

        func run() async throws {
            let path = daten ?? Paths.defaultBamf
            let service: BamfService
            do {
                if daten == nil { try FileSystem.makeParentDirectories(of: path) }
                service = try BamfService(path: path)
            } catch {
                fputs(Wording.Served.refusal((error as? BamfServiceError)?.text ?? Wording.message(error)), kbm_stderr())
                throw ExitCode(ExitStatus.unusableSession.rawValue)
            }
            let host = host
            let app = BamfServer.application(service: service, host: host, port: port) { bound in
                print(Wording.Served.ready(host: host, port: bound), terminator: "")
                fflush(kbm_stdout())
            }
            try await app.runService()
        }
    }
}
