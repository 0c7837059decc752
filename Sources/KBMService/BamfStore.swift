// The served BAMF's own SQLite file: accounts, each Träger's BAMF side, the Kursnummer counter and every message.
// One message is one transaction, committed before it is answered (WAL, synchronous=FULL).

import KBMCore

final class BamfStore {
    static let schemaVersion = 1

    /// Internal, not private: the trainer's page reads it too (BamfStore+Seite).
    let db: Database

    init(path: String) throws(SQLiteError) {
        db = try Database(path: path, create: true)
        try db.execute("PRAGMA journal_mode=WAL")
        try db.execute("PRAGMA synchronous=FULL")
        try db.execute("PRAGMA busy_timeout=5000")
        let version = try db.scalar("PRAGMA user_version")
        guard version <= Self.schemaVersion else {
            throw SQLiteError(code: 1, message: "Die Datei hat das Format \(version), neuer als dieses kbm (\(Self.schemaVersion)).")
        }
        if version == 0 {
            try db.execute("""
                BEGIN;
                CREATE TABLE konto(
                    benutzer TEXT PRIMARY KEY,   -- the Trägernummer, as in the UsernameToken
                    passwort TEXT NOT NULL,      -- scrypt$N$r$p$salt$key (hex), never the password
                    admin INTEGER NOT NULL DEFAULT 0,
                    angelegt TEXT NOT NULL);
                CREATE TABLE bamf(               -- each Träger's BAMF side (BamfSide), one row per fact
                    traeger TEXT NOT NULL, art TEXT NOT NULL, schluessel TEXT NOT NULL, wert TEXT NOT NULL,
                    PRIMARY KEY(traeger, art, schluessel)) WITHOUT ROWID;
                CREATE TABLE zaehler(name TEXT PRIMARY KEY, wert INTEGER NOT NULL);
                INSERT INTO zaehler VALUES('kursnummer', 1);
                CREATE TABLE nachricht(
                    nr INTEGER PRIMARY KEY,
                    benutzer TEXT NOT NULL, message_id TEXT NOT NULL, zeit TEXT NOT NULL, typ TEXT NOT NULL,
                    anfrage TEXT NOT NULL,       -- the body as kbm logs it (InGeRequest.xml)
                    ergebnis TEXT NOT NULL, kursnummer TEXT,
                    antwort TEXT NOT NULL,       -- the response envelope, sent again for a repeated MessageID
                    UNIQUE(benutzer, message_id));
                PRAGMA user_version = 1;
                COMMIT;
                """)
        }
    }

    // MARK: accounts

    func passwordHash(of benutzer: String) throws(SQLiteError) -> String? {
        let s = try db.prepare("SELECT passwort FROM konto WHERE benutzer = ?1")
        s.bind([.text(benutzer)])
        return try s.step() ? s.text(0) : nil
    }

    /// Adds an account, or sets a new password for it; a new Träger starts with an empty BAMF side that knows it.
    func setAccount(_ benutzer: String, hash: String, admin: Bool) throws(SQLiteError) {
        try transaction { () throws(SQLiteError) in
            let exists = try passwordHash(of: benutzer) != nil
            try db.prepare("""
                INSERT INTO konto(benutzer, passwort, admin, angelegt) VALUES(?1, ?2, ?3, ?4)
                ON CONFLICT(benutzer) DO UPDATE SET passwort = excluded.passwort, admin = excluded.admin
                """).run([.text(benutzer), .text(hash), .int(admin ? 1 : 0), .text(Clock.timestamp())])
            if !exists && !admin {
                var side = BamfSide()
                side.traeger.insert(benutzer)
                try saveSide(side, of: benutzer)
            }
        }
    }

    // MARK: messages

    struct Stored {
        var anfrage: String
        var antwort: String
    }

    func stored(benutzer: String, messageID: String) throws(SQLiteError) -> Stored? {
        let s = try db.prepare("SELECT anfrage, antwort FROM nachricht WHERE benutzer = ?1 AND message_id = ?2")
        s.bind([.text(benutzer), .text(messageID)])
        guard try s.step() else { return nil }
        return Stored(anfrage: s.text(0) ?? "", antwort: s.text(1) ?? "")
    }

    /// Runs `body` on the Träger's BAMF side inside one transaction, stores the side, the message and its answer,
    /// and commits; the answer is what `body` returns, written by `envelope`.
    func process(benutzer: String, messageID: String, typ: String, anfrage: String,
                 _ body: (inout BamfSide) -> InGeResponse, envelope: (InGeResponse) -> String) throws(SQLiteError) -> String {
        try transaction { () throws(SQLiteError) -> String in
            var side = try loadSide(of: benutzer)
            side.nextKursnummer = try db.scalar("SELECT wert FROM zaehler WHERE name = 'kursnummer'")
            let response = body(&side)
            try db.prepare("UPDATE zaehler SET wert = ?1 WHERE name = 'kursnummer'").run([.int(side.nextKursnummer)])
            try saveSide(side, of: benutzer)
            let text = envelope(response)
            try db.prepare("""
                INSERT INTO nachricht(benutzer, message_id, zeit, typ, anfrage, ergebnis, kursnummer, antwort)
                VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                """).run([.text(benutzer), .text(messageID), .text(Clock.timestamp()), .text(typ), .text(anfrage),
                          .text(response.ergebnis.rawValue), response.kursnummer.map { .text($0) }, .text(text)])
            return text
        }
    }

    func transaction<T>(_ body: () throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        try db.execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try db.execute("COMMIT")
            return result
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    // MARK: a Träger's BAMF side, one row per fact

    func loadSide(of traeger: String) throws(SQLiteError) -> BamfSide {
        var side = BamfSide()
        var plans: [String: BamfSide.Plan] = [:]
        let s = try db.prepare("SELECT art, schluessel, wert FROM bamf WHERE traeger = ?1 ORDER BY art, schluessel")
        s.bind([.text(traeger)])
        while try s.step() {
            let art = s.text(0) ?? "", key = s.text(1) ?? "", value = s.text(2) ?? ""
            switch art {
            case "modus": side.modus = BamfSide.Modus(rawValue: value) ?? .lenient
            case "traeger": side.traeger.insert(key)
            case "kursort": side.kursorte.insert(key)
            case "lehrkraft": side.lehrkraefte.insert(key)
            case "teilnehmer": side.teilnehmer[key] = Day(parsing: value)
            case "zulassung": side.zulassungen[key] = Zulassung.Verfahren(rawValue: value)
            case "plan": plans[key, default: BamfSide.Plan(aktenzeichen: [])].storniert = value == "storniert"
            // "KEY#000001": the plan's Aktenzeichen in order, after its "plan" row (ORDER BY art).
            case "plan-tn": plans[String(key.dropLast(7)), default: BamfSide.Plan(aktenzeichen: [])].aktenzeichen.append(value)
            case "kursnummer": side.kursnummern[key] = value
            case "hoechst": if let k = Kursart(rawValue: key), let n = Int(value) { side.hoechstTeilnehmer[k] = n }
            case "stoerung": if let t = Anmeldung.Typ(rawValue: key), let n = Int(value) { side.stoerungen[t] = n }
            case "offline": side.offline = true
            case "verzoegerung": side.verzoegerungMs = Int(value) ?? 0
            default: break
            }
        }
        side.plaene = plans
        return side
    }

    func saveSide(_ side: BamfSide, of traeger: String) throws(SQLiteError) {
        try db.prepare("DELETE FROM bamf WHERE traeger = ?1").run([.text(traeger)])
        let insert = try db.prepare("INSERT INTO bamf(traeger, art, schluessel, wert) VALUES(?1, ?2, ?3, ?4)")
        func row(_ art: String, _ key: String, _ value: String) throws(SQLiteError) {
            try insert.run([.text(traeger), .text(art), .text(key), .text(value)])
        }
        try row("modus", "", side.modus.rawValue)
        for k in side.traeger { try row("traeger", k, "") }
        for k in side.kursorte { try row("kursort", k, "") }
        for k in side.lehrkraefte { try row("lehrkraft", k, "") }
        for (az, day) in side.teilnehmer { try row("teilnehmer", az, day.iso) }
        for (key, v) in side.zulassungen { try row("zulassung", key, v.rawValue) }
        for (key, plan) in side.plaene {
            try row("plan", key, plan.storniert ? "storniert" : "")
            for (i, az) in plan.aktenzeichen.enumerated() {
                let n = String(i)
                try row("plan-tn", key + "#" + String(repeating: "0", count: max(0, 6 - n.count)) + n, az)
            }
        }
        for (key, nummer) in side.kursnummern { try row("kursnummer", key, nummer) }
        for (k, n) in side.hoechstTeilnehmer { try row("hoechst", k.rawValue, String(n)) }
        for (t, n) in side.stoerungen { try row("stoerung", t.rawValue, String(n)) }
        if side.offline { try row("offline", "", "ja") }
        if side.verzoegerungMs != 0 { try row("verzoegerung", "", String(side.verzoegerungMs)) }
    }
}
