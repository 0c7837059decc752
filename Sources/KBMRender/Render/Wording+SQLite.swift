// SQLite's English error messages in German, for what reaches a user from `sql` and from opening a session.

import KBMDomain
import KBMLanguage
import KBMModel

extension Wording {
    /// SQLite's message said in German: the messages a query or a migration meets are translated with the name
    /// they carry; any other is named by SQLite's result code, without its English text.
    static func sqlite(_ message: String, code: Int32) -> String {
        for (english, german) in sqliteMessages {
            if let name = english.match(message) { return german(name) }
        }
        return "SQLite meldet " + (sqliteCodes[code & 0xFF] ?? "Fehler \(code)")
    }

    /// A message SQLite words as `prefix NAME suffix`; NAME is handed to the German text.
    private struct SQLiteMessage: Sendable {
        var prefix: String
        var suffix = ""
        /// Words the message must hold, where it words its start and end differently each time ("1st", "2nd" …).
        var inside = ""

        func match(_ message: String) -> String? {
            guard inside.isEmpty || message.contains(inside), message.hasPrefix(prefix), message.hasSuffix(suffix), message.count >= prefix.count + suffix.count else { return nil }
            return String(message.dropFirst(prefix.count).dropLast(suffix.count))
        }
    }

    private static let sqliteMessages: [(SQLiteMessage, @Sendable (String) -> String)] = [
        (SQLiteMessage(prefix: "no such table: "), { "Tabelle oder Sicht „\($0)“ gibt es nicht" }),
        (SQLiteMessage(prefix: "no such column: "), { "Spalte „\($0)“ gibt es nicht" }),
        (SQLiteMessage(prefix: "no such function: "), { "Funktion „\($0)“ gibt es nicht" }),
        (SQLiteMessage(prefix: "no such collation sequence: "), { "Sortierfolge „\($0)“ gibt es nicht" }),
        (SQLiteMessage(prefix: "ambiguous column name: "), { "Spaltenname „\($0)“ ist mehrdeutig; mit dem Tabellennamen davor (TABELLE.\($0)) ist er eindeutig" }),
        (SQLiteMessage(prefix: "near ", suffix: ": syntax error"), { "Syntaxfehler bei \(quotedSQL($0))" }),
        (SQLiteMessage(prefix: "unrecognized token: "), { "unbekanntes Zeichen \(quotedSQL($0))" }),
        (SQLiteMessage(prefix: "incomplete input"), { _ in "die Abfrage ist unvollständig" }),
        (SQLiteMessage(prefix: "cannot modify ", suffix: " because it is a view"), { "„\($0)“ ist eine Sicht und lässt sich nicht ändern" }),
        (SQLiteMessage(prefix: "not authorized"), { _ in "nicht erlaubt" }),
        (SQLiteMessage(prefix: "wrong number of arguments to function "), { "falsche Anzahl von Argumenten für die Funktion \($0)" }),
        (SQLiteMessage(prefix: "misuse of aggregate function "), { "die Aggregatfunktion \($0) steht an einer Stelle, an der sie nicht erlaubt ist" }),
        (SQLiteMessage(prefix: "misuse of aggregate: "), { "die Aggregatfunktion \($0) steht an einer Stelle, an der sie nicht erlaubt ist" }),
        (SQLiteMessage(prefix: "misuse of window function "), { "die Fensterfunktion \($0) steht an einer Stelle, an der sie nicht erlaubt ist" }),
        (SQLiteMessage(prefix: "SELECTs to the left and right of "),
         { "die SELECTs links und rechts von \($0.prefix { $0 != " " }) haben nicht gleich viele Spalten" }),
        (SQLiteMessage(prefix: "", inside: "ORDER BY term out of range"), { _ in "ORDER BY nennt eine Spaltennummer, die es nicht gibt" }),
        (SQLiteMessage(prefix: "", inside: "GROUP BY term out of range"), { _ in "GROUP BY nennt eine Spaltennummer, die es nicht gibt" }),
        (SQLiteMessage(prefix: "a GROUP BY clause is required before HAVING"), { _ in "HAVING braucht ein GROUP BY davor" }),
        (SQLiteMessage(prefix: "sub-select returns "), { "eine Unterabfrage liefert \($0.prefix { $0 != " " }) Spalten statt einer" }),
        (SQLiteMessage(prefix: "row value misused"), { _ in "ein Zeilenwert (a, b) steht an einer Stelle, an der er nicht erlaubt ist" }),
        (SQLiteMessage(prefix: "no tables specified"), { _ in "SELECT * braucht eine Tabelle (FROM …)" }),
        (SQLiteMessage(prefix: "too many terms in compound SELECT"), { _ in "zu viele mit UNION verbundene SELECTs" }),
        (SQLiteMessage(prefix: "Expression tree is too large"), { _ in "der Ausdruck ist zu tief verschachtelt" }),
        (SQLiteMessage(prefix: "parser stack overflow"), { _ in "die Abfrage ist zu tief verschachtelt" }),
        (SQLiteMessage(prefix: "circular reference: "), { "„\($0)“ verweist auf sich selbst" }),
        (SQLiteMessage(prefix: "table ", suffix: " already exists"), { "die Tabelle \($0) gibt es schon" }),
        (SQLiteMessage(prefix: "view ", suffix: " already exists"), { "die Sicht \($0) gibt es schon" }),
        (SQLiteMessage(prefix: "index ", suffix: " already exists"), { "den Index \($0) gibt es schon" }),
        (SQLiteMessage(prefix: "UNIQUE constraint failed: "), { "ein Wert in \($0) kommt doppelt vor" }),
        (SQLiteMessage(prefix: "NOT NULL constraint failed: "), { "\($0) ist leer" }),
        (SQLiteMessage(prefix: "duplicate column name: "), { "die Spalte \($0) gibt es schon" }),
    ]

    /// The names of SQLite's primary result codes, for a message not translated above.
    private static let sqliteCodes: [Int32: String] = [
        1: "einen Fehler in der Abfrage", 2: "einen internen Fehler", 3: "fehlende Berechtigung", 4: "einen Abbruch",
        5: "eine gesperrte Datenbank", 6: "eine gesperrte Tabelle", 7: "Speichermangel", 8: "eine schreibgeschützte Datenbank",
        9: "eine Unterbrechung", 10: "einen Ein-/Ausgabefehler", 11: "eine beschädigte Datenbank", 13: "eine volle Platte",
        14: "eine Datei, die sich nicht öffnen lässt", 18: "einen zu großen Wert", 19: "eine verletzte Bedingung",
        20: "einen unpassenden Datentyp", 21: "eine falsche Verwendung", 23: "eine verweigerte Berechtigung", 25: "einen Wert außerhalb des Bereichs",
        26: "eine Datei, die keine Datenbank ist",
    ]

    /// A token from the query as SQLite quotes it ("SELEC"), in German quotation marks.
    private static func quotedSQL(_ token: String) -> String {
        let bare = token.hasPrefix("\"") && token.hasSuffix("\"") && token.count >= 2 ? String(token.dropFirst().dropLast()) : token
        return "„" + bare + "“"
    }
}
