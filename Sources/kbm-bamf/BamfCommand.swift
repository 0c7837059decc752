// `kbm-bamf` (and `kbm bamf …`, which hands over to it): the served BAMF. A program of its own, so that the shell
// links nothing of the network: NIO, Hummingbird and TLS would cost kbm a third of its start-up.

import ArgumentParser
import Dispatch
import Glibc
import KBMCore
import KBMService

@main
struct BamfCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kbm bamf",
        abstract: Wording.Served.abstract,
        subcommands: [Serve.self, Traeger.self, Verwalten.self, Last.self, Senden.self]
    )

    /// As kbm's own main: the argument parser's help pages and refusals in German, the subcommands' exit statuses.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(refusing: error, arguments: arguments)
        }
        do {
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(refusing: error, arguments: arguments)
        }
        Glibc.exit(ExitStatus.success.rawValue)
    }

    private static func exit(refusing error: any Error, arguments: [String]) -> Never {
        if let code = error as? ExitCode { Glibc.exit(code.rawValue) }
        if exitCode(for: error) == .success {
            print(Wording.Invocation.helpPage(fullMessage(for: error)))
            Glibc.exit(ExitStatus.success.rawValue)
        }
        // The (sub)command the arguments name, for its usage line.
        var names = ["kbm bamf"]
        var current: any ParsableCommand.Type = self
        for argument in arguments {
            guard let next = current.configuration.subcommands.first(where: { $0._commandName == argument }) else { break }
            names.append(argument)
            current = next
        }
        let usage = (names.dropLast() + [current.usageString()]).joined(separator: " ").replacing("<subcommand>", with: "<unterbefehl>")
        printError(Wording.Served.parserRefusal(Unprintable.escaped(Wording.Invocation.parserError(message(for: error))),
                                                usage: Unprintable.escaped(usage), command: names.joined(separator: " ")))
        Glibc.exit(ExitStatus.usage.rawValue)
    }

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "serve", abstract: Wording.Served.serveAbstract)

        @Option(help: ArgumentHelp(Wording.Served.host.help, valueName: Wording.Served.host.value))
        var host = "127.0.0.1"

        @Option(help: ArgumentHelp(Wording.Served.port.help, valueName: Wording.Served.port.value))
        var port = BamfServer.defaultPort

        @Option(help: ArgumentHelp(Wording.Served.daten.help, valueName: Wording.Served.daten.value))
        var daten: String?

        @Option(name: .customLong("tls-cert"), help: ArgumentHelp(Wording.Served.tlsCert.help, valueName: Wording.Served.tlsCert.value))
        var tlsCert: String?

        @Option(name: .customLong("tls-key"), help: ArgumentHelp(Wording.Served.tlsKey.help, valueName: Wording.Served.tlsKey.value))
        var tlsKey: String?

        func run() async throws {
            let listener = try Self.listener(certificate: tlsCert, key: tlsKey)
            let service = try openService(daten)
            let host = host
            let app = BamfServer.application(service: service, host: host, port: port, listener: listener) { bound in
                print(Wording.Served.ready(host: host, port: bound, scheme: listener.scheme), terminator: "")
                fflush(nil)
            }
            do {
                try await app.runService()
            } catch {
                printError(Wording.Served.refusal(Wording.Served.nichtGestartet(host: host, port: port,
                                                                                errno: BamfServer.systemErrno(of: error))))
                throw ExitCode(ExitStatus.commandFailed.rawValue)
            }
        }
    }
}

/// Writes to stderr without stdio's global, which Swift 6 does not let a program share across threads.
func printError(_ text: String) {
    var text = text
    _ = text.withUTF8 { write(2, $0.baseAddress, $0.count) }
}
