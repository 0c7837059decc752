// Why `bamf verbinden` or a simulator command for a served BAMF did not take effect.

public enum ServedError: Error, Equatable, Sendable {
    /// Neither KBM_BAMF_PASSWORT nor a terminal to ask at.
    case noPassword(benutzer: String)
    case invalidURL(String)
    case caUnreadable(path: String, reason: String)
    /// The service could not be reached or gave no usable answer (the Übertragungsfehler line).
    case undelivered(String)
    /// The service answered and refused (its German text).
    case refused(String)
    /// A switch of the embedded simulator that a served BAMF does not take (`bamf offline`, `bamf verzoegerung`).
    case onlyEmbedded(String)
}
