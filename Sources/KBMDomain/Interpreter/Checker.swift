// The software's own look before a Kursbeginnmeldung is sent: rules R1–R14 of domain.md, changing nothing.

import KBMModel

public enum Checker {
    public static func findings(for auftrag: Auftrag, in session: Session) -> [Finding] {
        guard auftrag.typ == .integrationskurs else { return [Finding(.notIntegrationskurs(auftrag.typ))] }
        if let nummer = auftrag.kbm.kursnummer { return [Finding(.alreadyReported(nummer))] }
        var found: [Finding] = []
        if session.mandant.sendingNummer == nil { found.append(Finding(.noTraegernummer)) }
        let daten = auftrag.kursdaten ?? Kursdaten()
        if let kursort = daten.kursort, session.kursorte[kursort] == nil {
            found.append(Finding(.kursortNotOfMandant(kursort)))
        }
        if !daten.missingFields.isEmpty { found.append(Finding(.kursdatenIncomplete(daten.missingFields))) }
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
        if let kursart = daten.kursart {
            let hoechstens = min(daten.hoechstTeilnehmer ?? Int.max, session.bamf.hoechstTeilnehmer(for: kursart))
            let anzahl = auftrag.currentTeilnahmen.count
            if anzahl > hoechstens { found.append(Finding(.hoechstzahlExceeded(anzahl: anzahl, hoechstens: hoechstens))) }
        }
        if let beginn = daten.kursbeginn, let today = session.today {
            if today < beginn { found.append(Finding(.notYetBegun(beginn))) }
            if today - beginn > 7 { found.append(Finding(.late(beginn: beginn, tage: today - beginn))) }
        }
        return found.sorted { $0.regel < $1.regel }
    }
}
