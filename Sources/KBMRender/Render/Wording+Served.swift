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

extension Wording.Served {
    /// The trainer's page (GET /ereignisse) refuses one more browser rather than slow the service.
    public static func zuVieleZuschauer(_ max: Int) -> String {
        "Zu viele Browser zeigen die Seite schon (höchstens \(max)); in 10 Sekunden erneut versuchen.\n"
    }

    public static func standFailed(_ reason: String) -> String {
        "Der Stand des BAMF-Dienstes ließ sich nicht lesen: \(reason)\n"
    }
}
