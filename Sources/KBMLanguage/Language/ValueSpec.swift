// One value a command takes, positional or `key=value`: its name, how it is shown and checked, and what it says about a person.

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

/// What a value tells about a person, so `verlauf --export --anonym` knows what to replace and how.
public enum PersonalData: Sendable {
    /// The shell's own words, ids of the Träger, Kursorte and Aufträge, dates and numbers: kept as typed.
    case notPersonal
    case name, geboren, aktenzeichen, kennung, strasse, plz, ort
    /// Aktenzeichen separated by commas.
    case aktenzeichenListe
    /// A Tn-Nr, an Aktenzeichen or `Nachname,Vorname`.
    case teilnehmer
    /// A message to or from the BAMF, which names people.
    case document
    /// The BAMF's messages, one a line.
    case messages
    /// Text anyone may have typed anything into (a title, a file name).
    case freeText

    /// What a value of this kind is unless its spec says more: a Tn or a Lehrkraft it refers to is personal,
    /// free text may be, everything the Parser checks against a form is not.
    static func assumed(for kind: ValueKind) -> PersonalData {
        switch kind {
        case .reference(.teilnehmer): .teilnehmer
        case .reference(.lehrkraft): .kennung
        case .text, .rest, .file: .freeText
        case .identifier, .date, .integer, .choice, .yesNo, .reference(.auftrag), .reference(.kursort): .notPersonal
        }
    }
}

/// A class, not a struct: the spec's lists and every typed key refer to the same one, and a parsed value is
/// found by its identity.
public final class ValueSpec: Sendable {
    public let name: String
    public let placeholder: String
    public let kind: ValueKind
    /// A required argument must stand on the line; a required option must be given.
    public let required: Bool
    public let personal: PersonalData

    init(_ name: String, _ placeholder: String, _ kind: ValueKind, required: Bool, personal: PersonalData?) {
        self.name = name
        self.placeholder = placeholder
        self.kind = kind
        self.required = required
        self.personal = personal ?? PersonalData.assumed(for: kind)
    }
}
