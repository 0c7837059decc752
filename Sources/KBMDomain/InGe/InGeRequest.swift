// The messages a provider sends to InGe-Online, as structured values that render to XML documents.

import KBMModel

public struct Kurskopf: Equatable, Sendable {
    public var traegernummer: String
    public var auftrag: String
    public var kursort: String
    public var kursart: Kursart
    public var beginnabschnitt: Abschnitt
    public var kursbeginn: Day
    /// The course's own Höchstteilnehmerzahl (`kursdaten max=`), sent only when set; else the Kursart's applies.
    public var hoechstTeilnehmer: Int? = nil

    public init(traegernummer: String, auftrag: String, kursort: String, kursart: Kursart, beginnabschnitt: Abschnitt,
                kursbeginn: Day, hoechstTeilnehmer: Int? = nil) {
        self.traegernummer = traegernummer
        self.auftrag = auftrag
        self.kursort = kursort
        self.kursart = kursart
        self.beginnabschnitt = beginnabschnitt
        self.kursbeginn = kursbeginn
        self.hoechstTeilnehmer = hoechstTeilnehmer
    }
}

public enum InGeRequest: Equatable, Sendable {
    case kursanmeldung(traegernummer: String, teilnehmer: GesendeterTeilnehmer, verfahren: Zulassung.Verfahren,
                       kursart: Kursart?, abschnitt: Abschnitt?)
    case kursplanung(Kurskopf, abschnitte: [Abschnittsplan.Entry], teilnehmer: [GesendeterTeilnehmer], aktualisierung: Bool)
    case kursplanstorno(traegernummer: String, auftrag: String)
    case kursbeginnmeldung(Kurskopf, lehrkraefte: [String], teilnehmer: [GesendeterTeilnehmer], gesamtTeilnehmer: Int)

    public var typ: Anmeldung.Typ {
        switch self {
        case .kursanmeldung: .kursanmeldung
        case .kursplanung(_, _, _, let update): update ? .kursplanaktualisierung : .kursplanung
        case .kursplanstorno: .kursplanstorno
        case .kursbeginnmeldung: .kursbeginnmeldung
        }
    }

    public var xml: XMLNode {
        switch self {
        case .kursanmeldung(let traeger, let tn, let verfahren, let kursart, let abschnitt):
            return XMLNode("Kursanmeldung", children: [
                XMLNode("Traegernummer", text: traeger),
            ] + tnNodes([tn]) + [
                XMLNode("Verfahren", text: verfahren.rawValue),
            ] + XMLNode.field("EmpfohleneKursart", kursart?.key)
              + XMLNode.field("EmpfohlenerAbschnitt", kursart.flatMap { k in abschnitt.map { $0.key(in: k) } }))
        case .kursplanung(let kopf, let abschnitte, let tn, let update):
            return XMLNode(update ? "Kursplanaktualisierung" : "Kursplanung", children: kopfNodes(kopf) + [
                XMLNode("Abschnitte", children: abschnitte.map { e in
                    XMLNode("Abschnitt", [("nr", e.abschnitt.key(in: kopf.kursart))], children: [
                        XMLNode("Von", text: e.erster.iso), XMLNode("Bis", text: e.letzter.iso),
                    ])
                }),
                XMLNode("Teilnehmer", children: tnNodes(tn)),
            ])
        case .kursplanstorno(let traeger, let auftrag):
            return XMLNode("Kursplanstorno", children: [
                XMLNode("Traegernummer", text: traeger), XMLNode("Kurs", text: auftrag),
            ])
        case .kursbeginnmeldung(let kopf, let lehrkraefte, let tn, let gesamt):
            return XMLNode("Kursbeginnmeldung", children: kopfNodes(kopf) + [
                XMLNode("Lehrkraefte", children: lehrkraefte.map { XMLNode("Lehrkraftkennung", text: $0) }),
                XMLNode("Teilnehmer", children: tnNodes(tn)),
                XMLNode("GesamtTeilnehmerzahl", text: String(gesamt)),
            ])
        }
    }

    private func kopfNodes(_ kopf: Kurskopf) -> [XMLNode] {
        [
            XMLNode("Traegernummer", text: kopf.traegernummer),
            XMLNode("Kurs", text: kopf.auftrag),
            XMLNode("Kursort", text: kopf.kursort),
            XMLNode("Kursart", text: kopf.kursart.key),
            XMLNode("Beginnabschnitt", text: kopf.beginnabschnitt.key(in: kopf.kursart)),
            XMLNode("Kursbeginn", text: kopf.kursbeginn.iso),
        ] + XMLNode.field("Hoechstteilnehmerzahl", kopf.hoechstTeilnehmer.map(String.init))
    }

    private func tnNodes(_ tn: [GesendeterTeilnehmer]) -> [XMLNode] {
        tn.map { t in
            XMLNode("Tn", [("nr", t.nummer)], children: XMLNode.field("Aktenzeichen", t.az) + XMLNode.field("Geburtsdatum", t.geboren?.iso))
        }
    }
}
