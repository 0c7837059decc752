// `kbm bamf traeger add|list` and `kbm bamf verwalten`: the trainer's work on the service's file, beside a running
// service or without one (each change is one SQLite transaction; the service reads accounts and sides per message),
// or, for `verwalten --url`, as an account of a running service over the network.

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
        static let configuration = CommandConfiguration(commandName: "verwalten", abstract: Wording.Served.verwaltenAbstract,
                                                        discussion: Wording.Served.verwaltenDiscussion)

        @Argument(help: ArgumentHelp(Wording.Served.verwaltenBefehl.help, valueName: Wording.Served.verwaltenBefehl.value))
        var befehl: String

        @Option(help: ArgumentHelp(Wording.Served.verwaltenFuer.help, valueName: Wording.Served.verwaltenFuer.value))
        var fuer: String?

        @Option(help: ArgumentHelp(Wording.Served.daten.help, valueName: Wording.Served.daten.value))
        var daten: String?

        @Option(help: ArgumentHelp(Wording.Served.verwaltenURL.help, valueName: Wording.Served.verwaltenURL.value))
        var url: String?

        @Option(help: ArgumentHelp(Wording.Served.verwaltenBenutzer.help, valueName: Wording.Served.verwaltenBenutzer.value))
        var benutzer: String?

        @Option(help: ArgumentHelp(Wording.Served.lastCA, valueName: "DATEI"))
        var ca: String?

        /// What the options cannot say together, refused in German before anything is opened or sent.
        private var misuse: String? {
            if url == nil, benutzer != nil || ca != nil { return Wording.Served.verwaltenOhneURL }
            if url != nil, daten != nil { return Wording.Served.verwaltenURLUndDaten }
            if url != nil, benutzer == nil { return Wording.Served.verwaltenBenutzerFehlt }
            if url == nil, fuer == nil { return Wording.Served.verwaltungZielFehlt }
            return nil
        }

        func run() async throws {
            if let misuse {
                printError(Wording.Served.refusal(misuse))
                throw ExitCode(ExitStatus.usage.rawValue)
            }
            if let url, let benutzer { return try await viaNetz(url: url, benutzer: benutzer) }
            switch try await openService(daten).verwalte(befehl, von: nil, fuer: BamfService.Ziel(fuer)) {
            case .ausgefuehrt(let ausgaben): print(BamfService.text(ausgaben, fuer: fuer), terminator: "")
            case .abgelehnt(let meldung): try Self.refuse(meldung.text)
            case .fehler(let text): try Self.refuse(text)
            }
        }

        /// As an account of a running service (an admin's for other Träger): the same management message the
        /// shell sends, over HTTP(S).
        private func viaNetz(url: String, benutzer: String) async throws {
            let passwort: String
            switch Passwort.anmelden(benutzer) {
            case .success(let p): passwort = p
            case .failure(let refusal):
                printError(Wording.Served.refusal(refusal.text))
                throw ExitCode(ExitStatus.usage.rawValue)
            }
            let verbindung = BamfVerbindung(url: url, benutzer: benutzer, ca: ca)
            let request = ServedInGe(verbindung: verbindung, passwort: passwort).verwaltung(befehl, fuer: fuer, today: Clock.today())
            switch await Senden.send(request) {
            case .verwaltung(true, let text): print(text, terminator: "")
            case .verwaltung(false, let text): try Self.refuse(text)
            case .undelivered(let message): try Self.refuse(message.line)
            case .antwort: try Self.refuse(Wording.Served.verwaltenUnerwarteteAntwort)
            }
        }

        private static func refuse(_ text: String) throws -> Never {
            printError(Wording.Served.refusal(text))
            throw ExitCode(ExitStatus.commandFailed.rawValue)
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
