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
    /// The values the text names, as the attributes of its `Meldung` (BamfMessage+Attributes).
    var wireAttributes: [(String, String)] { attributes }

    /// The message a `Meldung` element names; nil for a number kbm does not know or a value missing.
    static func decode(_ node: XMLNode) -> BamfMessage? { BamfMessage(attributes: node.attributes) }
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
