// Commands that talk to the BAMF: Kursanmeldung, Kursplanung, check and Kursbeginnmeldung.

import KBMLanguage
import KBMModel

extension Interpreter {
    /// Sends one message, keeps it in the Anmeldungen log, and names what changed on the BAMF side.
    static func send(_ request: InGeRequest, auftrag: String?, _ session: inout Session, _ inge: any InGe)
        -> (response: InGeResponse, touched: [Touched], log: Output) {
        let today = session.today
        let response = inge.submit(request, nurValidieren: session.mandant.nurValidieren, today: today, bamf: &session.bamf)
        let nummer = session.anmeldungen.count + 1
        session.anmeldungen.append(Anmeldung(
            nummer: nummer, datum: today, auftrag: auftrag, typ: request.typ,
            anfrage: request.xml.document, antwort: response.xml.document,
            ergebnis: response.ergebnis, meldungen: response.meldungen.map(\.line)))
        // Injected faults are used up by the message they hit.
        var touched: [Touched] = [.anmeldung(nummer), .bamfSettings]
        if response.ergebnis == .erfolgreich {
            switch request {
            case .kursanmeldung(let traeger, let tn, _, _, _):
                if let az = tn.az { touched += [.bamfZulassung(BamfSide.key(traeger, az)), .bamfTeilnehmer(az)] }
            case .kursplanung(let kopf, _, _, _):
                touched.append(.bamfPlan(BamfSide.key(kopf.traegernummer, kopf.auftrag)))
            case .kursplanstorno(let traeger, let auftrag):
                touched.append(.bamfPlan(BamfSide.key(traeger, auftrag)))
            case .kursbeginnmeldung(let kopf, _, _, _):
                touched.append(.bamfKursnummer(BamfSide.key(kopf.traegernummer, kopf.auftrag)))
            }
        }
        return (response, touched, .message(session.anmeldungen[nummer - 1]))
    }

    /// How an unsuccessful answer fails the command: nothing for "nur validiert", which is what the user asked for.
    static func failure(_ response: InGeResponse, _ typ: Anmeldung.Typ, _ session: Session) -> DomainError? {
        switch response.ergebnis {
        case .erfolgreich, .validiert: nil
        case .abgelehnt: .meldungRejected(typ, nummer: session.anmeldungen.count)
        case .nichtZugestellt: .meldungNotDelivered(typ, nummer: session.anmeldungen.count)
        }
    }

    static func gesendet(_ tn: Teilnehmer) -> GesendeterTeilnehmer {
        GesendeterTeilnehmer(nummer: tn.nummer, az: tn.az, geboren: tn.geboren)
    }

    static func admit(_ command: ParsedCommand, _ session: inout Session, _ inge: any InGe) throws(DomainError) -> Outcome {
        var tn = try lookupTeilnehmer(command[Keys.Admit.tn], session)
        guard let traeger = session.mandant.sendingNummer else { throw .noTraegernummer }
        guard tn.az != nil else { throw .aktenzeichenNeededForAnmeldung(tn.nummer) }
        let kursart = command[Keys.Admit.kursart]
        var abschnitt: Abschnitt?
        if let text = command[Keys.Admit.abschnitt] { abschnitt = try parseAbschnitt(text, kursart) }
        let verfahren = command[Keys.Admit.verfahren]
        let (response, touched, log) = send(.kursanmeldung(traegernummer: traeger, teilnehmer: gesendet(tn), verfahren: verfahren,
                                                          kursart: kursart, abschnitt: abschnitt),
                                           auftrag: session.openAuftrag, &session, inge)
        guard response.ergebnis == .erfolgreich else {
            return Outcome(output: [log], touched: touched, failure: failure(response, .kursanmeldung, session),
                           delayMs: response.delayMs)
        }
        tn.zulassung = Zulassung(verfahren: verfahren, kursart: kursart, abschnitt: abschnitt, datum: session.today)
        session.teilnehmer[tn.nummer] = tn
        return Outcome(output: [log, .notice(.admitted(tn.nummer, tn.name, verfahren))], touched: touched + [.teilnehmer(tn.nummer)],
                       delayMs: response.delayMs)
    }

    /// The header every course message carries; R4/R5 decide whether it can be built.
    static func kurskopf(_ auftrag: Auftrag, _ session: Session) throws(DomainError) -> (Kurskopf, Kursdaten) {
        guard let traeger = session.mandant.sendingNummer else { throw .noTraegernummer }
        let daten = auftrag.kursdaten ?? Kursdaten()
        guard let kursart = daten.kursart, let abschnitt = daten.beginnabschnitt, let beginn = daten.kursbeginn,
              let kursort = daten.kursort else { throw .kursdatenIncomplete(daten.missingFields) }
        return (Kurskopf(traegernummer: traeger, auftrag: auftrag.nummer, kursort: kursort, kursart: kursart,
                         beginnabschnitt: abschnitt, kursbeginn: beginn, hoechstTeilnehmer: daten.hoechstTeilnehmer), daten)
    }

    static func schedule(_ auftrag: Auftrag) throws(DomainError) -> Abschnittsplan? {
        guard let daten = auftrag.kursdaten else { return nil }
        return try schedule(daten, auftrag.unterbrechungen)
    }

    /// The schedule of these Integrationskursdaten and breaks; nil while Kursart, Beginnabschnitt or Kursbeginn is missing.
    static func schedule(_ daten: Kursdaten, _ unterbrechungen: [Unterbrechung]) throws(DomainError) -> Abschnittsplan? {
        guard let kursart = daten.kursart, let abschnitt = daten.beginnabschnitt, let beginn = daten.kursbeginn else { return nil }
        do {
            return try Abschnittsplan(kursart: kursart, beginnabschnitt: abschnitt, kursbeginn: beginn,
                                      unterrichtstage: daten.unterrichtstage, ueProWoche: daten.ueProWoche,
                                      unterbrechungen: unterbrechungen.map { ($0.von, $0.bis) })
        } catch {
            throw .kursdatenNotSaved(error)
        }
    }

    static func plan(_ session: inout Session, _ inge: any InGe) throws(DomainError) -> Outcome {
        var auftrag = try openedIntegrationskurs(session)
        if auftrag.kursplanung.state == .storniert { throw .kursplanungCancelled }
        try refuseAfterKbm(auftrag)
        let (kopf, _) = try kurskopf(auftrag, session)
        let plan = try schedule(auftrag)!
        let planned = auftrag.plannedTeilnahmen.compactMap { session.teilnehmer[$0.teilnehmer] }
        let update = auftrag.kursplanung.state != .nichtGemeldet
        let (response, touched, log) = send(.kursplanung(kopf, abschnitte: plan.entries, teilnehmer: planned.map(gesendet),
                                                         aktualisierung: update),
                                            auftrag: auftrag.nummer, &session, inge)
        guard response.ergebnis == .erfolgreich else {
            return Outcome(output: [log], touched: touched,
                           failure: failure(response, update ? .kursplanaktualisierung : .kursplanung, session), delayMs: response.delayMs)
        }
        auftrag.kursplanung.state = update ? .aktualisiert : .gemeldet
        if update { auftrag.kursplanung.aktualisierungen += 1 }
        auftrag.kursplanung.teilnehmer = planned.map(gesendet)
        auftrag.kursplanung.gesendetAm = session.today
        session.auftraege[auftrag.nummer] = auftrag
        return Outcome(output: [log, .notice(.planSent(auftrag.nummer, update, planned.count)), .schedule(plan)],
                       touched: touched + [.auftrag(auftrag.nummer)], delayMs: response.delayMs)
    }

    static func planStorno(_ session: inout Session, _ inge: any InGe) throws(DomainError) -> Outcome {
        var auftrag = try openedIntegrationskurs(session)
        switch auftrag.kursplanung.state {
        case .storniert: throw .kursplanungCancelled
        case .nichtGemeldet: throw .noKursplanung
        case .gemeldet, .aktualisiert: break
        }
        try refuseAfterKbm(auftrag)
        guard let traeger = session.mandant.sendingNummer else { throw .noTraegernummer }
        let (response, touched, log) = send(.kursplanstorno(traegernummer: traeger, auftrag: auftrag.nummer),
                                            auftrag: auftrag.nummer, &session, inge)
        guard response.ergebnis == .erfolgreich else {
            return Outcome(output: [log], touched: touched,
                           failure: failure(response, .kursplanstorno, session), delayMs: response.delayMs)
        }
        auftrag.kursplanung.state = .storniert
        session.auftraege[auftrag.nummer] = auftrag
        return Outcome(output: [log, .notice(.planCancelled(auftrag.nummer))], touched: touched + [.auftrag(auftrag.nummer)],
                       delayMs: response.delayMs)
    }

    static func check(_ session: Session) throws(DomainError) -> Outcome {
        let auftrag = try openedAuftrag(session)
        let findings = Checker.findings(for: auftrag, in: session)
        let fehler = findings.filter { $0.severity == .fehler }.count
        return Outcome(output: [.findings(findings)], failure: fehler > 0 ? .checkFailed(fehler: fehler, melden: false) : nil)
    }

    /// Refuses on a local Fehler, sends with warnings (the shell asks first when a person is at the keyboard).
    static func melden(_ session: inout Session, _ inge: any InGe) throws(DomainError) -> Outcome {
        var auftrag = try openedAuftrag(session)
        let findings = Checker.findings(for: auftrag, in: session)
        let fehler = findings.filter { $0.severity == .fehler }.count
        if fehler > 0 {
            return Outcome(output: [.findings(findings)], failure: .checkFailed(fehler: fehler, melden: true))
        }
        let (kopf, _) = try kurskopf(auftrag, session)
        let lehrkraefte = auftrag.zustaendigkeiten.filter { $0.art == .lehrkraft }.map(\.kennung)
        let transmitted = auftrag.transmittedTeilnahmen.compactMap { session.teilnehmer[$0.teilnehmer] }.map(gesendet)
        var output: [Output] = findings.isEmpty ? [] : [.findings(findings)]
        let (response, touched, log) = send(.kursbeginnmeldung(kopf, lehrkraefte: lehrkraefte, teilnehmer: transmitted,
                                                               gesamtTeilnehmer: auftrag.currentTeilnahmen.count),
                                            auftrag: auftrag.nummer, &session, inge)
        output.append(log)
        guard response.ergebnis == .erfolgreich, let kursnummer = response.kursnummer else {
            // R3: a rejection only adds to the log; the same KBM can be sent again once the cause is fixed.
            return Outcome(output: output, touched: touched, failure: failure(response, .kursbeginnmeldung, session),
                           delayMs: response.delayMs)
        }
        auftrag.kbm.kursnummer = kursnummer
        auftrag.kbm.gemeldetAm = session.today
        auftrag.referenznummern[Auftrag.kursnummerName] = kursnummer
        session.auftraege[auftrag.nummer] = auftrag
        output.append(.notice(.kursnummerReceived(auftrag.nummer, kursnummer)))
        return Outcome(output: output, touched: touched + [.auftrag(auftrag.nummer)], delayMs: response.delayMs)
    }

    static func anmeldungen(_ command: ParsedCommand, _ session: Session) throws(DomainError) -> Outcome {
        guard let n = command[Keys.Anmeldungen.nummer] else { return Outcome(output: [.listing(.anmeldungen)]) }
        guard n >= 1 && n <= session.anmeldungen.count else { throw .unknownAnmeldung(n, count: session.anmeldungen.count) }
        return Outcome(output: [.listing(.anmeldung(nummer: n))])
    }
}
