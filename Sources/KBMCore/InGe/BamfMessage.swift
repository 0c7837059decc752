// The simulated BAMF's numbered messages: one stable number per rule, worded as the BAMF would.

public enum BamfMessage: Equatable, Sendable {
    case traegerUnbekannt(String)
    case kursortUnbekannt(String)
    case lehrkraftUnbekannt(String)
    case teilnehmerUnbekannt(GesendeterTeilnehmer)
    case geburtsdatumPasstNicht(GesendeterTeilnehmer)
    case erstanmeldungDoppelt(GesendeterTeilnehmer)
    case kursplanungFehlt
    case kursplanungStorniert
    case keineLehrkraft
    case teilnehmerNichtZugelassen(GesendeterTeilnehmer)
    case teilnehmerDatenFehlen(GesendeterTeilnehmer)
    case keinTeilnehmerGeplant
    case hoechstzahlUeberschritten(anzahl: Int, hoechstens: Int)
    case kursNichtBegonnen(Day)
    case bereitsGemeldet(String)
    case keineKursplanungZumStornieren
    case kursBereitsGemeldetKeinStorno
    case keinTeilnehmer
    case nurValidiert
    /// Transport failure (`bamf offline on`): the message never reached the BAMF.
    case zeitueberschreitung
    /// Injected by `bamf stoerung` for a message type.
    case gestoert(nummer: Int)

    public var nummer: Int {
        switch self {
        case .traegerUnbekannt: 1001
        case .kursortUnbekannt: 1002
        case .lehrkraftUnbekannt: 1010
        case .teilnehmerUnbekannt: 1020
        case .geburtsdatumPasstNicht: 1021
        case .erstanmeldungDoppelt: 1030
        case .kursplanungFehlt: 1040
        case .kursplanungStorniert: 1041
        case .keineLehrkraft: 1042
        case .teilnehmerNichtZugelassen: 1043
        case .teilnehmerDatenFehlen: 1044
        case .keinTeilnehmerGeplant: 1045
        case .hoechstzahlUeberschritten: 1046
        case .kursNichtBegonnen: 1047
        case .bereitsGemeldet: 1048
        case .keinTeilnehmer: 1049
        case .keineKursplanungZumStornieren: 1050
        case .kursBereitsGemeldetKeinStorno: 1051
        case .nurValidiert: 2000
        case .zeitueberschreitung: 9001
        case .gestoert(let n): n
        }
    }

    /// The local R-number of domain.md that the message enforces, if any.
    public var regel: Int? {
        switch self {
        case .traegerUnbekannt, .kursortUnbekannt: 4
        case .lehrkraftUnbekannt, .teilnehmerUnbekannt, .geburtsdatumPasstNicht: 15
        case .kursplanungFehlt: 6
        case .kursplanungStorniert: 7
        case .keineLehrkraft: 8
        case .teilnehmerNichtZugelassen, .teilnehmerDatenFehlen: 9
        case .keinTeilnehmerGeplant: 11
        case .hoechstzahlUeberschritten: 12
        case .kursNichtBegonnen: 13
        case .bereitsGemeldet: 2
        case .keinTeilnehmer: 10
        case .erstanmeldungDoppelt, .keineKursplanungZumStornieren, .kursBereitsGemeldetKeinStorno, .nurValidiert, .gestoert, .zeitueberschreitung: nil
        }
    }

    public var text: String {
        switch self {
        case .traegerUnbekannt(let nr): "Trägernummer \(nr) ist nicht registriert."
        case .kursortUnbekannt(let k): "Kursort \(k) ist für diesen Träger nicht registriert."
        case .lehrkraftUnbekannt(let k): "Lehrkraft \(k) ist nicht als Lehrkraft zugelassen."
        case .teilnehmerUnbekannt(let t): "Teilnehmer \(Self.name(t)) ist nicht bekannt."
        case .geburtsdatumPasstNicht(let t): "Geburtsdatum von Teilnehmer \(Self.name(t)) stimmt nicht mit dem Aktenzeichen überein."
        case .erstanmeldungDoppelt(let t): "Teilnehmer \(Self.name(t)) ist bei diesem Träger bereits im Erstverfahren angemeldet."
        case .kursplanungFehlt: "Für diesen Kurs liegt keine Kursplanung vor."
        case .kursplanungStorniert: "Die Kursplanung dieses Kurses ist storniert."
        case .keineLehrkraft: "Es ist keine Lehrkraft gemeldet."
        case .teilnehmerNichtZugelassen(let t): "Teilnehmer \(Self.name(t)) ist nicht zum Integrationskurs zugelassen."
        case .teilnehmerDatenFehlen(let t): "Für Teilnehmer \(Self.name(t)) fehlen Aktenzeichen oder Geburtsdatum."
        case .keinTeilnehmerGeplant: "Keiner der gemeldeten Teilnehmer ist in der letzten Kursplanung enthalten."
        case .hoechstzahlUeberschritten(let anzahl, let max): "\(anzahl) Teilnehmer überschreiten die Höchstteilnehmerzahl von \(max)."
        case .kursNichtBegonnen(let beginn): "Der Kurs beginnt erst am \(beginn)."
        case .bereitsGemeldet(let nr): "Für diesen Kurs wurde der Kursbeginn bereits gemeldet (Kursnummer \(nr))."
        case .keinTeilnehmer: "Die Meldung enthält keinen Teilnehmer."
        case .keineKursplanungZumStornieren: "Für diesen Kurs liegt keine Kursplanung vor, die storniert werden könnte."
        case .kursBereitsGemeldetKeinStorno: "Der Kursbeginn ist bereits gemeldet; die Kursplanung kann nicht mehr storniert werden."
        case .nurValidiert: "Die Nachricht ist gültig, wurde aber nur validiert und nicht übermittelt."
        case .zeitueberschreitung: "Zeitüberschreitung: InGe-Online hat nicht geantwortet; die Nachricht wurde nicht zugestellt."
        case .gestoert(let n): "Die Nachricht wurde mit Fehler \(n) abgelehnt (Störung, eingestellt mit „bamf stoerung“)."
        }
    }

    /// "BAMF-Fehler 1042: …", as printed and logged.
    public var line: String {
        switch self {
        case .nurValidiert: "BAMF-Hinweis \(nummer): \(text)"
        case .zeitueberschreitung: "Übertragungsfehler \(nummer): \(text)"
        default: "BAMF-Fehler \(nummer): \(text)"
        }
    }

    static func name(_ t: GesendeterTeilnehmer) -> String {
        t.nummer + (t.az.map { " (Aktenzeichen \($0))" } ?? "")
    }
}
