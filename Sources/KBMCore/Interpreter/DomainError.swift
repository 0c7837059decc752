// Why a well-formed command cannot be carried out on the session as it is.

public enum DomainError: Error, Equatable, Sendable {
    case noOpenAuftrag
    case unknownAuftrag(String)
    case auftragExists(String)
    case unknownKursort(String)
    case kursortExists(String)
    case auftragHasMessages(String)
    case emptyText(key: String)
    case notIntegrationskurs(String, Auftrag.Typ)
    case invalidAbschnitt(String, Kursart)
    case abschnittNeedsKursart
    case invalidWeekdays(String)
    case invalidUnterbrechung(von: Day, bis: Day)
    case kursdatenNichtGespeichert(AbschnittsplanError)
    case unknownLehrkraft(String)
    case lehrkraftExists(String)
    case lehrkraftInUse(String, auftraege: [String])
    case lehrkraftGemeldet(String)
    case alreadyAssigned(String)
    case notAssigned(String)
    case invalidName(key: String, value: String)
    case unknownTeilnehmer(String)
    /// The candidates by Tn-Nr.
    case ambiguousTeilnehmer(String, candidates: [String])
    case aktenzeichenExists(String, owner: String)
    case teilnehmerBooked(String, auftraege: [String])
    case teilnehmerGemeldet(String)
    case alreadyBooked(String, auftrag: String)
    case notBooked(String, auftrag: String)
    case aktivNichtWartet(String)
    case kbmBereitsGemeldet(String, kursnummer: String)
    case keineTraegernummer
    case aktenzeichenFuerAnmeldung(String)
    case zulassungVorhanden(String)
    case kursdatenUnvollstaendig([String])
    case kursplanungStorniert
    case keineKursplanung
    case checkFailed(fehler: Int, melden: Bool)
    case meldungAbgelehnt(Anmeldung.Typ, nummer: Int)
    case meldungAbgebrochen
    case meldungNichtZugestellt(Anmeldung.Typ, nummer: Int)
    case unknownAnmeldung(Int, count: Int)
    // restoring a dump
    case tnNummerUngueltig(String)
    case tnNummerVergeben(String, naechste: Int)
    case tnNummerZurueck(Int, naechste: Int)
    case tnNummerNieVergeben(String)
    case kursplanungVorhanden(String)
    case aktualisierungenPassenNicht(Kursplanung.State, Int)
    case anmeldungNummerFalsch(Int, erwartet: Int)
    case kennungUngueltig(String)
    case kursnummerVorhanden(String, kursnummer: String)
    case kursnummernZaehlerZurueck(Int, naechste: Int)
}
