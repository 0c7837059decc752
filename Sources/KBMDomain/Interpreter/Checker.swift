// The software's own look before a Kursbeginnmeldung is sent: rules R1–R14 of domain.md, changing nothing.

import KBMModel

public enum Checker {
    public static func findings(for auftrag: Auftrag, in session: Session) -> [Finding] {
        guard auftrag.typ == .integrationskurs else { return [Finding(.notIntegrationskurs(auftrag.typ))] }
        if let nummer = auftrag.kbm.kursnummer { return [Finding(.alreadyReported(nummer))] }
        var found: [Finding] = []
        if session.mandant.sendingNummer == nil { found.append(Finding(.noTraegernummer)) }
        let daten = auftrag.kursdaten ?? Kursdaten()
        if let kursort = daten.kursort, session.kursorte.storedKey(for: kursort) == nil {
            found.append(Finding(.kursortNotOfMandant(kursort)))
        }
        if !daten.missingFields.isEmpty { found.append(Finding(.kursdatenIncomplete(daten.missingFields))) }
        found += kursdatenWarnings(daten, auftrag.unterbrechungen)
        switch auftrag.kursplanung.state {
        case .storniert: found.append(Finding(.kursplanungCancelled))
        case .nichtGemeldet:
            if let beginn = daten.kursbeginn, beginn >= SimulatedInGe.planPflichtAb { found.append(Finding(.noKursplanung)) }
        case .gemeldet, .aktualisiert: break
        }
        if !auftrag.zustaendigkeiten.contains(where: { $0.art == .lehrkraft }) { found.append(Finding(.noLehrkraft)) }
        let transmitted = auftrag.transmittedTeilnahmen
        for teilnahme in transmitted {
            guard let tn = session.teilnehmer[teilnahme.teilnehmer] else { continue }
            if tn.az == nil { found.append(Finding(.aktenzeichenMissing(nummer: tn.nummer, name: tn.name))) }
            if tn.zulassung == nil { found.append(Finding(.notAdmitted(nummer: tn.nummer, name: tn.name))) }
        }
        if transmitted.isEmpty { found.append(Finding(.noTeilnehmer)) }
        if auftrag.kursplanung.state == .gemeldet || auftrag.kursplanung.state == .aktualisiert, !transmitted.isEmpty,
           !transmitted.contains(where: { t in
               let az = session.teilnehmer[t.teilnehmer]?.az
               return az != nil && auftrag.kursplanung.teilnehmer.contains { $0.az == az }
           }) {
            found.append(Finding(.noTeilnehmerPlanned))
        }
        if let hoechstens = hoechstTeilnehmer(daten, session) {
            let anzahl = auftrag.currentTeilnahmen.count
            if anzahl > hoechstens.anzahl {
                found.append(Finding(.hoechstzahlExceeded(anzahl: anzahl, hoechstens: hoechstens.anzahl, vorgabe: hoechstens.vorgabe)))
            }
        }
        if let beginn = daten.kursbeginn {
            if session.today < beginn { found.append(Finding(.notYetBegun(beginn))) }
            if session.today - beginn > 7 { found.append(Finding(.late(beginn: beginn, tage: session.today - beginn))) }
        }
        return found.sorted { $0.regel < $1.regel }
    }

    /// The Höchstteilnehmerzahl that decides R12, here and at the BAMF (the Kursplanung and the KBM carry it): the
    /// course's own (`kursdaten max=`), else the Kursart's as the simulated BAMF sets it (`vorgabe` names the Kursart).
    public static func hoechstTeilnehmer(_ daten: Kursdaten, _ session: Session) -> (anzahl: Int, vorgabe: Kursart?)? {
        if let eigene = daten.hoechstTeilnehmer { return (eigene, nil) }
        return daten.kursart.map { (session.bamf.hoechstTeilnehmer(for: $0), $0) }
    }

    /// Warnings about the Integrationskursdaten themselves, shown at entry and by `check`: a Kursbeginn on which
    /// nothing is taught, and breaks that overlap.
    public static func kursdatenWarnings(_ daten: Kursdaten, _ unterbrechungen: [Unterbrechung]) -> [Finding] {
        var found: [Finding] = []
        let pausen = unterbrechungen.map { (von: $0.von, bis: $0.bis) }
        if let beginn = daten.kursbeginn,
           let grund = Unterrichtsfrei.reason(for: beginn, unterrichtstage: daten.unterrichtstage, unterbrechungen: pausen),
           let erster = Unterrichtsfrei.firstTeachingDay(from: beginn, unterrichtstage: daten.unterrichtstage, unterbrechungen: pausen) {
            found.append(Finding(.kursbeginnNoTeachingDay(kursbeginn: beginn, ersterUnterrichtstag: erster, grund: grund)))
        }
        let sorted = unterbrechungen.sorted { ($0.von, $0.bis) < ($1.von, $1.bis) }
        for (i, a) in sorted.enumerated() {
            for b in sorted[(i + 1)...] where b.von <= a.bis { found.append(Finding(.unterbrechungenOverlap(a, b))) }
        }
        return found
    }
}
