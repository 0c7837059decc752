// The wording of `kbm bamf …`: the served BAMF's command line.

extension Wording {
    public enum Served {
        public static let abstract = "Der BAMF-Dienst: InGe-Online als Web-Service (SOAP 1.1) für viele kbm zugleich."
        public static let serveAbstract = "Den BAMF-Dienst über HTTP anbieten (POST /inge)."
        public static let host = (help: "Adresse, auf der der Dienst lauscht.", value: "ADRESSE")
        public static let port = (help: "Port; 0 wählt einen freien, der beim Start genannt wird.", value: "PORT")
        public static let daten = (help: "Die SQLite-Datei des Dienstes (Konten, BAMF-Seite je Träger, alle Nachrichten).",
                                   value: "DATEI")

        public static func ready(host: String, port: Int) -> String {
            "kbm bamf: bereit auf http://\(host):\(port)/inge\n"
        }

        public static func refusal(_ text: String) -> String { "kbm bamf: Fehler: \(text)\n" }

        /// kbm hands `kbm bamf …` to kbm-bamf beside it; an installation without it says so.
        public static func programMissing(path: String, reason: String) -> String {
            "kbm bamf: Fehler: Der BAMF-Dienst ist ein eigenes Programm, \(path) ließ sich nicht starten: \(reason). "
                + "scripts/install und scripts/kbm bauen es mit.\n"
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
