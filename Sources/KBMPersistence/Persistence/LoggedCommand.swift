// One line of the command log: what a customer typed or ran, when, from where, and how it ended.

public struct LoggedCommand: Equatable, Sendable {
    public var zeit: String
    public var quelle: String
    public var zeile: String
    /// "ok" or "fehler".
    public var ergebnis: String
    /// For a failed command, the text its replay must fail with: the BAMF's error number, else the error message.
    public var fehler: String?

    /// Inlinable: the shell makes one for every command, and built in place it is not copied into the log.
    @inlinable public init(zeit: String, quelle: String, zeile: String, ergebnis: String, fehler: String? = nil) {
        self.zeit = zeit
        self.quelle = quelle
        self.zeile = zeile
        self.ergebnis = ergebnis
        self.fehler = fehler
    }
}
