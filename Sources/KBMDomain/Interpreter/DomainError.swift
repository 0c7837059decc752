// Why a well-formed command cannot be carried out on the session as it is.

import KBMModel

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
    case kursdatenNotSaved(AbschnittsplanError)
    case unknownLehrkraft(String)
    case lehrkraftExists(String)
    case lehrkraftInUse(String, auftraege: [String])
    case lehrkraftReported(String)
    case alreadyAssigned(String)
    case notAssigned(String)
    case invalidName(key: String, value: String)
    case unknownTeilnehmer(String)
    /// The candidates by Tn-Nr.
    case ambiguousTeilnehmer(String, candidates: [String])
    case aktenzeichenExists(String, owner: String)
    case teilnehmerBooked(String, auftraege: [String])
    case teilnehmerReported(String)
    case alreadyBooked(String, auftrag: String)
    case notBooked(String, auftrag: String)
    case noReturnToWartet(String)
    case kbmAlreadyReported(String, kursnummer: String)
    case noTraegernummer
    case aktenzeichenNeededForAnmeldung(String)
    case zulassungExists(String)
    case kursdatenIncomplete([String])
    case kursplanungCancelled
    case noKursplanung
    case checkFailed(fehler: Int, melden: Bool)
    case meldungRejected(Anmeldung.Typ, nummer: Int)
    case meldungNotSent
    case meldungNotDelivered(Anmeldung.Typ, nummer: Int)
    case unknownAnmeldung(Int, count: Int)
    // restoring a dump
    case invalidTnNummer(String)
    case tnNummerTaken(String, next: Int)
    case tnNummerBackwards(Int, next: Int)
    case tnNummerNeverIssued(String)
    case kursplanungExists(String)
    case aktualisierungenMismatch(Kursplanung.State, Int)
    case wrongAnmeldungNummer(Int, expected: Int)
    case invalidKennung(String)
    case kursnummerExists(String, kursnummer: String)
    case kursnummernZaehlerBackwards(Int, next: Int)
    /// Filters of a Teilnahme (`status=`, `kostentraeger=`, `a=`) given to `list teilnehmer` with no Auftrag open.
    case filterNeedsAuftrag([String])
    case unterbrechungExists(von: Day, bis: Day, grund: String?)
    /// `bamf stoerung TYP` with neither `fehler=N` nor `off`.
    case stoerungNeedsFehler(Anmeldung.Typ)
}
