// The body of each message read back into kbm's values, and the answer both ways. The request body is written by
// InGeRequest.xml (the very document kbm logs); the answer on the wire is InGeResponse.xml with the values each
// Meldung names as attributes, so that the receiver rebuilds the same BamfMessage, not only its text.

import KBMCore

extension InGeRequest {
    /// The message in a body element the schema accepted; a Fault for what the schema cannot check.
    public static func decode(_ node: XMLNode) -> Result<InGeRequest, SoapFault> {
        do throws(SoapFault) {
            let r = Fields(node)
            switch node.name {
            case "Kursanmeldung":
                let traeger = try r.text("Traegernummer")
                let tn = try r.tn(try r.child("Tn"))
                guard let verfahren = Zulassung.Verfahren(rawValue: try r.text("Verfahren")) else { throw r.invalid("Verfahren") }
                let kursart = try r.optionalText("EmpfohleneKursart").map { k throws(SoapFault) in try r.kursart(k) }
                let abschnitt = try r.optionalText("EmpfohlenerAbschnitt").map { a throws(SoapFault) in
                    guard let kursart else { throw SoapFault(.client, "„EmpfohlenerAbschnitt“ ohne „EmpfohleneKursart“.") }
                    return try r.abschnitt(a, kursart)
                }
                return .success(.kursanmeldung(traegernummer: traeger, teilnehmer: tn, verfahren: verfahren,
                                               kursart: kursart, abschnitt: abschnitt))
            case "Kursplanung", "Kursplanaktualisierung":
                let kopf = try r.kopf()
                let abschnitte = try (node.child("Abschnitte")?.children("Abschnitt") ?? []).map { a throws(SoapFault) in
                    let e = Fields(a)
                    // The number of teaching days is the sender's calendar and does not travel; the BAMF does not use it.
                    return Abschnittsplan.Entry(abschnitt: try r.abschnitt(a.attribute("nr") ?? "", kopf.kursart),
                                                erster: try e.day("Von"), letzter: try e.day("Bis"), unterrichtstage: 0)
                }
                return .success(.kursplanung(kopf, abschnitte: abschnitte, teilnehmer: try r.teilnehmer(),
                                             aktualisierung: node.name == "Kursplanaktualisierung"))
            case "Kursplanstorno":
                return .success(.kursplanstorno(traegernummer: try r.text("Traegernummer"), auftrag: try r.text("Kurs")))
            case "Kursbeginnmeldung":
                let kopf = try r.kopf()
                let lehrkraefte = (node.child("Lehrkraefte")?.children("Lehrkraftkennung") ?? []).map { $0.text ?? "" }
                let teilnehmer = try r.teilnehmer()
                guard let gesamt = Int(try r.text("GesamtTeilnehmerzahl")) else { throw r.invalid("GesamtTeilnehmerzahl") }
                return .success(.kursbeginnmeldung(kopf, lehrkraefte: lehrkraefte, teilnehmer: teilnehmer, gesamtTeilnehmer: gesamt))
            default:
                throw SoapFault(.client, "Unbekannte Nachricht „\(node.name)“.")
            }
        } catch {
            return .failure(error)
        }
    }
}

extension InGeResponse {
    /// The answer as it travels: InGeResponse.xml, each Meldung with the values it names.
    public var wire: XMLNode {
        var node = xml
        var meldungen = meldungen.makeIterator()
        for i in node.children.indices where node.children[i].name == "Meldung" {
            guard let m = meldungen.next() else { break }
            node.children[i].attributes += m.wireAttributes
        }
        return node
    }

    /// The answer in an `Antwort` element the schema accepted.
    public static func decode(_ node: XMLNode) -> Result<InGeResponse, SoapFault> {
        guard node.name == "Antwort" else { return .failure(SoapFault(.server, "Die Antwort enthält „\(node.name)“ statt „Antwort“.")) }
        guard let text = node.child("Ergebnis")?.text, let ergebnis = Anmeldung.Ergebnis(rawValue: text) else {
            return .failure(SoapFault(.server, "Die Antwort nennt kein gültiges Ergebnis."))
        }
        var meldungen: [BamfMessage] = []
        for m in node.children("Meldung") {
            guard let meldung = BamfMessage.decode(m) else {
                return .failure(SoapFault(.server, "Die Antwort enthält eine unbekannte Meldung \(m.attribute("nummer") ?? "?")."))
            }
            meldungen.append(meldung)
        }
        return .success(InGeResponse(ergebnis: ergebnis, meldungen: meldungen, kursnummer: node.child("Kursnummer")?.text))
    }
}

extension BamfMessage {
    var wireAttributes: [(String, String)] {
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
             .kursAlreadyReportedNoStorno, .noTeilnehmer, .validatedOnly, .timeout:
            return []
        }
    }

    /// The message a `Meldung` element names; nil for a number kbm does not know or a value missing.
    static func decode(_ node: XMLNode) -> BamfMessage? {
        guard let nummer = node.attribute("nummer").flatMap({ Int($0) }) else { return nil }
        if node.attribute("stoerung") == "true" || node.attribute("stoerung") == "1" { return .disrupted(nummer: nummer) }
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
        return message
    }
}

/// Reads the fields of one element; every failure names the field.
private struct Fields {
    let node: XMLNode

    init(_ node: XMLNode) { self.node = node }

    func invalid(_ name: String) -> SoapFault {
        SoapFault(.client, "Das Feld „\(name)“ in „\(node.name)“ hat einen ungültigen Wert.")
    }

    func child(_ name: String) throws(SoapFault) -> XMLNode {
        guard let c = node.child(name) else { throw SoapFault(.client, "Das Feld „\(name)“ fehlt in „\(node.name)“.") }
        return c
    }

    func text(_ name: String) throws(SoapFault) -> String { try child(name).text ?? "" }

    func optionalText(_ name: String) throws(SoapFault) -> String? { node.child(name).map { $0.text ?? "" } }

    func day(_ name: String) throws(SoapFault) -> Day {
        guard let day = Day(parsing: try text(name)) else { throw invalid(name) }
        return day
    }

    func kursart(_ key: String) throws(SoapFault) -> Kursart {
        guard let k = Kursart(rawValue: key) else { throw SoapFault(.client, "Unbekannte Kursart „\(key)“.") }
        return k
    }

    func abschnitt(_ key: String, _ kursart: Kursart) throws(SoapFault) -> Abschnitt {
        guard let a = Abschnitt.parse(key, kursart: kursart), a.key(in: kursart) == key else {
            throw SoapFault(.client, "Abschnitt „\(key)“ gibt es in der Kursart „\(kursart.key)“ nicht.")
        }
        return a
    }

    func tn(_ n: XMLNode) throws(SoapFault) -> GesendeterTeilnehmer {
        var geboren: Day?
        if let text = n.child("Geburtsdatum")?.text {
            guard let day = Day(parsing: text) else { throw SoapFault(.client, "Geburtsdatum „\(text)“ ist kein Datum.") }
            geboren = day
        }
        return GesendeterTeilnehmer(nummer: n.attribute("nr") ?? "", az: n.child("Aktenzeichen").map { $0.text ?? "" }, geboren: geboren)
    }

    func teilnehmer() throws(SoapFault) -> [GesendeterTeilnehmer] {
        try (node.child("Teilnehmer")?.children("Tn") ?? []).map { t throws(SoapFault) in try tn(t) }
    }

    func kopf() throws(SoapFault) -> Kurskopf {
        let kursart = try kursart(try text("Kursart"))
        return Kurskopf(traegernummer: try text("Traegernummer"), auftrag: try text("Kurs"), kursort: try text("Kursort"),
                        kursart: kursart, beginnabschnitt: try abschnitt(try text("Beginnabschnitt"), kursart),
                        kursbeginn: try day("Kursbeginn"))
    }
}
