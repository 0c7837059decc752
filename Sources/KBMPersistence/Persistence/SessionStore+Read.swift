// Reading every row of a session file into the in-memory Session.

import KBMModel

extension SessionStore {
    /// `today` is the clock for a file that holds none (no `set today` was ever saved in it).
    package func load(today: Day) throws(StoreError) -> Session {
        do {
            let version = try db.scalar("PRAGMA user_version")
            if version > Self.schemaVersion {
                throw StoreError.newerVersion(path: path, found: version, supported: Self.schemaVersion)
            }
            var session = Session(today: today)
            try readSettings(into: &session)
            try each("SELECT kennung, name FROM kursort ORDER BY id") { r in
                let kennung = try r.required(0)
                session.kursorte[kennung] = Kursort(kennung: kennung, name: r.text(1))
            }
            try each("SELECT kennung, vorname, nachname, alpha FROM lehrkraft ORDER BY id") { r in
                let kennung = try r.required(0)
                session.lehrkraefte[kennung] = Lehrkraft(kennung: kennung, vorname: try r.required(1), nachname: try r.required(2),
                                                         alpha: r.int(3) != 0)
            }
            // Room for every row at once: growing step by step would rehash the whole index again and again.
            session.teilnehmer.reserveCapacity(try db.scalar("SELECT count(*) FROM person"))
            var highest = 0
            try each("""
                SELECT id, nummer, vorname, nachname, geboren, az, strasse, plz, ort,
                       zulassung_verfahren, zulassung_kursart, zulassung_abschnitt, zulassung_datum FROM person ORDER BY id
                """) { r in
                let nummer = try r.required(1)
                // Stored under the number of its Tn-Nr, which keeps each Tn-Nr unique; anything else was edited.
                guard TnNr(stored: nummer)?.number == r.int(0) else { throw UnreadableValue() }
                highest = r.int(0)
                var tn = Teilnehmer(nummer: nummer, vorname: try r.required(2), nachname: try r.required(3),
                                    geboren: try r.day(4), az: r.text(5))
                tn.strasse = r.text(6)
                tn.plz = r.text(7)
                tn.ort = r.text(8)
                if let v = r.text(9) {
                    tn.zulassung = Zulassung(verfahren: try r.decode(Zulassung.Verfahren(rawValue: v)),
                                             kursart: r.text(10).flatMap(Kursart.init(key:)),
                                             abschnitt: r.isNull(11) ? nil : Abschnitt(number: r.int(11)),
                                             datum: try r.day(12))
                }
                session.teilnehmer[nummer] = tn
            }
            // The counter is written when it moves past what the file shows (a removed Tn, `set tn-nummer`),
            // not with every new Tn: those the file holds count it on.
            session.nextTeilnehmerNummer = max(session.nextTeilnehmerNummer, highest + 1)
            try readAuftraege(into: &session)
            try each("SELECT nummer, datum, auftrag, typ, anfrage, antwort, ergebnis, meldungen FROM anmeldung ORDER BY nummer") { r in
                let meldungen = try r.required(7)
                session.anmeldungen.append(Anmeldung(
                    nummer: r.int(0), datum: try r.day(1), auftrag: r.text(2),
                    typ: try r.decode(Anmeldung.Typ(rawValue: try r.required(3))),
                    anfrage: try r.required(4), antwort: try r.required(5),
                    ergebnis: try r.decode(Anmeldung.Ergebnis(rawValue: try r.required(6))),
                    meldungen: meldungen.isEmpty ? [] : meldungen.split(separator: "\n").map(String.init)))
            }
            try readBamf(into: &session)
            if let open = session.openAuftrag, session.auftraege[open] == nil { session.openAuftrag = nil }
            return session
        } catch let error as StoreError {
            throw error
        } catch let error as SQLiteError {
            throw Self.classify(error, path: path)
        } catch {
            throw .corrupt(path: path, detail: "ein Wert passt nicht zum Format von kbm")
        }
    }

    private func readSettings(into session: inout Session) throws {
        try each("SELECT schluessel, wert FROM einstellung") { r in
            let value = r.text(1) ?? ""
            let key = r.text(0) ?? ""
            switch key {
            case "traegernummer": session.mandant.traegernummer = value
            case "testnummer": session.mandant.testnummer = value
            case "testumgebung": session.mandant.testumgebung = value == "ja"
            case "nur-validieren": session.mandant.nurValidieren = value == "ja"
            case "today": session.today = try r.decode(Day(parsing: value))
            case "open-auftrag": session.openAuftrag = value
            // Counted on with every new Tn and Kursnummer. Commands never come near Int.max / 2 (they set at most
            // Int32.max and count up from there); beyond it the value was edited, and counting on would overflow.
            case "naechste-tn-nummer": session.nextTeilnehmerNummer = try r.decode(Int(value), in: 1...Int.max / 2)
            case "bamf-modus": session.bamf.modus = try r.decode(BamfSide.Modus(rawValue: value))
            case "bamf-naechste-kursnummer": session.bamf.nextKursnummer = try r.decode(Int(value), in: 1...Int.max / 2)
            case "bamf-offline": session.bamf.offline = value == "ja"
            case "bamf-verzoegerung": session.bamf.verzoegerungMs = try r.decode(Int(value))
            case "bamf-dienst-url", "bamf-dienst-benutzer", "bamf-dienst-ca", "bamf-dienst-zeitlimit":
                try readVerbindung(key, value, r, into: &session)
            default:
                if key.hasPrefix(Self.unbestaetigtPrefix) {
                    session.bamf.unbestaetigt[value] = String(key.dropFirst(Self.unbestaetigtPrefix.count))
                } else if key.hasPrefix("bamf-hoechst-"), let kursart = Kursart(key: String(key.dropFirst(13))) {
                    session.bamf.hoechstTeilnehmer[kursart] = try r.decode(Int(value))
                } else if key.hasPrefix("bamf-stoerung-"),
                          let typ = Anmeldung.Typ.allCases.first(where: { "bamf-stoerung-" + $0.rawValue.lowercased() == key }) {
                    session.bamf.stoerungen[typ] = try r.decode(Int(value))
                }
            }
        }
    }

    private func readAuftraege(into session: inout Session) throws {
        nextBookingPosition = 1
        session.auftraege.reserveCapacity(try db.scalar("SELECT count(*) FROM auftrag"))
        try each("""
            SELECT nummer, typ, titel, hat_kursdaten, kursart, beginnabschnitt, kursbeginn, kursort, ue_woche, tage, hoechst_tn,
                   lehrwerk, plan_status, plan_aktualisierungen, plan_gesendet, kursnummer, kbm_gemeldet FROM auftrag ORDER BY id
            """) { r in
            var auftrag = Auftrag(nummer: try r.required(0), typ: try r.decode(Auftrag.Typ(rawValue: try r.required(1))), titel: r.text(2))
            if r.int(3) != 0 {
                var d = Kursdaten()
                d.kursart = r.text(4).flatMap(Kursart.init(key:))
                d.beginnabschnitt = r.isNull(5) ? nil : Abschnitt(number: r.int(5))
                d.kursbeginn = try r.optionalDay(6)
                d.kursort = r.text(7)
                d.ueProWoche = r.int(8)
                d.unterrichtstage = Set(try (r.text(9) ?? "").split(separator: ",").map { try r.decode(Int($0), in: 1...7) })
                d.hoechstTeilnehmer = r.isNull(10) ? nil : r.int(10)
                d.lehrwerk = r.text(11)
                auftrag.kursdaten = d
            }
            auftrag.kursplanung.state = try r.decode(Kursplanung.State(rawValue: try r.required(12)))
            auftrag.kursplanung.aktualisierungen = try r.decode(r.int(13), in: 0...Int.max / 2)
            auftrag.kursplanung.gesendetAm = try r.optionalDay(14)
            auftrag.kbm.kursnummer = r.text(15)
            auftrag.kbm.gemeldetAm = try r.optionalDay(16)
            session.auftraege[auftrag.nummer] = auftrag
        }
        try each("SELECT auftrag, name, wert FROM referenznummer") { r in
            let name = r.text(1) ?? "", wert = r.text(2)
            session.modifyAuftrag(r.text(0) ?? "") { $0.referenznummern[name] = wert }
        }
        try each("SELECT auftrag, von, bis, grund FROM unterbrechung ORDER BY id") { r in
            let unterbrechung = Unterbrechung(von: try r.day(1), bis: try r.day(2), grund: r.text(3))
            session.modifyAuftrag(r.text(0) ?? "") { $0.unterbrechungen.append(unterbrechung) }
        }
        try each("SELECT auftrag, kennung, art FROM zustaendigkeit ORDER BY id") { r in
            let zustaendigkeit = Zustaendigkeit(kennung: try r.required(1), art: try r.decode(Zustaendigkeit.Art(rawValue: try r.required(2))))
            session.modifyAuftrag(r.text(0) ?? "") { $0.zustaendigkeiten.append(zustaendigkeit) }
        }
        // In key order, so an Auftrag's bookings come together; `pos` puts them back in booking order.
        var bookings: [(pos: Int, teilnahme: Teilnahme)] = []
        var bookedIn: String?
        func keepBookings() {
            guard let auftrag = bookedIn else { return }
            bookings.sort { $0.pos < $1.pos }
            session.modifyAuftrag(auftrag) { a in for b in bookings { a.teilnahmen[b.teilnahme.teilnehmer] = b.teilnahme } }
            bookings.removeAll(keepingCapacity: true)
        }
        try each("SELECT auftrag, tn, pos, status, kostentraeger, eintrittsabschnitt, anmelden, war_aktiv FROM teilnahme") { r in
            var t = Teilnahme(teilnehmer: try r.required(1), status: try r.decode(Teilnahme.Status(rawValue: try r.required(3))),
                              kostentraeger: try r.decode(Teilnahme.Kostentraeger(rawValue: try r.required(4))),
                              eintrittsabschnitt: r.isNull(5) ? nil : Abschnitt(number: r.int(5)))
            t.anmelden = r.int(6) != 0
            t.wasActive = r.int(7) != 0
            let auftrag = try r.required(0)
            if auftrag != bookedIn {
                keepBookings()
                bookedIn = auftrag
            }
            // New bookings count on from the highest: beyond Int.max / 2 the value was edited and would overflow.
            let pos = try r.decode(r.int(2), in: 0...Int.max / 2)
            bookings.append((pos, t))
            nextBookingPosition = max(nextBookingPosition, pos + 1)
        }
        keepBookings()
        try each("SELECT auftrag, tn, az, geboren FROM plan_teilnehmer ORDER BY id") { r in
            let gesendet = GesendeterTeilnehmer(nummer: try r.required(1), az: r.text(2), geboren: try r.optionalDay(3))
            session.modifyAuftrag(r.text(0) ?? "") { $0.kursplanung.teilnehmer.append(gesendet) }
        }
    }

    private func readBamf(into session: inout Session) throws {
        try each("SELECT art, kennung FROM bamf_register") { r in
            let kennung = try r.required(1)
            switch r.text(0) {
            case "traeger": session.bamf.traeger.insert(kennung)
            case "kursort": session.bamf.kursorte.insert(kennung)
            case "lehrkraft": session.bamf.lehrkraefte.insert(kennung)
            default: throw StoreError.corrupt(path: path, detail: "unbekannte BAMF-Registrierung")
            }
        }
        try each("SELECT az, geboren FROM bamf_teilnehmer") { r in session.bamf.teilnehmer[try r.required(0)] = try r.day(1) }
        try each("SELECT schluessel, verfahren FROM bamf_zulassung") { r in
            session.bamf.zulassungen[try r.required(0)] = try r.decode(Zulassung.Verfahren(rawValue: try r.required(1)))
        }
        try each("SELECT schluessel, aktenzeichen, storniert FROM bamf_plan") { r in
            let az = try r.required(1)
            session.bamf.plaene[try r.required(0)] = BamfSide.Plan(
                aktenzeichen: az.isEmpty ? [] : az.split(separator: "\n").map(String.init), storniert: r.int(2) != 0)
        }
        try each("SELECT schluessel, nummer FROM bamf_kursnummer") { r in session.bamf.kursnummern[try r.required(0)] = try r.required(1) }
    }

    private func each(_ sql: String, _ body: (Statement) throws -> Void) throws {
        let statement = try db.prepare(sql)
        while try statement.step() { try body(statement) }
    }
}

/// A value in the file that the model cannot hold: the file was changed by something other than kbm.
struct UnreadableValue: Error {}

extension Statement {
    func required(_ column: Int32) throws -> String {
        guard let value = text(column) else { throw UnreadableValue() }
        return value
    }

    func day(_ column: Int32) throws -> Day {
        guard let bytes = bytes(column), let day = Day(parsing: bytes) else { throw UnreadableValue() }
        return day
    }

    func optionalDay(_ column: Int32) throws -> Day? {
        guard let bytes = bytes(column) else { return nil }
        guard let day = Day(parsing: bytes) else { throw UnreadableValue() }
        return day
    }

    func decode<T>(_ value: T?) throws -> T {
        guard let value else { throw UnreadableValue() }
        return value
    }

    /// A number the model only holds within `range` (a weekday, a counter that is counted on).
    func decode(_ value: Int?, in range: ClosedRange<Int>) throws -> Int {
        guard let value, range.contains(value) else { throw UnreadableValue() }
        return value
    }
}
