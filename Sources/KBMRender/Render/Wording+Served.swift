// The wording of `kbm bamf …`: the served BAMF's command line.

import Glibc
import KBMPersistence

extension Wording {
    public enum Served {
        public static let abstract = "Der BAMF-Dienst: InGe-Online als Web-Service (SOAP 1.1) für viele kbm zugleich."
        public static let serveAbstract = "Den BAMF-Dienst über HTTP anbieten (POST /inge)."
        public static let host = (help: "Adresse, auf der der Dienst lauscht.", value: "ADRESSE")
        public static let port = (help: "Port; 0 wählt einen freien, der beim Start genannt wird.", value: "PORT")
        public static let daten = (help: "Die SQLite-Datei des Dienstes (Konten, BAMF-Seite je Träger, alle Nachrichten).",
                                   value: "DATEI")

        public static func ready(host: String, port: Int, scheme: String = "http") -> String {
            "kbm bamf: bereit auf \(scheme)://\(host):\(port)/inge\n"
        }

        public static func refusal(_ text: String) -> String { "kbm bamf: Fehler: \(text)\n" }

        /// A call the argument parser refused, with the usage line of the (sub)command.
        public static func parserRefusal(_ text: String, usage: String, command: String) -> String {
            "kbm bamf: Fehler: " + text + "\nAufruf: " + usage + "\n„\(command) --help“ zeigt die Optionen.\n"
        }

        /// kbm hands `kbm bamf …` to kbm-bamf beside it; an installation without it says so.
        public static func programMissing(path: String, reason: String) -> String {
            "kbm bamf: Fehler: Der BAMF-Dienst ist ein eigenes Programm, \(path) ließ sich nicht starten: \(reason). "
                + "scripts/install und scripts/kbm bauen es mit.\n"
        }

        // MARK: operation (a13-ops): TLS, limits, the library's log, accounts, administration, the load run

        public static let tlsCert = (help: "Zertifikat (PEM) für HTTPS; mit --tls-key.", value: "DATEI")
        public static let tlsKey = (help: "Privater Schlüssel (PEM) zum Zertifikat.", value: "DATEI")
        public static let tlsHalf = "--tls-cert und --tls-key gehören zusammen: für HTTPS beide angeben, für HTTP keinen."

        public static func tlsFile(_ path: String, what: String, reason: String) -> String {
            "Das \(what) \(path) lässt sich nicht lesen: \(reason)."
        }

        public static func tlsMismatch(certificate: String, key: String) -> String {
            "Der Schlüssel \(key) passt nicht zum Zertifikat \(certificate)."
        }

        public static func libraryError(_ detail: String) -> String {
            "kbm bamf: Fehler im HTTP-Server (Hummingbird/NIO, deren Worte): \(detail)\n"
        }

        public static let traegerAbstract = "Konten der Träger beim BAMF-Dienst anlegen und auflisten."
        public static let traegerAddAbstract = "Ein Konto anlegen oder sein Passwort neu setzen (Passwort aus der Eingabe ohne Echo oder aus KBM_BAMF_PASSWORT)."
        public static let traegerListAbstract = "Die Konten auflisten (ohne Passwörter)."
        public static let traegerNummer = (help: "Die Trägernummer, zugleich der Benutzername im UsernameToken.", value: "TRAEGERNR")
        public static let adminFlag = "Ein Admin-Konto: verwaltet die BAMF-Seite jedes Trägers (Testdaten, Störungen), sendet selbst keine Meldungen."
        public static let passwortPrompt = "Passwort: "
        public static let passwortWiederholung = "Passwort wiederholen: "
        public static let passwortUngleich = "Die beiden Passwörter sind verschieden; nichts wurde geändert."
        public static let passwortLeer = "Ein leeres Passwort ist nicht erlaubt."
        public static let passwortAbgebrochen = "Abgebrochen: kein Passwort eingegeben; nichts wurde geändert."
        /// Where the `bamf` command says the messages go, run inside the service.
        public static let dieserDienst = "dieser BAMF-Dienst"
        public static let passwortFehlt = "Kein Passwort: ohne Terminal liest kbm bamf es aus KBM_BAMF_PASSWORT; die Variable ist nicht gesetzt."

        public static func kontoAngelegt(_ benutzer: String, admin: Bool) -> String {
            "\(admin ? "Admin-Konto" : "Konto") \(benutzer) angelegt (oder sein Passwort neu gesetzt).\n"
        }

        public static let kontenKopf = ["Konto", "Art", "angelegt", "Nachrichten"]
        public static func kontoArt(admin: Bool) -> String { admin ? "Admin" : "Träger" }
        public static let keineKonten = "Noch keine Konten. Anlegen mit: kbm bamf traeger add TRAEGERNR --daten DATEI\n"

        public static let verwaltenAbstract = "Einen Simulator-Befehl (bamf testdaten, bamf stoerung …) auf der BAMF-Seite eines Trägers oder aller ausführen."
        public static let verwaltenBefehl = (help: "Der Befehl wie in kbm, in Anführungszeichen, z. B. \"bamf stoerung kursbeginnmeldung fehler=1042\".", value: "BEFEHL")
        public static let verwaltenFuer = (help: "Für welchen Träger: eine Trägernummer oder alle (über --url ohne --fuer: die eigene Seite des Kontos).", value: "TRAEGERNR|alle")
        public static let verwaltenDiscussion = """
            Auf der Datei (--daten, der Dienst darf dabei laufen) oder über das Netz als Konto eines laufenden Dienstes \
            (--url, --benutzer; Passwort aus KBM_BAMF_PASSWORT oder der Eingabe ohne Echo). Ein Träger-Konto ändert nur \
            seine eigene Seite, ein Admin-Konto die eines Trägers oder aller (--fuer).
            """
        public static let verwaltenURL = (help: "Über das Netz an diesen Dienst senden, z. B. https://127.0.0.1:8642/inge.", value: "URL")
        public static let verwaltenBenutzer = (help: "Das Konto, mit dem --url sich anmeldet (ein Admin-Konto für andere Träger).", value: "KONTO")
        public static let verwaltenOhneURL = "--benutzer und --ca gehören zu --url."
        public static let verwaltenURLUndDaten = "Entweder --url (ein laufender Dienst) oder --daten (die Datei), nicht beides."
        public static let verwaltenBenutzerFehlt = "--url braucht --benutzer: das Konto, mit dem kbm bamf sich anmeldet."
        public static let verwaltenUnerwarteteAntwort = "Der BAMF-Dienst hat auf den Verwaltungsbefehl mit der Antwort auf eine Meldung geantwortet."
        public static let verwaltungLeer = "Kein Befehl angegeben."
        public static let verwaltungZielFehlt = "Für welchen Träger? Das Admin-Konto hat keine eigene BAMF-Seite: eine Trägernummer oder alle nennen."
        public static let verwaltungKeineTraeger = "Es gibt noch kein Trägerkonto."

        public static func verwaltungNurSimulator(_ befehl: String) -> String {
            "„\(befehl)“ ist kein Simulator-Befehl. Am BAMF-Dienst gehen: bamf modus=…, bamf testdaten, bamf register …, "
                + "bamf hoechstzahl, bamf stoerung, bamf offline, bamf verzoegerung und bamf (zeigt, was das BAMF kennt)."
        }

        public static func verwaltungUnbekannt(_ traeger: String) -> String {
            "Träger \(traeger) hat kein Konto beim BAMF-Dienst (kbm bamf traeger list zeigt die Konten)."
        }

        public static func verwaltungGescheitert(_ reason: String) -> String {
            "Der BAMF-Dienst konnte die Änderung nicht speichern: \(reason)"
        }

        public static func fuerTraeger(_ traeger: String) -> String { "Träger \(traeger):\n" }

        public static func datenUnbrauchbar(_ path: String, _ error: SQLiteError) -> String {
            "Die Datei \(path) lässt sich nicht als BAMF-Datei öffnen: \(sqlite(error.message, code: error.code))."
        }

        /// Why `kbm bamf serve` could not listen, by the system's error number.
        public static func nichtGestartet(host: String, port: Int, errno code: Int32?) -> String {
            let where_ = "\(host):\(port)"
            switch code {
            case EADDRINUSE: return "Port \(port) ist schon belegt (läuft dort schon ein Dienst?); einen anderen mit --port wählen, 0 wählt einen freien."
            case EADDRNOTAVAIL: return "Die Adresse \(host) gehört nicht zu diesem Rechner; --host 127.0.0.1 oder 0.0.0.0 (alle Adressen) nennen."
            case EACCES: return "Auf \(where_) darf dieses Konto nicht lauschen (Ports unter 1024 brauchen Rechte); einen Port ab 1024 wählen."
            default: return "Der Dienst ließ sich auf \(where_) nicht starten" + (code.map { " (Systemfehler \($0))" } ?? "") + "."
            }
        }

        public static let lastAbstract = "Lastlauf für scripts/bench: viele Träger zugleich senden Kursanmeldungen, Kursplanungen und Kursbeginnmeldungen; endet von selbst."
        public static let lastURL = (help: "Adresse des Dienstes, z. B. http://127.0.0.1:8642/inge.", value: "URL")
        public static let lastDaten = "Die Datei des laufenden Dienstes: der Lastlauf legt dort seine Konten an und zählt danach, was gespeichert ist."
        public static let lastClients = "Wie viele Clients (je ein Träger) zugleich senden."
        public static let lastNachrichten = "Nachrichten je Client."
        public static let lastZeit = "Höchstens so viele Sekunden; danach beginnt kein Client eine neue Nachricht."
        public static let lastCA = "Zertifikat (PEM), dem der Client bei HTTPS vertraut."
        public static let lastGrenzen = "--clients 1…1000, --nachrichten 1…100000, --zeit 1…3600."

        public struct LastFigures: Sendable {
            public var gesendet, beantwortet, abgelehnt, fehler, gespeichert, kursnummern, doppelt: Int
            public var sekunden, median, p99: Double
            public var abgebrochen: Bool

            public init(gesendet: Int, beantwortet: Int, abgelehnt: Int, fehler: Int, gespeichert: Int, kursnummern: Int, doppelt: Int,
                        sekunden: Double, median: Double, p99: Double, abgebrochen: Bool) {
                (self.gesendet, self.beantwortet, self.abgelehnt, self.fehler, self.gespeichert) = (gesendet, beantwortet, abgelehnt, fehler, gespeichert)
                (self.kursnummern, self.doppelt, self.sekunden, self.median, self.p99, self.abgebrochen) = (kursnummern, doppelt, sekunden, median, p99, abgebrochen)
            }
        }

        /// One figure per line, "Name: Wert", for people and for scripts/bench alike.
        public static func lastSummary(clients: Int, nachrichten: Int, _ f: LastFigures) -> String {
            func decimal(_ x: Double, _ places: Int) -> String {
                var scale = 1
                for _ in 0..<places { scale *= 10 }
                let n = Int((x * Double(scale)).rounded())
                let fraction = String(n % scale)
                return "\(n / scale),\(String(repeating: "0", count: places - fraction.count))\(fraction)"
            }
            return """
                Lastlauf: \(clients) Clients × \(nachrichten) Nachrichten\(f.abgebrochen ? " (Zeitgrenze erreicht, nicht alle gesendet)" : "")
                gesendet: \(f.gesendet)
                beantwortet: \(f.beantwortet)
                gespeichert: \(f.gespeichert)
                verloren: \(max(0, f.beantwortet - f.gespeichert))
                ohne Antwort: \(f.fehler)
                abgelehnt: \(f.abgelehnt)
                Kursnummern: \(f.kursnummern)
                doppelte Kursnummern: \(f.doppelt)
                Dauer: \(decimal(f.sekunden, 2)) s
                Nachrichten je Sekunde: \(decimal(f.sekunden > 0 ? Double(f.beantwortet) / f.sekunden : 0, 1))
                Umlaufzeit Median: \(decimal(f.median, 2)) ms (ohne die erste Nachricht je Client: Anmeldung mit scrypt)
                Umlaufzeit p99: \(decimal(f.p99, 2)) ms

                """
        }
    }
}

// MARK: the shell as a client of a served BAMF (`bamf verbinden`)

extension Wording {
    public static func message(_ error: ServedError) -> String {
        switch error {
        case .noPassword(let benutzer):
            "Für Benutzer \(benutzer) ist kein Passwort bekannt: KBM_BAMF_PASSWORT setzen oder „bamf verbinden …“ am Terminal eingeben "
                + "(das Passwort steht nie auf der Befehlszeile)."
        case .invalidURL(let url):
            "\(quoted(url)) ist keine Adresse eines BAMF-Dienstes; erwartet wird http://HOST:PORT/inge oder https://HOST:PORT/inge."
        case .caUnreadable(let path, let reason):
            "Die Zertifikatsdatei \(path) lässt sich nicht lesen: \(reason)."
        case .undelivered(let line):
            line
        case .refused(let text):
            "Der BAMF-Dienst hat den Befehl abgelehnt: \(text)"
        case .onlyEmbedded(let befehl):
            "„\(befehl)“ gilt nur für den eingebauten Simulator. Mit einem BAMF-Dienst ist eine Störung echt: den Dienst anhalten "
                + "oder das Netz trennen; „bamf stoerung …“ wirkt auch im Dienst. Zurück zum Simulator mit „bamf lokal“."
        }
    }

    public enum Client {
        public static func connected(url: String, benutzer: String) -> String {
            "Verbunden mit dem BAMF-Dienst \(url) als Benutzer \(benutzer): jede Nachricht an das BAMF geht ab jetzt dorthin.\n"
        }

        public static let local = "Nachrichten an das BAMF gehen wieder an den eingebauten Simulator.\n"
        public static let alreadyLocal = "Nachrichten an das BAMF gehen schon an den eingebauten Simulator.\n"

        public static func inUse(url: String, benutzer: String) -> String {
            "Gesendet wird an den BAMF-Dienst \(url) als Benutzer \(benutzer).\n"
        }

        public static func passwordPrompt(_ benutzer: String) -> String { "Passwort für \(benutzer): " }
    }
}

extension Wording.Served {
    public static let sendenAbstract = "Eine Nachricht an einen BAMF-Dienst senden (von kbm selbst benutzt: Anfrage auf stdin, Ergebnis auf stdout)."
}

extension Wording.Served {
    /// The trainer's page (GET /ereignisse) refuses one more browser rather than slow the service.
    public static func zuVieleZuschauer(_ max: Int) -> String {
        "Zu viele Browser zeigen die Seite schon (höchstens \(max)); in 10 Sekunden erneut versuchen.\n"
    }

    public static func standFailed(_ reason: String) -> String {
        "Der Stand des BAMF-Dienstes ließ sich nicht lesen: \(reason)\n"
    }
}
