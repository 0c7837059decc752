// What the trainer's page reads from the file: the Träger accounts and the latest messages; never a password hash.

import KBMCore

extension BamfStore {
    /// The Trägernummern of every account that is not an admin's, in order.
    func traegerAccounts() throws(SQLiteError) -> [String] {
        let s = try db.prepare("SELECT benutzer FROM konto WHERE admin = 0 ORDER BY benutzer")
        var out: [String] = []
        while try s.step() { out.append(s.text(0) ?? "") }
        return out
    }

    struct Gespeichert {
        var zeit, benutzer, typ, ergebnis: String
        var kursnummer: String?
        var antwort: String
    }

    /// The last `limit` messages, oldest first.
    func latestMessages(_ limit: Int) throws(SQLiteError) -> [Gespeichert] {
        let s = try db.prepare("""
            SELECT zeit, benutzer, typ, ergebnis, kursnummer, antwort FROM
                (SELECT * FROM nachricht ORDER BY nr DESC LIMIT ?1) ORDER BY nr
            """)
        s.bind([.int(limit)])
        var out: [Gespeichert] = []
        while try s.step() {
            out.append(Gespeichert(zeit: s.text(0) ?? "", benutzer: s.text(1) ?? "", typ: s.text(2) ?? "",
                                   ergebnis: s.text(3) ?? "", kursnummer: s.text(4), antwort: s.text(5) ?? ""))
        }
        return out
    }
}
