// A BamfMessage as name=value pairs: what travels with its number, so the receiver rebuilds the same message.

import KBMModel

extension BamfMessage {
    /// What the text names, as `name=value` pairs (without `nummer`): the attributes of a `Meldung` on the wire,
    /// and the fields of kbm-bamf's answer to kbm.
    public var attributes: [(String, String)] {
        func tn(_ t: GesendeterTeilnehmer) -> [(String, String)] {
            [("tn", t.nummer)] + (t.az.map { [("aktenzeichen", $0)] } ?? []) + (t.geboren.map { [("geburtsdatum", $0.iso)] } ?? [])
        }
        switch self {
        case .unknownTraeger(let s), .unknownKursort(let s), .unknownLehrkraft(let s), .alreadyReported(let s),
             .unknownUser(let s), .wrongPassword(let s):
            return [("wert", s)]
        case .foreignTraeger(let user, let traeger): return [("benutzer", user), ("wert", traeger)]
        case .unknownTeilnehmer(let t), .geburtsdatumMismatch(let t), .duplicateErstanmeldung(let t),
             .teilnehmerNotAdmitted(let t), .teilnehmerDatenMissing(let t):
            return tn(t)
        case .hoechstzahlExceeded(let anzahl, let hoechstens): return [("anzahl", String(anzahl)), ("hoechstens", String(hoechstens))]
        case .kursNotBegun(let beginn): return [("beginn", beginn.iso)]
        case .disrupted: return [("stoerung", "true")]
        case .kursplanungMissing, .kursplanungCancelled, .noLehrkraft, .noTeilnehmerPlanned, .noKursplanungToCancel,
             .kursAlreadyReportedNoStorno, .noTeilnehmer, .validatedOnly, .timeout, .undelivered:
            return []
        }
    }

    /// The message these pairs (with `nummer`) name; nil for a number kbm does not know or a value missing.
    public init?(attributes: [(String, String)]) {
        let node = Attributes(pairs: attributes)
        guard let nummer = node.attribute("nummer").flatMap({ Int($0) }) else { return nil }
        if node.attribute("stoerung") == "true" || node.attribute("stoerung") == "1" { self = .disrupted(nummer: nummer); return }
        let wert = node.attribute("wert")
        var tn: GesendeterTeilnehmer? {
            node.attribute("tn").map {
                GesendeterTeilnehmer(nummer: $0, az: node.attribute("aktenzeichen"),
                                     geboren: node.attribute("geburtsdatum").flatMap { Day(parsing: $0) })
            }
        }
        let message: BamfMessage?
        switch nummer {
        case 1001: message = wert.map { .unknownTraeger($0) }
        case 1002: message = wert.map { .unknownKursort($0) }
        case 1010: message = wert.map { .unknownLehrkraft($0) }
        case 1020: message = tn.map { .unknownTeilnehmer($0) }
        case 1021: message = tn.map { .geburtsdatumMismatch($0) }
        case 1030: message = tn.map { .duplicateErstanmeldung($0) }
        case 1040: message = .kursplanungMissing
        case 1041: message = .kursplanungCancelled
        case 1042: message = .noLehrkraft
        case 1043: message = tn.map { .teilnehmerNotAdmitted($0) }
        case 1044: message = tn.map { .teilnehmerDatenMissing($0) }
        case 1045: message = .noTeilnehmerPlanned
        case 1046:
            guard let anzahl = node.attribute("anzahl").flatMap({ Int($0) }),
                  let hoechstens = node.attribute("hoechstens").flatMap({ Int($0) }) else { return nil }
            message = .hoechstzahlExceeded(anzahl: anzahl, hoechstens: hoechstens)
        case 1047: message = node.attribute("beginn").flatMap { Day(parsing: $0) }.map { .kursNotBegun($0) }
        case 1048: message = wert.map { .alreadyReported($0) }
        case 1049: message = .noTeilnehmer
        case 1050: message = .noKursplanungToCancel
        case 1051: message = .kursAlreadyReportedNoStorno
        case 1061: message = wert.map { .unknownUser($0) }
        case 1062: message = wert.map { .wrongPassword($0) }
        case 1063: message = node.attribute("benutzer").flatMap { user in wert.map { .foreignTraeger(user: user, traeger: $0) } }
        case 2000: message = .validatedOnly
        case 9001: message = .timeout
        default: message = nil
        }
        guard let message else { return nil }
        self = message
    }
}

private struct Attributes {
    let pairs: [(String, String)]

    func attribute(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }
}
