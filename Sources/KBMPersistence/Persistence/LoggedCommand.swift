// One line of the command log: what a customer typed or ran, when, from where, and how it ended.

public struct LoggedCommand: Equatable, Sendable {
    public var zeit: String
    public var quelle: String
    public var zeile: String
    /// "ok" or "fehler".
    public var ergebnis: String

    public init(zeit: String, quelle: String, zeile: String, ergebnis: String) {
        self.zeit = zeit
        self.quelle = quelle
        self.zeile = zeile
        self.ergebnis = ergebnis
    }
}
