// The served BAMF the session sends to (`bamf verbinden`): where and as whom. Never the password, which lives
// only in the memory of the running kbm.

public struct BamfVerbindung: Equatable, Sendable {
    /// The service's endpoint, e.g. `https://schule.example:8642/inge`.
    public var url: String
    /// The UsernameToken's user: the Trägernummer of the account.
    public var benutzer: String
    /// A CA file (PEM) that vouches for the service's certificate, for a classroom's own; nil: the system's.
    public var ca: String?
    /// How long kbm waits for an answer, in seconds.
    public var zeitlimit: Int

    public static let standardZeitlimit = 5

    public init(url: String, benutzer: String, ca: String? = nil, zeitlimit: Int = standardZeitlimit) {
        self.url = url
        self.benutzer = benutzer
        self.ca = ca
        self.zeitlimit = zeitlimit
    }
}
