// `kbm bamf last`: the load run of scripts/bench. Many clients at once, each a Träger of its own sending Kursanmeldung,
// Kursplanung and Kursbeginnmeldung in turn; bounded in count and time, it stops by itself and says whether every
// message was answered and stored, and whether any Kursnummer came twice.

import ArgumentParser
import AsyncHTTPClient
import Glibc
import KBMCore
import KBMService
import KBMSoap
import NIOCore
import NIOSSL

extension BamfCommand {
    struct Last: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "last", abstract: Wording.Served.lastAbstract)

        @Option(help: ArgumentHelp(Wording.Served.lastURL.help, valueName: Wording.Served.lastURL.value))
        var url: String

        @Option(help: ArgumentHelp(Wording.Served.lastDaten, valueName: Wording.Served.daten.value))
        var daten: String

        @Option(help: ArgumentHelp(Wording.Served.lastClients))
        var clients = 50

        @Option(help: ArgumentHelp(Wording.Served.lastNachrichten))
        var nachrichten = 200

        @Option(help: ArgumentHelp(Wording.Served.lastZeit))
        var zeit = 120

        @Option(help: ArgumentHelp(Wording.Served.lastCA, valueName: Wording.Served.daten.value))
        var ca: String?

        func validate() throws {
            guard (1...1000).contains(clients), (1...100_000).contains(nachrichten), (1...3600).contains(zeit) else {
                throw ValidationError(Wording.Served.lastGrenzen)
            }
        }

        func run() async throws {
            // Accounts of this run only, so that the count in the file afterwards is this run's.
            let run = String(UInt32.random(in: 0x1000_0000...0xFFFF_FFFF), radix: 16).uppercased()
            let password = String(UInt64.random(in: 1...UInt64.max), radix: 36)
            let users = (1...clients).map { "L\(run)-\($0)" }
            let service = try openService(daten)
            for user in users { try await service.setAccount(user, password: password) }

            var tls = TLSConfiguration.makeClientConfiguration()
            if let ca { tls.trustRoots = .file(ca) }
            var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
            configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: clients)
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            let deadline = ContinuousClock.now + .seconds(zeit)
            let started = ContinuousClock.now
            let results = await withTaskGroup(of: ClientResult.self) { group in
                for user in users {
                    group.addTask { [url, nachrichten] in
                        await Self.client(user, password: password, count: nachrichten, url: url, http: client, deadline: deadline)
                    }
                }
                var all: [ClientResult] = []
                for await r in group { all.append(r) }
                return all
            }
            let seconds = Double((ContinuousClock.now - started).components.attoseconds) / 1e18
                + Double((ContinuousClock.now - started).components.seconds)
            try? await client.shutdown()

            let stored = try await service.konten().filter { users.contains($0.benutzer) }.map(\.nachrichten).reduce(0, +)
            let times = results.flatMap(\.millis).sorted()
            let numbers = results.flatMap(\.kursnummern)
            let summary = Summary(
                gesendet: results.map(\.sent).reduce(0, +), beantwortet: results.map(\.answered).reduce(0, +),
                abgelehnt: results.map(\.rejected).reduce(0, +), fehler: results.map(\.failed).reduce(0, +),
                gespeichert: stored, kursnummern: numbers.count, doppelt: numbers.count - Set(numbers).count,
                sekunden: seconds, median: Self.percentile(times, 0.5), p99: Self.percentile(times, 0.99),
                abgebrochen: results.contains { $0.stopped })
            print(Wording.Served.lastSummary(clients: clients, nachrichten: nachrichten, summary.values), terminator: "")
            if summary.fehler > 0 || summary.doppelt > 0 || summary.gespeichert != summary.beantwortet {
                throw ExitCode(ExitStatus.commandFailed.rawValue)
            }
        }

        struct ClientResult: Sendable {
            var sent = 0, answered = 0, rejected = 0, failed = 0, stopped = false
            var millis: [Double] = []
            var kursnummern: [String] = []
        }

        struct Summary {
            var gesendet, beantwortet, abgelehnt, fehler, gespeichert, kursnummern, doppelt: Int
            var sekunden, median, p99: Double
            var abgebrochen: Bool

            var values: Wording.Served.LastFigures {
                .init(gesendet: gesendet, beantwortet: beantwortet, abgelehnt: abgelehnt, fehler: fehler, gespeichert: gespeichert,
                      kursnummern: kursnummern, doppelt: doppelt, sekunden: sekunden, median: median, p99: p99, abgebrochen: abgebrochen)
            }
        }

        /// One Träger: per course a Kursanmeldung, its Kursplanung and its Kursbeginnmeldung, until `count` are sent.
        static func client(_ user: String, password: String, count: Int, url: String, http: HTTPClient,
                           deadline: ContinuousClock.Instant) async -> ClientResult {
            var result = ClientResult()
            let day = Day(year: 2026, month: 3, day: 2)!
            for i in 0..<count {
                guard ContinuousClock.now < deadline else { result.stopped = true; break }
                let course = i / 3
                let tn = GesendeterTeilnehmer(nummer: "T\(course + 1)", az: "AZ-\(user)-\(course)", geboren: Day(year: 1990, month: 4, day: 12)!)
                let kopf = Kurskopf(traegernummer: user, auftrag: "A-\(course)", kursort: "KO-1", kursart: .allgemein,
                                    beginnabschnitt: Abschnitt(number: 1), kursbeginn: day)
                let request: InGeRequest = switch i % 3 {
                case 0: .kursanmeldung(traegernummer: user, teilnehmer: tn, verfahren: .erst, kursart: .allgemein, abschnitt: Abschnitt(number: 1))
                case 1: .kursplanung(kopf, abschnitte: [], teilnehmer: [tn], aktualisierung: false)
                default: .kursbeginnmeldung(kopf, lehrkraefte: ["LK-1"], teilnehmer: [tn], gesamtTeilnehmer: 1)
                }
                let text = Soap.envelope(SoapAnfrage(messageID: "urn:kbm-last:\(user):\(i)", zugang: Zugang(benutzer: user, passwort: password),
                                                     heute: day, nurValidieren: false, nachricht: request))
                var http1 = HTTPClientRequest(url: url)
                http1.method = .POST
                http1.headers.add(name: "Content-Type", value: "text/xml; charset=utf-8")
                http1.body = .bytes(ByteBuffer(string: text))
                result.sent += 1
                let start = ContinuousClock.now
                do {
                    let response = try await http.execute(http1, timeout: .seconds(30))
                    let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
                    let elapsed = ContinuousClock.now - start
                    guard response.status == .ok, case .antwort(let answer, _) = try Soap.antwort(body).get() else {
                        result.failed += 1
                        continue
                    }
                    // The first message of each client pays the password check (scrypt, on purpose slow): a login,
                    // counted as answered but not as a round trip.
                    if i > 0 { result.millis.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15) }
                    result.answered += 1
                    if answer.ergebnis != .erfolgreich { result.rejected += 1 }
                    if let k = answer.kursnummer { result.kursnummern.append(k) }
                } catch {
                    result.failed += 1
                }
            }
            return result
        }

        static func percentile(_ sorted: [Double], _ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
    }
}
