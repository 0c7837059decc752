// Every German sentence kbm says about what happened or went wrong, in one place.

public enum Wording {
    public static func text(_ notice: Notice) -> String {
        switch notice {
        case .mandantSaved: "Mandant gespeichert."
        case .kursortAdded(let k): "Kursort \(k) angelegt."
        case .auftragCreated(let nr, let typ): "Auftrag \(nr) (\(typ.name)) angelegt und geöffnet."
        case .auftragOpened(let nr): "Auftrag \(nr) geöffnet."
        case .auftragEdited(let nr): "Auftrag \(nr) geändert."
        case .auftragRemoved(let nr): "Auftrag \(nr) gelöscht."
        case .todaySet(let day): "Heute ist für diese Sitzung der \(day) (\(weekdayName(day.weekday)))."
        case .nothingToList(let what): "Keine \(what) vorhanden."
        case .sessionSaved(let path): "Sitzung nach \(path) gespeichert."
        }
    }

    public static func weekdayName(_ weekday: Int) -> String {
        ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"][weekday - 1]
    }

    public static func message(_ error: any Error) -> String {
        switch error {
        case let e as LanguageError: message(e)
        case let e as DomainError: message(e)
        case let e as StoreError: message(e)
        case let e as ShellError: message(e)
        default: "Interner Fehler: \(error)"
        }
    }

    static func quoted(_ s: String) -> String { "„\(s)“" }

    static func list(_ items: [String]) -> String { items.joined(separator: ", ") }

    public static func message(_ error: LanguageError) -> String {
        switch error {
        case .unterminatedQuote(let column):
            "Anführungszeichen in Spalte \(column) wird nicht geschlossen."
        case .controlCharacter(let column):
            "Unzulässiges Steuerzeichen in Spalte \(column)."
        case .unknownCommand(let word, let suggestion):
            "Unbekannter Befehl \(quoted(word))." + (suggestion.map { " Meinten Sie \(quoted($0))?" } ?? " Eine Übersicht gibt „help“.")
        case .unknownSubcommand(let word, let command, let expected, let suggestion):
            "\(quoted(command)) kennt \(quoted(word)) nicht" + (suggestion.map { " – meinten Sie \(quoted("\(command) \($0)"))?" } ?? ".")
                + " Möglich: \(list(expected.map { "\(command) \($0)" }))."
        case .incompleteCommand(let command, let expected):
            "\(quoted(command)) braucht ein weiteres Wort: \(list(expected.map { "\(command) \($0)" }))."
        case .unexpectedArgument(let word, let usage):
            "Überzähliges Wort \(quoted(word)). Aufruf: \(usage)"
        case .missingArgument(let placeholder, let usage):
            "\(placeholder) fehlt. Aufruf: \(usage)"
        case .unknownKey(let key, let command, let suggestion, let usage):
            "\(quoted(command)) kennt den Schlüssel \(quoted(key)) nicht" + (suggestion.map { " – meinten Sie \(quoted($0 + "="))?" } ?? ".")
                + " Aufruf: \(usage)"
        case .duplicateKey(let key):
            "Der Schlüssel \(quoted(key)) ist doppelt angegeben."
        case .missingKey(let key, let usage):
            "Pflichtangabe \(quoted(key + "=")) fehlt. Aufruf: \(usage)"
        case .emptyValue(let key):
            "\(quoted(key + "=")) braucht einen Wert."
        case .invalidDate(let word):
            "\(quoted(word)) ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT)."
        case .invalidNumber(let word, let range):
            "\(quoted(word)) ist keine ganze Zahl von \(range.lowerBound) bis \(range.upperBound)."
        case .invalidChoice(let word, let allowed):
            "\(quoted(word)) ist nicht zulässig. Möglich: \(list(allowed))."
        case .invalidIdentifier(let word):
            "\(quoted(word)) ist keine gültige Kennung (1–20 Buchstaben A–Z, Ziffern, „-“ und „/“)."
        case .invalidYesNo(let word):
            "\(quoted(word)) ist weder „ja“ noch „nein“."
        }
    }

    public static func message(_ error: DomainError) -> String {
        switch error {
        case .noOpenAuftrag: "Kein Auftrag geöffnet. Erst „open auftrag NR“ oder „new auftrag NR typ=…“."
        case .unknownAuftrag(let nr): "Auftrag \(quoted(nr)) gibt es nicht. „list auftraege“ zeigt alle."
        case .auftragExists(let nr): "Auftrag \(quoted(nr)) gibt es schon."
        case .unknownKursort(let k): "Kursort \(quoted(k)) ist keine Kursortkennung des Mandanten. „list kursorte“ zeigt alle."
        case .kursortExists(let k): "Kursort \(quoted(k)) gibt es schon."
        case .auftragHasMessages(let nr): "Auftrag \(quoted(nr)) kann nicht gelöscht werden: es wurde bereits an das BAMF gemeldet."
        case .emptyText(let key): "\(quoted(key + "=")) darf nicht leer sein."
        }
    }

    public static func message(_ error: StoreError) -> String {
        switch error {
        case .locked(let path, let pid):
            "Sitzung wird bereits verwendet" + (pid.map { " (PID \($0))" } ?? "") + ": \(path)"
        case .cannotOpen(let path, let reason):
            "Sitzungsdatei \(path) kann nicht geöffnet werden: \(reason)"
        case .notASession(let path):
            "\(path) ist keine kbm-Sitzung; die Datei bleibt unverändert."
        case .corrupt(let path, let detail):
            "Sitzungsdatei \(path) ist beschädigt (\(detail)); die Datei bleibt unverändert."
        case .newerVersion(let path, let found, let supported):
            "Sitzungsdatei \(path) stammt von einer neueren kbm-Version (Schema \(found), unterstützt bis \(supported)); die Datei bleibt unverändert."
        case .writeFailed(let detail):
            "Schreiben der Sitzung fehlgeschlagen (\(detail)); die Änderung ist nicht gespeichert."
        case .targetExists(let path):
            "\(path) gibt es schon; „save“ überschreibt keine Datei."
        }
    }

    public static func message(_ error: ShellError) -> String {
        switch error {
        case .unreadableScript(let path, let reason): "Skript \(path) ist nicht lesbar: \(reason)"
        case .includeCycle(let chain): "Zyklische Einbindung: \(chain.joined(separator: " → "))"
        case .includeTooDeep(let limit): "Mehr als \(limit) Skripte ineinander eingebunden."
        case .invalidUTF8: "Die Zeile ist kein gültiges UTF-8."
        case .nulByte: "Die Zeile enthält ein NUL-Byte."
        case .lineTooLong(let limit): "Die Zeile ist länger als \(limit) Zeichen."
        case .notSaved(let detail): "Nicht gespeichert: \(detail)"
        case .noSessionFile: "Diese Sitzung hat keine Datei (--fresh)."
        }
    }
}
