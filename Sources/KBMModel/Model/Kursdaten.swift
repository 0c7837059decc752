// The Integrationskursdaten of an Auftrag: what the Kursplanung and the KBM carry about the course.

public struct Kursdaten: Equatable, Sendable {
    public var kursart: Kursart?
    public var beginnabschnitt: Abschnitt?
    public var kursbeginn: Day?
    public var kursort: String?
    public var ueProWoche: Int = Abschnittsplan.defaultUEProWoche
    public var unterrichtstage: Set<Int> = Abschnittsplan.defaultUnterrichtstage
    /// Höchstteilnehmerzahl; nil means the default of the Kursart.
    public var hoechstTeilnehmer: Int?
    public var lehrwerk: String?

    public init() {}

    /// The mandatory fields still missing (R5), by their German names.
    public var missingFields: [String] {
        var missing: [String] = []
        if kursart == nil { missing.append("Kursart") }
        if beginnabschnitt == nil { missing.append("Beginnabschnitt") }
        if kursbeginn == nil { missing.append("Kursbeginn") }
        if kursort == nil { missing.append("Kursort") }
        return missing
    }

    public static let weekdayKeys = ["mo", "di", "mi", "do", "fr", "sa", "so"]
}
