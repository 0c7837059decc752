// Writing exactly what a command touched, row by row.

extension SessionStore {
    public func write(_ touched: [Touched], from session: Session) throws(StoreError) {
        var session = session
        try write(touched, of: &session)
    }

    /// The same, for a session held in a class (the shell's): passed by value it would be copied for the call,
    /// which retains each of its collections, once for every command; lent `inout`, it is not. Nothing is changed.
    public func write(_ touched: [Touched], of session: inout Session) throws(StoreError) {
        for item in touched {
            switch item {
            case .mandant:
                let m = session.mandant
                try setting("traegernummer", m.traegernummer)
                try setting("testnummer", m.testnummer)
                try setting("testumgebung", m.testumgebung ? "ja" : "nein")
                try setting("nur-validieren", m.nurValidieren ? "ja" : "nein")
            case .today:
                try setting("today", session.today?.iso)
            case .openAuftrag:
                try setting("open-auftrag", session.openAuftrag)
            case .naechsteTeilnehmerNummer:
                try setting("naechste-tn-nummer", String(session.naechsteTeilnehmerNummer))
            case .kursort(let kennung):
                if let kursort = session.kursorte[kennung] {
                    try exec("""
                        INSERT INTO kursort(kennung, name) VALUES(?1, ?2)
                        ON CONFLICT(kennung) DO UPDATE SET name = excluded.name
                        """, .text(kursort.kennung), kursort.name.map(SQLValue.text))
                } else {
                    try exec("DELETE FROM kursort WHERE kennung = ?1", .text(kennung))
                }
            case .auftrag(let nummer):
                try writeAuftrag(nummer, session.auftraege[nummer])
            case .teilnahme(let nummer, let tn):
                if let t = session.auftraege[nummer]?.teilnahmen[tn] {
                    // A new booking comes last in its Auftrag; a changed one keeps its place (and the number goes unused).
                    nextBookingPosition += 1
                    let upsert = try cached("""
                        INSERT INTO teilnahme(auftrag, tn, pos, status, kostentraeger, eintrittsabschnitt, anmelden, war_aktiv)
                        VALUES(?1, ?2, ?8, ?3, ?4, ?5, ?6, ?7)
                        ON CONFLICT(auftrag, tn) DO UPDATE SET status = excluded.status, kostentraeger = excluded.kostentraeger,
                            eintrittsabschnitt = excluded.eintrittsabschnitt, anmelden = excluded.anmelden, war_aktiv = excluded.war_aktiv
                        """ as StaticString)
                    upsert.reset()
                    upsert.bind(1, nummer)
                    upsert.bind(2, tn)
                    upsert.bind(3, t.status.rawValue)
                    upsert.bind(4, t.kostentraeger.rawValue)
                    upsert.bind(5, t.eintrittsabschnitt?.number)
                    upsert.bind(6, t.anmelden ? 1 : 0)
                    upsert.bind(7, t.warAktiv ? 1 : 0)
                    upsert.bind(8, nextBookingPosition - 1)
                    try upsert.runBoundChecked()
                } else {
                    try exec("DELETE FROM teilnahme WHERE auftrag = ?1 AND tn = ?2", .text(nummer), .text(tn))
                }
            case .lehrkraft(let kennung):
                if let lk = session.lehrkraefte[kennung] {
                    try exec("""
                        INSERT INTO lehrkraft(kennung, vorname, nachname, alpha) VALUES(?1, ?2, ?3, ?4)
                        ON CONFLICT(kennung) DO UPDATE SET vorname = excluded.vorname, nachname = excluded.nachname, alpha = excluded.alpha
                        """, .text(kennung), .text(lk.vorname), .text(lk.nachname), .int(lk.alpha ? 1 : 0))
                } else {
                    try exec("DELETE FROM lehrkraft WHERE kennung = ?1", .text(kennung))
                }
            case .teilnehmer(let nummer):
                guard let id = TnNr(stored: nummer)?.number else {
                    throw .writeFailed(detail: "Tn-Nr \(nummer) ist keine von kbm vergebene Nummer")
                }
                if let tn = session.teilnehmer[nummer] {
                    let z = tn.zulassung
                    let upsert = try cached("""
                        INSERT INTO person(id, nummer, vorname, nachname, geboren, az, strasse, plz, ort,
                            zulassung_verfahren, zulassung_kursart, zulassung_abschnitt, zulassung_datum)
                        VALUES(?13, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                        ON CONFLICT(id) DO UPDATE SET nummer = excluded.nummer, vorname = excluded.vorname, nachname = excluded.nachname,
                            geboren = excluded.geboren, az = excluded.az, strasse = excluded.strasse, plz = excluded.plz,
                            ort = excluded.ort, zulassung_verfahren = excluded.zulassung_verfahren,
                            zulassung_kursart = excluded.zulassung_kursart, zulassung_abschnitt = excluded.zulassung_abschnitt,
                            zulassung_datum = excluded.zulassung_datum
                        """ as StaticString)
                    upsert.reset()
                    upsert.bind(1, nummer)
                    upsert.bind(2, tn.vorname)
                    upsert.bind(3, tn.nachname)
                    upsert.bind(4, tn.geboren.iso)
                    upsert.bind(5, tn.az)
                    upsert.bind(6, tn.strasse)
                    upsert.bind(7, tn.plz)
                    upsert.bind(8, tn.ort)
                    upsert.bind(9, z?.verfahren.rawValue)
                    upsert.bind(10, z?.kursart?.key)
                    upsert.bind(11, z?.abschnitt?.number)
                    upsert.bind(12, z?.datum.iso)
                    upsert.bind(13, id)
                    try upsert.runBoundChecked()
                } else {
                    try exec("DELETE FROM person WHERE id = ?1", .int(id))
                }
            case .anmeldung(let nummer):
                let a = session.anmeldungen[nummer - 1]
                try exec("""
                    INSERT INTO anmeldung(nummer, datum, auftrag, typ, anfrage, antwort, ergebnis, meldungen)
                    VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                    """, .int(a.nummer), .text(a.datum.iso), a.auftrag.map(SQLValue.text), .text(a.typ.rawValue),
                     .text(a.anfrage), .text(a.antwort), .text(a.ergebnis.rawValue), .text(a.meldungen.joined(separator: "\n")))
            case .bamfSettings:
                let b = session.bamf
                try setting("bamf-modus", b.modus.rawValue)
                try setting("bamf-naechste-kursnummer", String(b.naechsteKursnummer))
                for kursart in Kursart.allCases {
                    try setting("bamf-hoechst-" + kursart.key, b.hoechstTeilnehmer[kursart].map(String.init))
                }
                for typ in Anmeldung.Typ.allCases {
                    try setting("bamf-stoerung-" + typ.rawValue.lowercased(), b.stoerungen[typ].map(String.init))
                }
                try setting("bamf-offline", b.offline ? "ja" : nil)
                try setting("bamf-verzoegerung", b.verzoegerungMs == 0 ? nil : String(b.verzoegerungMs))
            case .bamfRegister:
                try exec("DELETE FROM bamf_register")
                for (art, values) in [("traeger", session.bamf.traeger), ("kursort", session.bamf.kursorte),
                                      ("lehrkraft", session.bamf.lehrkraefte)] {
                    for value in values.sorted() {
                        try exec("INSERT INTO bamf_register(art, kennung) VALUES(?1, ?2)", .text(art), .text(value))
                    }
                }
            case .bamfTeilnehmer(let az):
                try upsert("bamf_teilnehmer", "az", "geboren", az, session.bamf.teilnehmer[az]?.iso)
            case .bamfZulassung(let key):
                try upsert("bamf_zulassung", "schluessel", "verfahren", key, session.bamf.zulassungen[key]?.rawValue)
            case .bamfKursnummer(let key):
                try upsert("bamf_kursnummer", "schluessel", "nummer", key, session.bamf.kursnummern[key])
            case .bamfPlan(let key):
                if let plan = session.bamf.plaene[key] {
                    try exec("""
                        INSERT INTO bamf_plan(schluessel, aktenzeichen, storniert) VALUES(?1, ?2, ?3)
                        ON CONFLICT(schluessel) DO UPDATE SET aktenzeichen = excluded.aktenzeichen, storniert = excluded.storniert
                        """, .text(key), .text(plan.aktenzeichen.joined(separator: "\n")), .int(plan.storniert ? 1 : 0))
                } else {
                    try exec("DELETE FROM bamf_plan WHERE schluessel = ?1", .text(key))
                }
            }
        }
    }

    private func writeAuftrag(_ nummer: String, _ auftrag: Auftrag?) throws(StoreError) {
        // A new Auftrag has no rows in the tables below it (removing one removes them first): one lookup
        // instead of five deletes, for scripts that create thousands.
        if try isStored(auftrag: nummer) {
            for table in ["referenznummer", "unterbrechung", "zustaendigkeit", "teilnahme", "plan_teilnehmer"] {
                try execBuilt("DELETE FROM \(table) WHERE auftrag = ?1", .text(nummer))
            }
        }
        guard let auftrag else {
            try exec("DELETE FROM auftrag WHERE nummer = ?1", .text(nummer))
            return
        }
        let d = auftrag.kursdaten
        let tage = d.map { $0.unterrichtstage.sorted().map(String.init).joined(separator: ",") }
        try exec("""
            INSERT INTO auftrag(nummer, typ, titel, hat_kursdaten, kursart, beginnabschnitt, kursbeginn, kursort, ue_woche, tage,
                hoechst_tn, lehrwerk, plan_status, plan_aktualisierungen, plan_gesendet, kursnummer, kbm_gemeldet)
            VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
            ON CONFLICT(nummer) DO UPDATE SET typ = excluded.typ, titel = excluded.titel, hat_kursdaten = excluded.hat_kursdaten,
                kursart = excluded.kursart, beginnabschnitt = excluded.beginnabschnitt, kursbeginn = excluded.kursbeginn,
                kursort = excluded.kursort, ue_woche = excluded.ue_woche, tage = excluded.tage, hoechst_tn = excluded.hoechst_tn,
                lehrwerk = excluded.lehrwerk, plan_status = excluded.plan_status,
                plan_aktualisierungen = excluded.plan_aktualisierungen, plan_gesendet = excluded.plan_gesendet,
                kursnummer = excluded.kursnummer, kbm_gemeldet = excluded.kbm_gemeldet
            """, .text(nummer), .text(auftrag.typ.rawValue), auftrag.titel.map(SQLValue.text), .int(d == nil ? 0 : 1),
             d?.kursart.map { .text($0.key) }, d?.beginnabschnitt.map { .int($0.number) }, d?.kursbeginn.map { .text($0.iso) },
             d?.kursort.map(SQLValue.text), d.map { .int($0.ueProWoche) }, tage.map(SQLValue.text),
             d?.hoechstTeilnehmer.map(SQLValue.int), d?.lehrwerk.map(SQLValue.text),
             .text(auftrag.kursplanung.state.rawValue), .int(auftrag.kursplanung.aktualisierungen),
             auftrag.kursplanung.gesendetAm.map { .text($0.iso) },
             auftrag.kbm.kursnummer.map(SQLValue.text), auftrag.kbm.gemeldetAm.map { .text($0.iso) })
        for (name, wert) in auftrag.referenznummern.sorted(by: { $0.key < $1.key }) {
            try exec("INSERT INTO referenznummer(auftrag, name, wert) VALUES(?1, ?2, ?3)", .text(nummer), .text(name), .text(wert))
        }
        for u in auftrag.unterbrechungen {
            try exec("INSERT INTO unterbrechung(auftrag, von, bis, grund) VALUES(?1, ?2, ?3, ?4)",
                     .text(nummer), .text(u.von.iso), .text(u.bis.iso), u.grund.map(SQLValue.text))
        }
        for z in auftrag.zustaendigkeiten {
            try exec("INSERT INTO zustaendigkeit(auftrag, kennung, art) VALUES(?1, ?2, ?3)", .text(nummer), .text(z.kennung), .text(z.art.rawValue))
        }
        for t in auftrag.teilnahmen.values {
            nextBookingPosition += 1
            try exec("""
                INSERT INTO teilnahme(auftrag, tn, pos, status, kostentraeger, eintrittsabschnitt, anmelden, war_aktiv)
                VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                """, .text(nummer), .text(t.teilnehmer), .int(nextBookingPosition - 1), .text(t.status.rawValue), .text(t.kostentraeger.rawValue),
                 t.eintrittsabschnitt.map { .int($0.number) }, .int(t.anmelden ? 1 : 0), .int(t.warAktiv ? 1 : 0))
        }
        for tn in auftrag.kursplanung.teilnehmer {
            try exec("INSERT INTO plan_teilnehmer(auftrag, tn, az, geboren) VALUES(?1, ?2, ?3, ?4)",
                     .text(nummer), .text(tn.nummer), tn.az.map(SQLValue.text), tn.geboren.map { .text($0.iso) })
        }
    }

    private func isStored(auftrag nummer: String) throws(StoreError) -> Bool {
        let lookup = try cached("SELECT 1 FROM auftrag WHERE nummer = ?1" as StaticString)
        do { return try lookup.firstInteger(for: nummer) != nil } catch { throw Self.writeFailure(error) }
    }

    /// Every row of the session, for `save FILE`.
    func writeAll(_ session: Session) throws(StoreError) {
        var touched: [Touched] = [.mandant, .today, .openAuftrag, .naechsteTeilnehmerNummer, .bamfSettings, .bamfRegister]
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

    /// A statement written in the source: prepared once, found again by the literal's address, not its text.
    private func exec(_ sql: StaticString, _ values: SQLValue?...) throws(StoreError) {
        try cached(sql).runChecked(values)
    }

    /// A statement put together at run time (table names): found again by its text.
    private func execBuilt(_ sql: String, _ values: SQLValue?...) throws(StoreError) {
        try cached(sql).runChecked(values)
    }

    private func upsert(_ table: String, _ keyColumn: String, _ valueColumn: String, _ key: String, _ value: String?) throws(StoreError) {
        if let value {
            try execBuilt("INSERT INTO \(table)(\(keyColumn), \(valueColumn)) VALUES(?1, ?2) ON CONFLICT(\(keyColumn)) DO UPDATE SET \(valueColumn) = excluded.\(valueColumn)",
                     .text(key), .text(value))
        } else {
            try execBuilt("DELETE FROM \(table) WHERE \(keyColumn) = ?1", .text(key))
        }
    }

    private func setting(_ key: String, _ value: String?) throws(StoreError) {
        if let value {
            try exec("INSERT INTO einstellung(schluessel, wert) VALUES(?1, ?2) ON CONFLICT(schluessel) DO UPDATE SET wert = excluded.wert",
                     .text(key), .text(value))
        } else {
            try exec("DELETE FROM einstellung WHERE schluessel = ?1", .text(key))
        }
    }
}
