// The restore commands a dump is made of: they set state directly, check their input like every command, and send nothing.

import KBMLanguage
import KBMModel

extension Interpreter {
    /// The Tn-Nr for `add teilnehmer` and the counter after it: the next one, or with `nr=` one that was never given out.
    static func newTeilnehmerNummer(_ command: ParsedCommand, _ session: Session) throws(DomainError) -> (String, Int) {
        guard let text = command[Keys.AddTeilnehmer.nr] else {
            return (TnNr(session.naechsteTeilnehmerNummer).text, session.naechsteTeilnehmerNummer + 1)
        }
        guard let nr = TnNr(typed: text) else { throw .invalidTnNummer(text) }
        // Below the counter the number was given out before, perhaps to a Tn since removed: never again.
        guard nr.number >= session.naechsteTeilnehmerNummer else { throw .tnNummerTaken(text, next: session.naechsteTeilnehmerNummer) }
        return (nr.text, nr.number + 1)
    }

    static func restoreZulassung(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var tn = try lookupTeilnehmer(command[Keys.RestoreZulassung.tn], session)
        if tn.zulassung != nil { throw .zulassungExists(tn.nummer) }
        guard tn.az != nil else { throw .aktenzeichenNeededForAnmeldung(tn.nummer) }
        let kursart = command[Keys.RestoreZulassung.kursart]
        var abschnitt: Abschnitt?
        if let text = command[Keys.RestoreZulassung.abschnitt] { abschnitt = try parseAbschnitt(text, kursart) }
        let verfahren = command[Keys.RestoreZulassung.verfahren]
        tn.zulassung = Zulassung(verfahren: verfahren, kursart: kursart, abschnitt: abschnitt, datum: command[Keys.RestoreZulassung.datum])
        session.teilnehmer[tn.nummer] = tn
        return Outcome(output: [.notice(.zulassungRestored(tn.nummer, verfahren))], touched: [.teilnehmer(tn.nummer)])
    }

    static func restoreKursplanung(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var auftrag = try openedIntegrationskurs(session)
        if let nummer = auftrag.kbm.kursnummer { throw .kbmAlreadyReported(auftrag.nummer, kursnummer: nummer) }
        guard auftrag.kursplanung.state == .nichtGemeldet else { throw .kursplanungExists(auftrag.nummer) }
        let state = command[Keys.RestoreKursplanung.status]
        let aktualisierungen = command[Keys.RestoreKursplanung.aktualisierungen] ?? 0
        // Each update counts once; a storniert plan keeps the count it had.
        let consistent = switch state {
        case .gemeldet: aktualisierungen == 0
        case .aktualisiert: aktualisierungen >= 1
        case .storniert, .nichtGemeldet: true
        }
        guard consistent else { throw .aktualisierungenMismatch(state, aktualisierungen) }
        auftrag.kursplanung.state = state
        auftrag.kursplanung.aktualisierungen = aktualisierungen
        auftrag.kursplanung.teilnehmer = []
        auftrag.kursplanung.gesendetAm = command[Keys.RestoreKursplanung.gesendet]
        session.auftraege[auftrag.nummer] = auftrag
        return Outcome(output: [.notice(.kursplanungRestored(auftrag.nummer, state))], touched: [.auftrag(auftrag.nummer)])
    }

    /// One Tn as the last Kursplanung carried it: Tn-Nr, Aktenzeichen and Geburtsdatum as they were sent.
    static func restoreGeplant(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var auftrag = try openedIntegrationskurs(session)
        if let nummer = auftrag.kbm.kursnummer { throw .kbmAlreadyReported(auftrag.nummer, kursnummer: nummer) }
        guard auftrag.kursplanung.state != .nichtGemeldet else { throw .noKursplanung }
        let text = command[Keys.RestoreGeplant.tn]
        // A planned Tn may have been removed since, but its number must have been given out, and once per plan.
        guard let nr = TnNr(typed: text), nr.number < session.naechsteTeilnehmerNummer, case let nummer = nr.text,
              !auftrag.kursplanung.teilnehmer.contains(where: { $0.nummer == nummer }) else { throw .tnNummerNeverIssued(text) }
        auftrag.kursplanung.teilnehmer.append(GesendeterTeilnehmer(nummer: nummer, az: command[Keys.RestoreGeplant.az], geboren: command[Keys.RestoreGeplant.geboren]))
        session.auftraege[auftrag.nummer] = auftrag
        return Outcome(output: [.notice(.geplantRestored(nummer, auftrag.nummer))], touched: [.auftrag(auftrag.nummer)])
    }

    static func restoreKbm(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var auftrag = try openedIntegrationskurs(session)
        if let nummer = auftrag.kbm.kursnummer { throw .kbmAlreadyReported(auftrag.nummer, kursnummer: nummer) }
        let kursnummer = command[Keys.RestoreKbm.kursnummer]
        auftrag.kbm.kursnummer = kursnummer
        auftrag.kbm.gemeldetAm = command[Keys.RestoreKbm.gemeldet]
        auftrag.referenznummern[Auftrag.kursnummerName] = kursnummer
        session.auftraege[auftrag.nummer] = auftrag
        return Outcome(output: [.notice(.kbmRestored(auftrag.nummer, kursnummer))], touched: [.auftrag(auftrag.nummer)])
    }

    static func restoreAnmeldung(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let nummer = command[Keys.RestoreAnmeldung.nr]
        // The log is append-only and numbered without gaps.
        guard nummer == session.anmeldungen.count + 1 else {
            throw .wrongAnmeldungNummer(nummer, expected: session.anmeldungen.count + 1)
        }
        let auftrag: String?
        if let nr = command[Keys.RestoreAnmeldung.auftrag] { auftrag = try lookupAuftrag(nr, session).nummer } else { auftrag = nil }
        let typ = command[Keys.RestoreAnmeldung.typ]
        let meldungen = command[Keys.RestoreAnmeldung.meldungen].map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        session.anmeldungen.append(Anmeldung(
            nummer: nummer, datum: command[Keys.RestoreAnmeldung.datum], auftrag: auftrag, typ: typ,
            anfrage: command[Keys.RestoreAnmeldung.anfrage], antwort: command[Keys.RestoreAnmeldung.antwort],
            ergebnis: command[Keys.RestoreAnmeldung.ergebnis], meldungen: meldungen ?? []))
        return Outcome(output: [.notice(.anmeldungRestored(nummer, typ))], touched: [.anmeldung(nummer)])
    }

    static func setTnNummer(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let n = command[Keys.SetTnNummer.nummer]
        guard n >= session.naechsteTeilnehmerNummer else { throw .tnNummerBackwards(n, next: session.naechsteTeilnehmerNummer) }
        session.naechsteTeilnehmerNummer = n
        return Outcome(output: [.notice(.tnNummerSet(n))], touched: [.naechsteTeilnehmerNummer])
    }

    static func closeAuftrag(_ session: inout Session) throws(DomainError) -> Outcome {
        let auftrag = try openedAuftrag(session)
        session.openAuftrag = nil
        return Outcome(output: [.notice(.auftragClosed(auftrag.nummer))], touched: [.openAuftrag])
    }

    static func bamfRestoreZulassung(_ command: ParsedCommand, _ session: inout Session) -> Outcome {
        let az = command[Keys.BamfRestoreZulassung.az]
        let key = BamfSide.key(command[Keys.BamfRestoreZulassung.traeger], az)
        session.bamf.zulassungen[key] = command[Keys.BamfRestoreZulassung.verfahren]
        return Outcome(output: [.notice(.bamfZulassungRestored(az))], touched: [.bamfZulassung(key)])
    }

    static func bamfRestorePlan(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var aktenzeichen: [String] = []
        if let list = command[Keys.BamfRestorePlan.az] {
            for part in list.split(separator: ",", omittingEmptySubsequences: false).map({ String($0).trimmingBlanks }) {
                guard Identifier.isValid(part) else { throw .invalidKennung(part) }
                aktenzeichen.append(part)
            }
        }
        let kurs = command[Keys.BamfRestorePlan.kurs]
        let key = BamfSide.key(command[Keys.BamfRestorePlan.traeger], kurs)
        session.bamf.plaene[key] = BamfSide.Plan(aktenzeichen: aktenzeichen, storniert: command[Keys.BamfRestorePlan.storniert] ?? false)
        return Outcome(output: [.notice(.bamfPlanRestored(kurs))], touched: [.bamfPlan(key)])
    }

    static func bamfRestoreKursnummer(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let kurs = command[Keys.BamfRestoreKursnummer.kurs], nummer = command[Keys.BamfRestoreKursnummer.nummer]
        let key = BamfSide.key(command[Keys.BamfRestoreKursnummer.traeger], kurs)
        if let issued = session.bamf.kursnummern[key] { throw .kursnummerExists(kurs, kursnummer: issued) }
        session.bamf.kursnummern[key] = nummer
        return Outcome(output: [.notice(.bamfKursnummerRestored(kurs, nummer))], touched: [.bamfKursnummer(key)])
    }

    static func bamfRestoreZaehler(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let n = command[Keys.SetTnNummer.nummer]
        guard n >= session.bamf.naechsteKursnummer else {
            throw .kursnummernZaehlerBackwards(n, next: session.bamf.naechsteKursnummer)
        }
        session.bamf.naechsteKursnummer = n
        return Outcome(output: [.notice(.kursnummernZaehlerSet(n))], touched: [.bamfSettings])
    }
}
