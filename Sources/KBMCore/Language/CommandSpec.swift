// The description of one command: its words, arguments and options, and its help text.

public enum CommandName: String, Sendable, CaseIterable {
    // shell
    case help, exit, run, save, setFormat, setBail, setEcho, setToday, echo, pause, record, recordStop, verlauf, verlaufExport,
         report, sql, output, once, setTimer, complete
    // domain
    case mandant, addKursort, newAuftrag, openAuftrag, editAuftrag, removeAuftrag
    case listAuftraege, listKursorte, show, showAuftrag
    case kursdaten, unterbrechung, addLehrkraft, editLehrkraft, removeLehrkraft, assign, unassign
    case addTeilnehmer, editTeilnehmer, removeTeilnehmer, book, unbook, status, anmelden
    case admit, plan, planStorno, check, melden, anmeldungen, listLehrkraefte, listTeilnehmer
    case bamf, bamfTestdaten, bamfRegisterTraeger, bamfRegisterKursort, bamfRegisterLehrkraft, bamfRegisterTeilnehmer
    case bamfHoechstzahl, bamfStoerung, bamfOffline, bamfVerzoegerung
    case expectOk, expectFehler, expectWarnung, expectAusgabe, expectAnzahl, expectKursnummer, expectKeineKursnummer
    // dump and the restore commands a dump is made of
    case dump, dumpAnonym, restoreZulassung, restoreKursplanung, restoreGeplant, restoreKbm, restoreAnmeldung, setTnNummer, closeAuftrag
    case bamfRestoreZulassung, bamfRestorePlan, bamfRestoreKursnummer, bamfRestoreZaehler
}

/// What kind of value a word holds: decides validation and completion.
public enum ValueKind: Equatable, Sendable {
    case text
    /// An identifier the user chooses (Nummer, Kennung): 1–20 letters, digits, `-` and `/`.
    case identifier
    case date
    case integer(ClosedRange<Int>)
    case choice([String])
    case yesNo
    case file
    case reference(Reference)
    /// Everything up to the end of the line (for `help COMMAND`).
    case rest

    public enum Reference: Sendable {
        case auftrag, kursort, lehrkraft, teilnehmer
    }
}

public struct ArgumentSpec: Sendable {
    public var name: String
    public var placeholder: String
    public var kind: ValueKind
    public var optional: Bool

    public init(_ name: String, _ placeholder: String, _ kind: ValueKind, optional: Bool = false) {
        self.name = name
        self.placeholder = placeholder
        self.kind = kind
        self.optional = optional
    }
}

public struct OptionSpec: Sendable {
    public var key: String
    public var placeholder: String
    public var kind: ValueKind
    public var required: Bool

    public init(_ key: String, _ placeholder: String, _ kind: ValueKind, required: Bool = false) {
        self.key = key
        self.placeholder = placeholder
        self.kind = kind
        self.required = required
    }
}

/// A class, not a struct: every parsed command refers to its spec, and that should cost a reference, not a copy.
public final class CommandSpec: Sendable {
    public let name: CommandName
    public let words: [String]
    public let arguments: [ArgumentSpec]
    public let options: [OptionSpec]
    public let summary: String
    public let example: String
    /// Whether the command can change the session (and so opens a write transaction).
    public let mutates: Bool

    public init(_ name: CommandName, _ words: String, arguments: [ArgumentSpec] = [], options: [OptionSpec] = [],
                mutates: Bool = false, summary: String, example: String) {
        self.name = name
        self.words = CommandSpec.split(words)
        self.arguments = arguments
        self.options = options
        self.summary = summary
        self.example = example
        self.mutates = mutates
    }

    public var phrase: String { words.joined(separator: " ") }

    /// Splits at blanks by bytes: every start builds the whole table, and String.split would walk each
    /// phrase by Character, paging in grapheme-breaking code and tables for words that are plain ASCII.
    private static func split(_ phrase: String) -> [String] {
        let bytes = phrase.utf8
        var words: [String] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == UInt8(ascii: " ") {
            if start < index { words.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
            start = bytes.index(after: index)
        }
        if start < bytes.endIndex { words.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return words
    }

    /// The usage line printed by `help` and in error messages.
    public var usage: String {
        var parts = [phrase]
        for a in arguments {
            let shown: String
            if case .choice(let values) = a.kind { shown = values.joined(separator: "|") } else { shown = a.placeholder }
            parts.append(a.optional ? "[\(shown)]" : shown)
        }
        for o in options {
            let value: String
            switch o.kind {
            case .choice(let values): value = values.joined(separator: "|")
            case .yesNo: value = "ja|nein"
            default: value = o.placeholder
            }
            parts.append(o.required ? "\(o.key)=\(value)" : "[\(o.key)=\(value)]")
        }
        return parts.joined(separator: " ")
    }
}
