// `kbm bamf traeger add|list` and `kbm bamf verwalten`: the trainer's work on the service's file, beside a running
// service or without one (each change is one SQLite transaction; the service reads accounts and sides per message).

import ArgumentParser
import KBMCore
import KBMService

extension BamfCommand {
    struct Traeger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "traeger", abstract: Wording.Served.traegerAbstract,
                                                        subcommands: [Add.self, List.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: Wording.Served.traegerAddAbstract)

            @Argument(help: ArgumentHelp(Wording.Served.traegerNummer.help, valueName: Wording.Served.traegerNummer.value))
            var traegernummer: String

            @Flag(help: ArgumentHelp(Wording.Served.adminFlag))
            var admin = false

            @Option(help: ArgumentHelp(Wording.Served.daten.help, valueName: Wording.Served.daten.value))
            var daten: String?

            func run() async throws {
                let password: String
                switch Passwort.lesen() {
                case .success(let p): password = p
                case .failure(let refusal):
                    printError(Wording.Served.refusal(refusal.text))
                    throw ExitCode(ExitStatus.usage.rawValue)
                }
                let service = try openService(daten)
                do {
                    try await service.setAccount(traegernummer, password: password, admin: admin)
                } catch {
                    printError(Wording.Served.refusal(Wording.Served.verwaltungGescheitert(Wording.message(error))))
                    throw ExitCode(ExitStatus.unusableSession.rawValue)
                }
                print(Wording.Served.kontoAngelegt(traegernummer, admin: admin), terminator: "")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: Wording.Served.traegerListAbstract)

            @Option(help: ArgumentHelp(Wording.Served.daten.help, valueName: Wording.Served.daten.value))
            var daten: String?

            func run() async throws {
                let konten = try await openService(daten).konten()
                guard !konten.isEmpty else { return print(Wording.Served.keineKonten, terminator: "") }
                let rows: [[Cell]] = konten.map {
                    [.text($0.benutzer), .text(Wording.Served.kontoArt(admin: $0.admin)), .text($0.angelegt), .number($0.nachrichten)]
                }
                let table = Table(headers: Wording.Served.kontenKopf, keys: ["konto", "art", "angelegt", "nachrichten"], rows: rows)
                print(Renderer.render(table, format: .table), terminator: "")
            }
        }
    }

    struct Verwalten: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verwalten", abstract: Wording.Served.verwaltenAbstract)

        @Argument(help: ArgumentHelp(Wording.Served.verwaltenBefehl.help, valueName: Wording.Served.verwaltenBefehl.value))
        var befehl: String

        @Option(help: ArgumentHelp(Wording.Served.verwaltenFuer.help, valueName: Wording.Served.verwaltenFuer.value))
        var fuer: String

        @Option(help: ArgumentHelp(Wording.Served.daten.help, valueName: Wording.Served.daten.value))
        var daten: String?

        func run() async throws {
            switch try await openService(daten).verwalte(befehl, von: nil, fuer: BamfService.Ziel(fuer)) {
            case .ausgefuehrt(let ausgaben):
                for a in ausgaben { print(Wording.Served.fuerTraeger(a.traeger) + a.text, terminator: "") }
            case .abgelehnt(let meldung):
                printError(Wording.Served.refusal(meldung.text))
                throw ExitCode(ExitStatus.commandFailed.rawValue)
            case .fehler(let text):
                printError(Wording.Served.refusal(text))
                throw ExitCode(ExitStatus.commandFailed.rawValue)
            }
        }
    }
}

/// The service on the file named by --daten (or the default one), or a German refusal and exit status 4.
func openService(_ daten: String?) throws -> BamfService {
    let path = daten ?? Paths.defaultBamf
    do {
        if daten == nil { try FileSystem.makeParentDirectories(of: path) }
        return try BamfService(path: path)
    } catch {
        printError(Wording.Served.refusal((error as? BamfServiceError)?.text ?? Wording.message(error)))
        throw ExitCode(ExitStatus.unusableSession.rawValue)
    }
}
