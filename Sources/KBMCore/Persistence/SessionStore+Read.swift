// Reading every row of a session file into the in-memory Session.

extension SessionStore {
    func load() throws(StoreError) -> Session {
        do {
            let version = try db.scalar("PRAGMA user_version")
            if version > Self.schemaVersion {
                throw StoreError.newerVersion(path: path, found: version, supported: Self.schemaVersion)
            }
            var session = Session()
            let settings = try db.prepare("SELECT schluessel, wert FROM einstellung")
            while try settings.step() {
                let value = settings.text(1) ?? ""
                switch settings.text(0) ?? "" {
                case "traegernummer": session.mandant.traegernummer = value
                case "testnummer": session.mandant.testnummer = value
                case "testumgebung": session.mandant.testumgebung = value == "ja"
                case "nur-validieren": session.mandant.nurValidieren = value == "ja"
                case "today": session.today = Day(parsing: value)
                case "open-auftrag": session.openAuftrag = value
                default: break
                }
            }
            let kursorte = try db.prepare("SELECT kennung, name FROM kursort ORDER BY id")
            while try kursorte.step() {
                let kennung = kursorte.text(0) ?? ""
                session.kursorte[kennung] = Kursort(kennung: kennung, name: kursorte.text(1))
            }
            let auftraege = try db.prepare("SELECT nummer, typ, titel FROM auftrag ORDER BY id")
            while try auftraege.step() {
                let nummer = auftraege.text(0) ?? ""
                guard let typ = Auftrag.Typ(rawValue: auftraege.text(1) ?? "") else {
                    throw StoreError.corrupt(path: path, detail: "unbekannter Auftragstyp bei \(nummer)")
                }
                session.auftraege[nummer] = Auftrag(nummer: nummer, typ: typ, titel: auftraege.text(2))
            }
            let referenzen = try db.prepare("SELECT auftrag, name, wert FROM referenznummer")
            while try referenzen.step() {
                session.auftraege[referenzen.text(0) ?? ""]?.referenznummern[referenzen.text(1) ?? ""] = referenzen.text(2)
            }
            if let open = session.openAuftrag, session.auftraege[open] == nil { session.openAuftrag = nil }
            return session
        } catch let error as StoreError {
            throw error
        } catch let error as SQLiteError {
            throw Self.classify(error, path: path)
        } catch {
            throw .corrupt(path: path, detail: "\(error)")
        }
    }
}
