// The restore commands a dump is made of: they set state directly, check their input like every command, and send nothing.

extension Interpreter {
    /// The Kursplanung states `restore kursplanung` accepts; "nicht gemeldet" is where every Auftrag starts.
    public static let restorableKursplanung: [Kursplanung.State] = [.gemeldet, .aktualisiert, .storniert]

    static func restore(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        switch command.name {
        case .restoreZulassung: return try restoreZulassung(command, &session)
        case .restoreKursplanung: return try restoreKursplanung(command, &session)
        case .restoreGeplant: return try restoreGeplant(command, &session)
        case .restoreKbm: return try restoreKbm(command, &session)
        case .restoreAnmeldung: return try restoreAnmeldung(command, &session)
        case .setTnNummer: return try setTnNummer(command, &session)
        case .closeAuftrag: return try closeAuftrag(&session)
        case .bamfRestoreZulassung, .bamfRestorePlan, .bamfRestoreKursnummer, .bamfRestoreZaehler:
            return try restoreBamf(command, &session)
        default: preconditionFailure("\(command.name) is no restore command")
        }
    }

    /// The Tn-Nr for `add teilnehmer` and the counter after it: the next one, or with `nr=` one that was never given out.
    static func newTeilnehmerNummer(_ command: ParsedCommand, _ session: Session) throws(DomainError) -> (String, Int) {
        guard let text = command.text("nr") else {
            return (TnNr(session.naechsteTeilnehmerNummer).text, session.naechsteTeilnehmerNummer + 1)
        }
        guard let nr = TnNr(typed: text) else { throw .invalidTnNummer(text) }
        // Below the counter the number was given out before, perhaps to a Tn since removed: never again.
        guard nr.number >= session.naechsteTeilnehmerNummer else { throw .tnNummerTaken(text, next: session.naechsteTeilnehmerNummer) }
        return (nr.text, nr.number + 1)
    }

    private static func restoreZulassung(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var tn = try lookupTeilnehmer(command.text("tn")!, session)
        if tn.zulassung != nil { throw .zulassungExists(tn.nummer) }
        guard tn.az != nil else { throw .aktenzeichenNeededForAnmeldung(tn.nummer) }
        let kursart = command.text("kursart").flatMap(Kursart.init(key:))
        var abschnitt: Abschnitt?
        if let text = command.text("abschnitt") { abschnitt = try parseAbschnitt(text, kursart) }
        let verfahren = Zulassung.Verfahren(rawValue: command.text("verfahren")!)!
        tn.zulassung = Zulassung(verfahren: verfahren, kursart: kursart, abschnitt: abschnitt, datum: command.date("datum")!)
        session.teilnehmer[tn.nummer] = tn
        return Outcome(output: [.notice(.zulassungRestored(tn.nummer, verfahren))], touched: [.teilnehmer(tn.nummer)])
    }

    private static func restoreKursplanung(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var auftrag = try openedIntegrationskurs(session)
        if let nummer = auftrag.kbm.kursnummer { throw .kbmAlreadyReported(auftrag.nummer, kursnummer: nummer) }
        guard auftrag.kursplanung.state == .nichtGemeldet else { throw .kursplanungExists(auftrag.nummer) }
        let state = Kursplanung.State(rawValue: command.text("status")!)!
        let aktualisierungen = command.integer("aktualisierungen") ?? 0
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
        auftrag.kursplanung.gesendetAm = command.date("gesendet")
        session.auftraege[auftrag.nummer] = auftrag
        return Outcome(output: [.notice(.kursplanungRestored(auftrag.nummer, state))], touched: [.auftrag(auftrag.nummer)])
    }

    /// One Tn as the last Kursplanung carried it: Tn-Nr, Aktenzeichen and Geburtsdatum as they were sent.
    private static func restoreGeplant(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var auftrag = try openedIntegrationskurs(session)
        if let nummer = auftrag.kbm.kursnummer { throw .kbmAlreadyReported(auftrag.nummer, kursnummer: nummer) }
        guard auftrag.kursplanung.state != .nichtGemeldet else { throw .noKursplanung }
        let text = command.text("tn")!
        // A planned Tn may have been removed since, but its number must have been given out, and once per plan.
        guard let nr = TnNr(typed: text), nr.number < session.naechsteTeilnehmerNummer, case let nummer = nr.text,
              !auftrag.kursplanung.teilnehmer.contains(where: { $0.nummer == nummer }) else { throw .tnNummerNeverIssued(text) }
        auftrag.kursplanung.teilnehmer.append(GesendeterTeilnehmer(nummer: nummer, az: command.text("az"), geboren: command.date("geboren")))
        session.auftraege[auftrag.nummer] = auftrag
        return Outcome(output: [.notice(.geplantRestored(nummer, auftrag.nummer))], touched: [.auftrag(auftrag.nummer)])
    }

    private static func restoreKbm(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        var auftrag = try openedIntegrationskurs(session)
        if let nummer = auftrag.kbm.kursnummer { throw .kbmAlreadyReported(auftrag.nummer, kursnummer: nummer) }
        let kursnummer = command.text("kursnummer")!
        auftrag.kbm.kursnummer = kursnummer
        auftrag.kbm.gemeldetAm = command.date("gemeldet")
        auftrag.referenznummern[Auftrag.kursnummerName] = kursnummer
        session.auftraege[auftrag.nummer] = auftrag
        return Outcome(output: [.notice(.kbmRestored(auftrag.nummer, kursnummer))], touched: [.auftrag(auftrag.nummer)])
    }

    private static func restoreAnmeldung(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let nummer = command.integer("nr")!
        // The log is append-only and numbered without gaps.
        guard nummer == session.anmeldungen.count + 1 else {
            throw .wrongAnmeldungNummer(nummer, expected: session.anmeldungen.count + 1)
        }
        let auftrag: String?
        if let nr = command.text("auftrag") { auftrag = try lookupAuftrag(nr, session).nummer } else { auftrag = nil }
        let typ = Anmeldung.Typ.allCases.first { $0.rawValue.lowercased() == command.text("typ") }!
        let meldungen = command.text("meldungen").map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        session.anmeldungen.append(Anmeldung(
            nummer: nummer, datum: command.date("datum")!, auftrag: auftrag, typ: typ,
            anfrage: command.text("anfrage")!, antwort: command.text("antwort")!,
            ergebnis: Anmeldung.Ergebnis(key: command.text("ergebnis")!)!, meldungen: meldungen ?? []))
        return Outcome(output: [.notice(.anmeldungRestored(nummer, typ))], touched: [.anmeldung(nummer)])
    }

    private static func setTnNummer(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        let n = command.integer("nummer")!
        guard n >= session.naechsteTeilnehmerNummer else { throw .tnNummerBackwards(n, next: session.naechsteTeilnehmerNummer) }
        session.naechsteTeilnehmerNummer = n
        return Outcome(output: [.notice(.tnNummerSet(n))], touched: [.naechsteTeilnehmerNummer])
    }

    private static func closeAuftrag(_ session: inout Session) throws(DomainError) -> Outcome {
        let auftrag = try openedAuftrag(session)
        session.openAuftrag = nil
        return Outcome(output: [.notice(.auftragClosed(auftrag.nummer))], touched: [.openAuftrag])
    }

    private static func restoreBamf(_ command: ParsedCommand, _ session: inout Session) throws(DomainError) -> Outcome {
        switch command.name {
        case .bamfRestoreZulassung:
            let az = command.text("az")!
            let key = BamfSide.key(command.text("traeger")!, az)
            session.bamf.zulassungen[key] = Zulassung.Verfahren(rawValue: command.text("verfahren")!)!
            return Outcome(output: [.notice(.bamfZulassungRestored(az))], touched: [.bamfZulassung(key)])
        case .bamfRestorePlan:
            var aktenzeichen: [String] = []
            if let list = command.text("az") {
                for part in list.split(separator: ",", omittingEmptySubsequences: false).map({ String($0).trimmingBlanks }) {
                    guard Identifier.isValid(part) else { throw .invalidKennung(part) }
                    aktenzeichen.append(part)
                }
            }
            let kurs = command.text("kurs")!
            let key = BamfSide.key(command.text("traeger")!, kurs)
            session.bamf.plaene[key] = BamfSide.Plan(aktenzeichen: aktenzeichen, storniert: command.bool("storniert") ?? false)
            return Outcome(output: [.notice(.bamfPlanRestored(kurs))], touched: [.bamfPlan(key)])
        case .bamfRestoreKursnummer:
            let kurs = command.text("kurs")!, nummer = command.text("nummer")!
            let key = BamfSide.key(command.text("traeger")!, kurs)
            if let issued = session.bamf.kursnummern[key] { throw .kursnummerExists(kurs, kursnummer: issued) }
            session.bamf.kursnummern[key] = nummer
            return Outcome(output: [.notice(.bamfKursnummerRestored(kurs, nummer))], touched: [.bamfKursnummer(key)])
        default:
            let n = command.integer("nummer")!
            guard n >= session.bamf.naechsteKursnummer else {
                throw .kursnummernZaehlerBackwards(n, next: session.bamf.naechsteKursnummer)
            }
            session.bamf.naechsteKursnummer = n
            return Outcome(output: [.notice(.kursnummernZaehlerSet(n))], touched: [.bamfSettings])
        }
    }
}
