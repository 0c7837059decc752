// The accounts as a trainer sees them (never a password hash), and a change to one Träger's BAMF side outside a message.

import KBMCore

extension BamfStore {
    struct Konto: Equatable, Sendable {
        var benutzer: String
        var admin: Bool
        var angelegt: String
        var nachrichten: Int
    }

    func konten() throws(SQLiteError) -> [Konto] {
        let s = try db.prepare("""
            SELECT k.benutzer, k.admin, k.angelegt, (SELECT count(*) FROM nachricht n WHERE n.benutzer = k.benutzer)
            FROM konto k ORDER BY k.admin DESC, k.benutzer
            """)
        var out: [Konto] = []
        while try s.step() {
            out.append(Konto(benutzer: s.text(0) ?? "", admin: s.int(1) != 0, angelegt: s.text(2) ?? "", nachrichten: s.int(3)))
        }
        return out
    }

    /// Runs `body` on the BAMF side of each of `traeger` and stores them, all in one transaction: a command for all
    /// Träger reaches all or none.
    func change<T>(_ traeger: [String], _ body: (String, inout BamfSide) throws(SQLiteError) -> T) throws(SQLiteError) -> [T] {
        try transaction { () throws(SQLiteError) -> [T] in
            var out: [T] = []
            for t in traeger {
                var side = try loadSide(of: t)
                out.append(try body(t, &side))
                try saveSide(side, of: t)
            }
            return out
        }
    }
}
