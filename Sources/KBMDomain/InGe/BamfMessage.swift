// The simulated BAMF's numbered messages: one stable number per rule, worded as the BAMF would.

import KBMModel

public enum BamfMessage: Equatable, Sendable {
    case unknownTraeger(String)
    case unknownKursort(String)
    case unknownLehrkraft(String)
    case unknownTeilnehmer(GesendeterTeilnehmer)
    case geburtsdatumMismatch(GesendeterTeilnehmer)
    case duplicateErstanmeldung(GesendeterTeilnehmer)
    case kursplanungMissing
    case kursplanungCancelled
    case noLehrkraft
    case teilnehmerNotAdmitted(GesendeterTeilnehmer)
    case teilnehmerDatenMissing(GesendeterTeilnehmer)
    case noTeilnehmerPlanned
    case hoechstzahlExceeded(anzahl: Int, hoechstens: Int)
    case kursNotBegun(Day)
    case alreadyReported(String)
    case noKursplanungToCancel
    case kursAlreadyReportedNoStorno
    case noTeilnehmer
    case validatedOnly
    /// Transport failure (`bamf offline on`): the message never reached the BAMF.
    case timeout
    /// Injected by `bamf stoerung` with a number that has no rule of its own; it reads like any rejection.
    case disrupted(nummer: Int)
    /// A served BAMF (`kbm bamf serve`) refuses a message whose UsernameToken names no account …
    case unknownUser(String)
    /// … or whose password is wrong …
    case wrongPassword(String)
    /// … or that is sent for another Trägernummer than the account's.
    case foreignTraeger(user: String, traeger: String)
    /// A served BAMF could not be reached or gave no usable answer (9001–9009, see `Uebertragung`): what happened,
    /// in German; the message was not delivered.
    case undelivered(nummer: Int, text: String)

    public var nummer: Int {
        switch self {
        case .unknownTraeger: 1001
        case .unknownKursort: 1002
        case .unknownLehrkraft: 1010
        case .unknownTeilnehmer: 1020
        case .geburtsdatumMismatch: 1021
        case .duplicateErstanmeldung: 1030
        case .kursplanungMissing: 1040
        case .kursplanungCancelled: 1041
        case .noLehrkraft: 1042
        case .teilnehmerNotAdmitted: 1043
        case .teilnehmerDatenMissing: 1044
        case .noTeilnehmerPlanned: 1045
        case .hoechstzahlExceeded: 1046
        case .kursNotBegun: 1047
        case .alreadyReported: 1048
        case .noTeilnehmer: 1049
        case .noKursplanungToCancel: 1050
        case .kursAlreadyReportedNoStorno: 1051
        case .unknownUser: 1061
        case .wrongPassword: 1062
        case .foreignTraeger: 1063
        case .validatedOnly: 2000
        case .timeout: 9001
        case .disrupted(let n): n
        case .undelivered(let n, _): n
        }
    }

    /// The local R-number of domain.md that the message enforces, if any.
    public var regel: Int? {
        switch self {
        case .unknownTraeger, .unknownKursort: 4
        case .unknownLehrkraft, .unknownTeilnehmer, .geburtsdatumMismatch: 15
        case .kursplanungMissing: 6
        case .kursplanungCancelled: 7
        case .noLehrkraft: 8
        case .teilnehmerNotAdmitted, .teilnehmerDatenMissing: 9
        case .noTeilnehmerPlanned: 11
        case .hoechstzahlExceeded: 12
        case .kursNotBegun: 13
        case .alreadyReported: 2
        case .noTeilnehmer: 10
        case .duplicateErstanmeldung, .noKursplanungToCancel, .kursAlreadyReportedNoStorno, .validatedOnly, .disrupted, .timeout,
             .unknownUser, .wrongPassword, .foreignTraeger, .undelivered: nil
        }
    }

    public var text: String {
        switch self {
        case .unknownTraeger(let nr): "Trägernummer \(nr) ist nicht registriert."
        case .unknownKursort(let k): "Kursort \(k) ist für diesen Träger nicht registriert."
        case .unknownLehrkraft(let k): "Lehrkraft \(k) ist nicht als Lehrkraft zugelassen."
        case .unknownTeilnehmer(let t): "Teilnehmer \(Self.name(t)) ist nicht bekannt."
        case .geburtsdatumMismatch(let t): "Geburtsdatum von Teilnehmer \(Self.name(t)) stimmt nicht mit dem Aktenzeichen überein."
        case .duplicateErstanmeldung(let t): "Teilnehmer \(Self.name(t)) ist bei diesem Träger bereits im Erstverfahren angemeldet."
        case .kursplanungMissing: "Für diesen Kurs liegt keine Kursplanung vor."
        case .kursplanungCancelled: "Die Kursplanung dieses Kurses ist storniert."
        case .noLehrkraft: "Es ist keine Lehrkraft gemeldet."
        case .teilnehmerNotAdmitted(let t): "Teilnehmer \(Self.name(t)) ist nicht zum Integrationskurs zugelassen."
        case .teilnehmerDatenMissing(let t): "Für Teilnehmer \(Self.name(t)) fehlen Aktenzeichen oder Geburtsdatum."
        case .noTeilnehmerPlanned: "Keiner der gemeldeten Teilnehmer ist in der letzten Kursplanung enthalten."
        case .hoechstzahlExceeded(let anzahl, let max): "\(anzahl) Teilnehmer überschreiten die Höchstteilnehmerzahl von \(max)."
        case .kursNotBegun(let beginn): "Der Kurs beginnt erst am \(beginn)."
        case .alreadyReported(let nr): "Für diesen Kurs wurde der Kursbeginn bereits gemeldet (Kursnummer \(nr))."
        case .noTeilnehmer: "Die Meldung enthält keinen Teilnehmer."
        case .noKursplanungToCancel: "Für diesen Kurs liegt keine Kursplanung vor, die storniert werden könnte."
        case .kursAlreadyReportedNoStorno: "Der Kursbeginn ist bereits gemeldet; die Kursplanung kann nicht mehr storniert werden."
        case .validatedOnly: "Die Nachricht ist gültig, wurde aber nur validiert und nicht übermittelt."
        case .unknownUser(let user): "Benutzer \(user) ist bei InGe-Online nicht bekannt."
        case .wrongPassword(let user): "Das Passwort für Benutzer \(user) ist falsch."
        case .foreignTraeger(let user, let traeger): "Benutzer \(user) darf keine Nachrichten für Trägernummer \(traeger) senden."
        case .timeout: "Zeitüberschreitung: InGe-Online hat nicht geantwortet; die Nachricht wurde nicht zugestellt."
        case .disrupted: "Die Nachricht wurde abgelehnt."
        case .undelivered(_, let text): text
        }
    }

    /// "BAMF-Fehler 1042: …", as printed and logged.
    public var line: String {
        switch self {
        case .validatedOnly: "BAMF-Hinweis \(nummer): \(text)"
        case .timeout, .undelivered: "Übertragungsfehler \(nummer): \(text)"
        default: "BAMF-Fehler \(nummer): \(text)"
        }
    }

    static func name(_ t: GesendeterTeilnehmer) -> String {
        t.nummer + (t.az.map { " (Aktenzeichen \($0))" } ?? "")
    }
}
