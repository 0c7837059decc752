// The served BAMF of the session in its settings: URL, user, CA file, time limit, and the MessageIDs of messages
// whose answer never came. Never a password.

import KBMModel

extension SessionStore {
    static let unbestaetigtPrefix = "bamf-unbestaetigt-"

    func writeVerbindung(_ v: BamfVerbindung?) throws(StoreError) {
        try writeSetting("bamf-dienst-url", v?.url)
        try writeSetting("bamf-dienst-benutzer", v?.benutzer)
        try writeSetting("bamf-dienst-ca", v?.ca)
        try writeSetting("bamf-dienst-zeitlimit", v.map { String($0.zeitlimit) })
    }

    /// One row per pending message: the key names the MessageID, the value is the request it was sent with.
    func writeUnbestaetigt(_ pending: [String: String]) throws(StoreError) {
        try run("DELETE FROM einstellung WHERE schluessel LIKE '\(Self.unbestaetigtPrefix)%'")
        for (anfrage, id) in pending.sorted(by: { $0.value < $1.value }) {
            try writeSetting(Self.unbestaetigtPrefix + id, anfrage)
        }
    }

    /// A part of the connection; the session has one once URL and user are read (in any order).
    func readVerbindung(_ key: String, _ value: String, _ row: Statement, into session: inout Session) throws {
        var v = session.verbindung ?? BamfVerbindung(url: "", benutzer: "")
        switch key {
        case "bamf-dienst-url": v.url = value
        case "bamf-dienst-benutzer": v.benutzer = value
        case "bamf-dienst-ca": v.ca = value
        default: v.zeitlimit = try row.decode(Int(value), in: 1...3600)
        }
        session.verbindung = v
    }
}
