// Writing exactly what a command touched, row by row.

extension SessionStore {
    public func write(_ touched: [Touched], from session: Session) throws(StoreError) {
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
            case .kursort(let kennung):
                if let kursort = session.kursorte[kennung] {
                    try cached("""
                        INSERT INTO kursort(kennung, name) VALUES(?1, ?2)
                        ON CONFLICT(kennung) DO UPDATE SET name = excluded.name
                        """).runChecked([.text(kursort.kennung), kursort.name.map(SQLValue.text)])
                } else {
                    try cached("DELETE FROM kursort WHERE kennung = ?1").runChecked([.text(kennung)])
                }
            case .auftrag(let nummer):
                try cached("DELETE FROM referenznummer WHERE auftrag = ?1").runChecked([.text(nummer)])
                if let auftrag = session.auftraege[nummer] {
                    try cached("""
                        INSERT INTO auftrag(nummer, typ, titel) VALUES(?1, ?2, ?3)
                        ON CONFLICT(nummer) DO UPDATE SET typ = excluded.typ, titel = excluded.titel
                        """).runChecked([.text(nummer), .text(auftrag.typ.rawValue), auftrag.titel.map(SQLValue.text)])
                    for (name, wert) in auftrag.referenznummern {
                        try cached("INSERT INTO referenznummer(auftrag, name, wert) VALUES(?1, ?2, ?3)")
                            .runChecked([.text(nummer), .text(name), .text(wert)])
                    }
                } else {
                    try cached("DELETE FROM auftrag WHERE nummer = ?1").runChecked([.text(nummer)])
                }
            }
        }
    }

    /// Every row of the session, for `save FILE`.
    func writeAll(_ session: Session) throws(StoreError) {
        var touched: [Touched] = [.mandant, .today, .openAuftrag]
        touched += session.kursorte.keys.map { .kursort($0) }
        touched += session.auftraege.keys.map { .auftrag($0) }
        try write(touched, from: session)
    }

    private func setting(_ key: String, _ value: String?) throws(StoreError) {
        if let value {
            try cached("INSERT INTO einstellung(schluessel, wert) VALUES(?1, ?2) ON CONFLICT(schluessel) DO UPDATE SET wert = excluded.wert")
                .runChecked([.text(key), .text(value)])
        } else {
            try cached("DELETE FROM einstellung WHERE schluessel = ?1").runChecked([.text(key)])
        }
    }
}
