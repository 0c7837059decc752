// The Kursarten of the BAMF integration course and their fixed sizes.

/// The kind of integration course; the raw value is the key users type.
///
/// The sizes are those of the BAMF's current rules; `defaultHoechstTeilnehmer`
/// is only the simulator's default because the BAMF changes that limit.
public enum Kursart: String, CaseIterable, Sendable {
    case allgemein
    case alpha
    case zweitschrift
    case foerder
    case jugend
    case eltern
    case frauen
    case intensiv

    /// The key as users type it, ASCII only.
    public var key: String { rawValue }

    public var name: String {
        switch self {
        case .allgemein: "Allgemeiner Integrationskurs"
        case .alpha: "Alphabetisierungskurs"
        case .zweitschrift: "Zweitschriftlernerkurs"
        case .foerder: "Förderkurs"
        case .jugend: "Jugendintegrationskurs"
        case .eltern: "Elternintegrationskurs"
        case .frauen: "Frauenintegrationskurs"
        case .intensiv: "Intensivkurs"
        }
    }

    public var sprachkursUE: Int {
        switch self {
        case .allgemein: 600
        case .intensiv: 400
        case .alpha, .zweitschrift, .foerder, .jugend, .eltern, .frauen: 900
        }
    }

    public var orientierungUE: Int { 100 }

    public var gesamtUE: Int { sprachkursUE + orientierungUE }

    /// Every Abschnitt is 100 UE, so the count follows from the UE.
    public var abschnittCount: Int { gesamtUE / Kursart.ueProAbschnitt }

    public var defaultHoechstTeilnehmer: Int {
        switch self {
        case .allgemein: 25
        case .alpha, .zweitschrift: 16
        case .foerder, .jugend, .eltern, .frauen, .intensiv: 20
        }
    }

    public static let ueProAbschnitt = 100

    /// Accepts the key in any case, with umlauts and ß typed either way
    /// ("Förder", "foerder"), surrounded by blanks or not.
    public init?(key: String) {
        var normalized = ""
        for character in key.lowercased() where !character.isWhitespace {
            switch character {
            case "ä": normalized += "ae"
            case "ö": normalized += "oe"
            case "ü": normalized += "ue"
            case "ß": normalized += "ss"
            default: normalized.append(character)
            }
        }
        self.init(rawValue: normalized)
    }
}
