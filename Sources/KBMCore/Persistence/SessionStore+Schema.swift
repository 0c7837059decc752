// The session file's tables, its German reporting views, and its version.

extension SessionStore {
    static let schema = """
    CREATE TABLE einstellung (schluessel TEXT PRIMARY KEY, wert TEXT NOT NULL);
    CREATE TABLE kursort (id INTEGER PRIMARY KEY, kennung TEXT NOT NULL UNIQUE, name TEXT);
    CREATE TABLE auftrag (id INTEGER PRIMARY KEY, nummer TEXT NOT NULL UNIQUE, typ TEXT NOT NULL, titel TEXT);
    CREATE TABLE referenznummer (auftrag TEXT NOT NULL, name TEXT NOT NULL, wert TEXT NOT NULL,
                                 PRIMARY KEY (auftrag, name));
    CREATE TABLE befehl (id INTEGER PRIMARY KEY, zeit TEXT NOT NULL, quelle TEXT NOT NULL,
                         zeile TEXT NOT NULL, ergebnis TEXT NOT NULL);

    CREATE VIEW mandant AS SELECT
        (SELECT wert FROM einstellung WHERE schluessel = 'traegernummer') AS traegernummer,
        (SELECT wert FROM einstellung WHERE schluessel = 'testnummer') AS testnummer,
        (SELECT wert FROM einstellung WHERE schluessel = 'testumgebung') AS testumgebung,
        (SELECT wert FROM einstellung WHERE schluessel = 'nur-validieren') AS nur_validieren,
        (SELECT wert FROM einstellung WHERE schluessel = 'today') AS heute;
    CREATE VIEW kursorte AS SELECT kennung, name FROM kursort ORDER BY id;
    CREATE VIEW auftraege AS SELECT a.nummer, a.typ, a.titel,
        (SELECT wert FROM referenznummer r WHERE r.auftrag = a.nummer AND r.name = 'BAMF-Kursnummer') AS kursnummer
        FROM auftrag a ORDER BY a.id;
    CREATE VIEW befehle AS SELECT id AS nr, zeit, quelle, zeile, ergebnis FROM befehl ORDER BY id;
    """

    func createSchema() throws(StoreError) {
        try run("PRAGMA journal_mode=WAL")
        try run("PRAGMA synchronous=NORMAL")
        try run("BEGIN IMMEDIATE")
        do {
            try db.execute(Self.schema)
            try db.execute("PRAGMA application_id=\(Self.applicationID); PRAGMA user_version=\(Self.schemaVersion)")
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw .writeFailed(detail: error.message)
        }
    }
}
