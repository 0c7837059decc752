// Writing exactly what a command touched: one function per kind of row, values bound by name.

import KBMModel

extension SessionStore {
    /// Writes each touched row as the session now has it; a row the session no longer has is deleted.
    public func write(_ touched: [Touched], from session: Session) throws(StoreError) {
        var lent = session
        try write(touched, lentFrom: &lent)
    }

    /// The same for the shell's session, which lives in a class: for a call that runs SQLite the compiler copies a
    /// class's stored value, as `borrowing` too, retaining each of its collections once for every command (measured:
    /// the one-unit script 4-5 % slower); lent `inout`, it is not copied. Nothing is changed.
    public func write(_ touched: [Touched], lentFrom session: inout Session) throws(StoreError) {
        for item in touched {
            switch item {
            case .mandant: try writeMandant(session.mandant)
            case .today: try writeSetting("today", session.today.iso)
            case .openAuftrag: try writeSetting("open-auftrag", session.openAuftrag)
            case .nextTeilnehmerNummer: try writeSetting("naechste-tn-nummer", String(session.nextTeilnehmerNummer))
            case .kursort(let kennung): try writeKursort(kennung, session.kursorte[kennung])
            case .auftrag(let nummer): try writeAuftrag(nummer, session.auftraege[nummer])
            case .teilnahme(let nummer, let tn): try writeTeilnahme(auftrag: nummer, tn: tn, session.auftraege[nummer]?.teilnahmen[tn])
            case .lehrkraft(let kennung): try writeLehrkraft(kennung, session.lehrkraefte[kennung])
            case .teilnehmer(let nummer): try writeTeilnehmer(nummer, session.teilnehmer[nummer])
            case .anmeldung(let nummer): try insertAnmeldung(session.anmeldungen[nummer - 1])
            case .bamfSettings: try writeBamfSettings(session.bamf)
            case .bamfRegister: try writeBamfRegister(session.bamf)
            case .bamfTeilnehmer(let az):
                try writeBamfValue("bamf_teilnehmer", key: ("az", az), value: ("geboren", session.bamf.teilnehmer[az]?.iso))
            case .bamfZulassung(let key):
                try writeBamfValue("bamf_zulassung", key: ("schluessel", key), value: ("verfahren", session.bamf.zulassungen[key]?.rawValue))
            case .bamfKursnummer(let key):
                try writeBamfValue("bamf_kursnummer", key: ("schluessel", key), value: ("nummer", session.bamf.kursnummern[key]))
            case .bamfPlan(let key): try writeBamfPlan(key, session.bamf.plaene[key])
            case .verbindung: try writeVerbindung(session.verbindung)
            }
        }
    }

    /// Every row of the session, for `save FILE` and the in-memory copy `sql` queries without a file.
    func writeAll(_ session: Session) throws(StoreError) {
        var touched: [Touched] = [.mandant, .today, .openAuftrag, .nextTeilnehmerNummer, .bamfSettings, .bamfRegister,
                                  .verbindung]
        touched += session.kursorte.keys.map { .kursort($0) }
        touched += session.lehrkraefte.keys.map { .lehrkraft($0) }
        touched += session.teilnehmer.keys.map { .teilnehmer($0) }
        touched += session.auftraege.keys.map { .auftrag($0) }
        touched += session.anmeldungen.map { .anmeldung($0.nummer) }
        touched += session.bamf.teilnehmer.keys.sorted().map { .bamfTeilnehmer($0) }
        touched += session.bamf.zulassungen.keys.sorted().map { .bamfZulassung($0) }
        touched += session.bamf.plaene.keys.sorted().map { .bamfPlan($0) }
        touched += session.bamf.kursnummern.keys.sorted().map { .bamfKursnummer($0) }
        try write(touched, from: session)
    }

    // MARK: settings

    private func writeMandant(_ m: Mandant) throws(StoreError) {
        try writeSetting("traegernummer", m.traegernummer)
        try writeSetting("testnummer", m.testnummer)
        try writeSetting("testumgebung", m.testumgebung ? "ja" : "nein")
        try writeSetting("nur-validieren", m.nurValidieren ? "ja" : "nein")
    }

    private func writeBamfSettings(_ b: BamfSide) throws(StoreError) {
        try writeSetting("bamf-modus", b.modus.rawValue)
        try writeSetting("bamf-naechste-kursnummer", String(b.nextKursnummer))
        for kursart in Kursart.allCases {
            try writeSetting("bamf-hoechst-" + kursart.key, b.hoechstTeilnehmer[kursart].map(String.init))
        }
        for typ in Anmeldung.Typ.allCases {
            try writeSetting("bamf-stoerung-" + typ.rawValue.lowercased(), b.stoerungen[typ].map(String.init))
        }
        try writeSetting("bamf-offline", b.offline ? "ja" : nil)
        try writeSetting("bamf-verzoegerung", b.verzoegerungMs == 0 ? nil : String(b.verzoegerungMs))
        try writeUnbestaetigt(b.unbestaetigt)
    }

    /// A setting without a value is no row.
    func writeSetting(_ key: String, _ value: String?) throws(StoreError) {
        guard let value else {
            let delete = try statement("DELETE FROM einstellung WHERE schluessel = :schluessel")
            delete.bind(":schluessel", key)
            return try run(delete)
        }
        let upsert = try statement("""
            INSERT INTO einstellung(schluessel, wert) VALUES(:schluessel, :wert)
            ON CONFLICT(schluessel) DO UPDATE SET wert = excluded.wert
            """)
        upsert.bind(":schluessel", key)
        upsert.bind(":wert", value)
        try run(upsert)
    }

    // MARK: master data

    private func writeKursort(_ kennung: String, _ kursort: Kursort?) throws(StoreError) {
        guard let kursort else { return try delete("DELETE FROM kursort WHERE kennung = :key", key: kennung) }
        let upsert = try statement("""
            INSERT INTO kursort(kennung, name) VALUES(:kennung, :name)
            ON CONFLICT(kennung) DO UPDATE SET name = excluded.name
            """)
        upsert.bind(":kennung", kursort.kennung)
        upsert.bind(":name", kursort.name)
        try run(upsert)
    }

    private func writeLehrkraft(_ kennung: String, _ lk: Lehrkraft?) throws(StoreError) {
        guard let lk else { return try delete("DELETE FROM lehrkraft WHERE kennung = :key", key: kennung) }
        let upsert = try statement("""
            INSERT INTO lehrkraft(kennung, vorname, nachname, alpha) VALUES(:kennung, :vorname, :nachname, :alpha)
            ON CONFLICT(kennung) DO UPDATE SET vorname = excluded.vorname, nachname = excluded.nachname, alpha = excluded.alpha
            """)
        upsert.bind(":kennung", kennung)
        upsert.bind(":vorname", lk.vorname)
        upsert.bind(":nachname", lk.nachname)
        upsert.bind(":alpha", lk.alpha)
        try run(upsert)
    }

    /// A person is stored under the number of its Tn-Nr (schema 3).
    private func writeTeilnehmer(_ nummer: String, _ tn: Teilnehmer?) throws(StoreError) {
        guard let id = TnNr(stored: nummer)?.number else {
            throw .writeFailed(detail: "Tn-Nr \(nummer) ist keine von kbm vergebene Nummer")
        }
        guard let tn else {
            let delete = try statement("DELETE FROM person WHERE id = :id")
            delete.bind(":id", id)
            return try run(delete)
        }
        let upsert = try statement("""
            INSERT INTO person(id, nummer, vorname, nachname, geboren, az, strasse, plz, ort,
                zulassung_verfahren, zulassung_kursart, zulassung_abschnitt, zulassung_datum)
            VALUES(:id, :nummer, :vorname, :nachname, :geboren, :az, :strasse, :plz, :ort,
                :verfahren, :kursart, :abschnitt, :datum)
            ON CONFLICT(id) DO UPDATE SET nummer = excluded.nummer, vorname = excluded.vorname, nachname = excluded.nachname,
                geboren = excluded.geboren, az = excluded.az, strasse = excluded.strasse, plz = excluded.plz,
                ort = excluded.ort, zulassung_verfahren = excluded.zulassung_verfahren,
                zulassung_kursart = excluded.zulassung_kursart, zulassung_abschnitt = excluded.zulassung_abschnitt,
                zulassung_datum = excluded.zulassung_datum
            """)
        let z = tn.zulassung
        upsert.bind(":id", id)
        upsert.bind(":nummer", nummer)
        upsert.bind(":vorname", tn.vorname)
        upsert.bind(":nachname", tn.nachname)
        upsert.bind(":geboren", tn.geboren.iso)
        upsert.bind(":az", tn.az)
        upsert.bind(":strasse", tn.strasse)
        upsert.bind(":plz", tn.plz)
        upsert.bind(":ort", tn.ort)
        upsert.bind(":verfahren", z?.verfahren.rawValue)
        upsert.bind(":kursart", z?.kursart?.key)
        upsert.bind(":abschnitt", z?.abschnitt?.number)
        upsert.bind(":datum", z?.datum.iso)
        try run(upsert)
    }

    // MARK: Aufträge

    /// An Auftrag and the rows below it, which are written anew as a whole.
    private func writeAuftrag(_ nummer: String, _ auftrag: Auftrag?) throws(StoreError) {
        // A new Auftrag has no rows in the tables below it (removing one removes them first): one lookup
        // instead of five deletes, for scripts that create thousands.
        if try isStored(auftrag: nummer) {
            for table in ["referenznummer", "unterbrechung", "zustaendigkeit", "teilnahme", "plan_teilnehmer"] {
                let delete = try statement(built: "DELETE FROM \(table) WHERE auftrag = :auftrag")
                delete.bind(":auftrag", nummer)
                try run(delete)
            }
        }
        guard let auftrag else { return try delete("DELETE FROM auftrag WHERE nummer = :key", key: nummer) }
        try upsertAuftragRow(nummer, auftrag)
        for (name, wert) in auftrag.referenznummern.sorted(by: { $0.key < $1.key }) {
            let insert = try statement("INSERT INTO referenznummer(auftrag, name, wert) VALUES(:auftrag, :name, :wert)")
            insert.bind(":auftrag", nummer)
            insert.bind(":name", name)
            insert.bind(":wert", wert)
            try run(insert)
        }
        for u in auftrag.unterbrechungen {
            let insert = try statement("INSERT INTO unterbrechung(auftrag, von, bis, grund) VALUES(:auftrag, :von, :bis, :grund)")
            insert.bind(":auftrag", nummer)
            insert.bind(":von", u.von.iso)
            insert.bind(":bis", u.bis.iso)
            insert.bind(":grund", u.grund)
            try run(insert)
        }
        for z in auftrag.zustaendigkeiten {
            let insert = try statement("INSERT INTO zustaendigkeit(auftrag, kennung, art) VALUES(:auftrag, :kennung, :art)")
            insert.bind(":auftrag", nummer)
            insert.bind(":kennung", z.kennung)
            insert.bind(":art", z.art.rawValue)
            try run(insert)
        }
        for t in auftrag.teilnahmen.values { try writeTeilnahme(auftrag: nummer, tn: t.teilnehmer, t) }
        for tn in auftrag.kursplanung.teilnehmer {
            let insert = try statement("INSERT INTO plan_teilnehmer(auftrag, tn, az, geboren) VALUES(:auftrag, :tn, :az, :geboren)")
            insert.bind(":auftrag", nummer)
            insert.bind(":tn", tn.nummer)
            insert.bind(":az", tn.az)
            insert.bind(":geboren", tn.geboren?.iso)
            try run(insert)
        }
    }

    private func upsertAuftragRow(_ nummer: String, _ auftrag: Auftrag) throws(StoreError) {
        let upsert = try statement("""
            INSERT INTO auftrag(nummer, typ, titel, hat_kursdaten, kursart, beginnabschnitt, kursbeginn, kursort, ue_woche, tage,
                hoechst_tn, lehrwerk, plan_status, plan_aktualisierungen, plan_gesendet, kursnummer, kbm_gemeldet)
            VALUES(:nummer, :typ, :titel, :hat_kursdaten, :kursart, :beginnabschnitt, :kursbeginn, :kursort, :ue_woche, :tage,
                :hoechst_tn, :lehrwerk, :plan_status, :plan_aktualisierungen, :plan_gesendet, :kursnummer, :kbm_gemeldet)
            ON CONFLICT(nummer) DO UPDATE SET typ = excluded.typ, titel = excluded.titel, hat_kursdaten = excluded.hat_kursdaten,
                kursart = excluded.kursart, beginnabschnitt = excluded.beginnabschnitt, kursbeginn = excluded.kursbeginn,
                kursort = excluded.kursort, ue_woche = excluded.ue_woche, tage = excluded.tage, hoechst_tn = excluded.hoechst_tn,
                lehrwerk = excluded.lehrwerk, plan_status = excluded.plan_status,
                plan_aktualisierungen = excluded.plan_aktualisierungen, plan_gesendet = excluded.plan_gesendet,
                kursnummer = excluded.kursnummer, kbm_gemeldet = excluded.kbm_gemeldet
            """)
        let d = auftrag.kursdaten
        upsert.bind(":nummer", nummer)
        upsert.bind(":typ", auftrag.typ.rawValue)
        upsert.bind(":titel", auftrag.titel)
        upsert.bind(":hat_kursdaten", d != nil)
        upsert.bind(":kursart", d?.kursart?.key)
        upsert.bind(":beginnabschnitt", d?.beginnabschnitt?.number)
        upsert.bind(":kursbeginn", d?.kursbeginn?.iso)
        upsert.bind(":kursort", d?.kursort)
        upsert.bind(":ue_woche", d?.ueProWoche)
        upsert.bind(":tage", d.map { $0.unterrichtstage.sorted().map(String.init).joined(separator: ",") })
        upsert.bind(":hoechst_tn", d?.hoechstTeilnehmer)
        upsert.bind(":lehrwerk", d?.lehrwerk)
        upsert.bind(":plan_status", auftrag.kursplanung.state.rawValue)
        upsert.bind(":plan_aktualisierungen", auftrag.kursplanung.aktualisierungen)
        upsert.bind(":plan_gesendet", auftrag.kursplanung.gesendetAm?.iso)
        upsert.bind(":kursnummer", auftrag.kbm.kursnummer)
        upsert.bind(":kbm_gemeldet", auftrag.kbm.gemeldetAm?.iso)
        try run(upsert)
    }

    /// A booking. A new one comes last in its Auftrag; a changed one keeps its place (and the number goes unused).
    private func writeTeilnahme(auftrag nummer: String, tn: String, _ t: Teilnahme?) throws(StoreError) {
        guard let t else {
            let delete = try statement("DELETE FROM teilnahme WHERE auftrag = :auftrag AND tn = :tn")
            delete.bind(":auftrag", nummer)
            delete.bind(":tn", tn)
            return try run(delete)
        }
        let upsert = try statement("""
            INSERT INTO teilnahme(auftrag, tn, pos, status, kostentraeger, eintrittsabschnitt, anmelden, war_aktiv)
            VALUES(:auftrag, :tn, :pos, :status, :kostentraeger, :eintrittsabschnitt, :anmelden, :war_aktiv)
            ON CONFLICT(auftrag, tn) DO UPDATE SET status = excluded.status, kostentraeger = excluded.kostentraeger,
                eintrittsabschnitt = excluded.eintrittsabschnitt, anmelden = excluded.anmelden, war_aktiv = excluded.war_aktiv
            """)
        upsert.bind(":auftrag", nummer)
        upsert.bind(":tn", tn)
        upsert.bind(":pos", nextBookingPosition)
        upsert.bind(":status", t.status.rawValue)
        upsert.bind(":kostentraeger", t.kostentraeger.rawValue)
        upsert.bind(":eintrittsabschnitt", t.eintrittsabschnitt?.number)
        upsert.bind(":anmelden", t.anmelden)
        upsert.bind(":war_aktiv", t.wasActive)
        nextBookingPosition += 1
        try run(upsert)
    }

    private func isStored(auftrag nummer: String) throws(StoreError) -> Bool {
        let lookup = try statement("SELECT 1 FROM auftrag WHERE nummer = ?1")
        do { return try lookup.firstInteger(for: nummer) != nil } catch { throw Self.writeFailure(error) }
    }

    // MARK: BAMF

    /// Anmeldungen are only ever added.
    private func insertAnmeldung(_ a: Anmeldung) throws(StoreError) {
        let insert = try statement("""
            INSERT INTO anmeldung(nummer, datum, auftrag, typ, anfrage, antwort, ergebnis, meldungen)
            VALUES(:nummer, :datum, :auftrag, :typ, :anfrage, :antwort, :ergebnis, :meldungen)
            """)
        insert.bind(":nummer", a.nummer)
        insert.bind(":datum", a.datum.iso)
        insert.bind(":auftrag", a.auftrag)
        insert.bind(":typ", a.typ.rawValue)
        insert.bind(":anfrage", a.anfrage)
        insert.bind(":antwort", a.antwort)
        insert.bind(":ergebnis", a.ergebnis.rawValue)
        insert.bind(":meldungen", a.meldungen.joined(separator: "\n"))
        try run(insert)
    }

    /// The simulator's registers, written anew as a whole.
    private func writeBamfRegister(_ b: BamfSide) throws(StoreError) {
        try run(statement("DELETE FROM bamf_register"))
        for (art, values) in [("traeger", b.traeger), ("kursort", b.kursorte), ("lehrkraft", b.lehrkraefte)] {
            for value in values.sorted() {
                let insert = try statement("INSERT INTO bamf_register(art, kennung) VALUES(:art, :kennung)")
                insert.bind(":art", art)
                insert.bind(":kennung", value)
                try run(insert)
            }
        }
    }

    /// One row of a table of the simulator that maps a key to a value; without a value, no row.
    private func writeBamfValue(_ table: String, key: (column: String, value: String),
                                value: (column: String, value: String?)) throws(StoreError) {
        guard let stored = value.value else {
            let delete = try statement(built: "DELETE FROM \(table) WHERE \(key.column) = :key")
            delete.bind(":key", key.value)
            return try run(delete)
        }
        let upsert = try statement(built: "INSERT INTO \(table)(\(key.column), \(value.column)) VALUES(:key, :value) "
            + "ON CONFLICT(\(key.column)) DO UPDATE SET \(value.column) = excluded.\(value.column)")
        upsert.bind(":key", key.value)
        upsert.bind(":value", stored)
        try run(upsert)
    }

    private func writeBamfPlan(_ key: String, _ plan: BamfSide.Plan?) throws(StoreError) {
        guard let plan else { return try delete("DELETE FROM bamf_plan WHERE schluessel = :key", key: key) }
        let upsert = try statement("""
            INSERT INTO bamf_plan(schluessel, aktenzeichen, storniert) VALUES(:key, :aktenzeichen, :storniert)
            ON CONFLICT(schluessel) DO UPDATE SET aktenzeichen = excluded.aktenzeichen, storniert = excluded.storniert
            """)
        upsert.bind(":key", key)
        upsert.bind(":aktenzeichen", plan.aktenzeichen.joined(separator: "\n"))
        upsert.bind(":storniert", plan.storniert)
        try run(upsert)
    }

    /// A row removed by its text key, which the statement names `:key`.
    private func delete(_ sql: StaticString, key: String) throws(StoreError) {
        let delete = try statement(sql)
        delete.bind(":key", key)
        try run(delete)
    }
}
