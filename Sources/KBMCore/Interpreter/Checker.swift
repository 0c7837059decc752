// The software's own look before a Kursbeginnmeldung is sent: rules R1–R14 of domain.md, changing nothing.

public enum Checker {
    public static func findings(for auftrag: Auftrag, in session: Session) -> [Finding] {
        guard auftrag.typ == .integrationskurs else { return [Finding(.keinIntegrationskurs(auftrag.typ))] }
        if let nummer = auftrag.kbm.kursnummer { return [Finding(.bereitsGemeldet(nummer))] }
        var found: [Finding] = []
        if session.mandant.sendingNummer == nil { found.append(Finding(.keineTraegernummer)) }
        let daten = auftrag.kursdaten ?? Kursdaten()
        if let kursort = daten.kursort, session.kursorte[kursort] == nil {
            found.append(Finding(.kursortNichtBeimMandanten(kursort)))
        }
        if !daten.missingFields.isEmpty { found.append(Finding(.kursdatenUnvollstaendig(daten.missingFields))) }
        switch auftrag.kursplanung.state {
        case .storniert: found.append(Finding(.kursplanungStorniert))
        case .nichtGemeldet:
            if let beginn = daten.kursbeginn, beginn >= SimulatedInGe.planPflichtAb { found.append(Finding(.keineKursplanung)) }
        case .gemeldet, .aktualisiert: break
        }
        if !auftrag.zustaendigkeiten.contains(where: { $0.art == .lehrkraft }) { found.append(Finding(.keineLehrkraft)) }
        let transmitted = auftrag.transmittedTeilnahmen
        for teilnahme in transmitted {
            guard let tn = session.teilnehmer[teilnahme.teilnehmer] else { continue }
            if tn.az == nil { found.append(Finding(.aktenzeichenFehlt(nummer: tn.nummer, name: tn.name))) }
            if tn.zulassung == nil { found.append(Finding(.nichtZugelassen(nummer: tn.nummer, name: tn.name))) }
        }
        if transmitted.isEmpty { found.append(Finding(.keinTeilnehmer)) }
        if auftrag.kursplanung.state == .gemeldet || auftrag.kursplanung.state == .aktualisiert, !transmitted.isEmpty,
           !transmitted.contains(where: { t in
               let az = session.teilnehmer[t.teilnehmer]?.az
               return az != nil && auftrag.kursplanung.teilnehmer.contains { $0.az == az }
           }) {
            found.append(Finding(.keinerGeplant))
        }
        if let kursart = daten.kursart {
            let hoechstens = min(daten.hoechstTeilnehmer ?? Int.max, session.bamf.hoechstTeilnehmer(for: kursart))
            let anzahl = auftrag.currentTeilnahmen.count
            if anzahl > hoechstens { found.append(Finding(.hoechstzahl(anzahl: anzahl, hoechstens: hoechstens))) }
        }
        if let beginn = daten.kursbeginn, let today = session.today {
            if today < beginn { found.append(Finding(.nochNichtBegonnen(beginn))) }
            if today - beginn > 7 { found.append(Finding(.verspaetet(beginn: beginn, tage: today - beginn))) }
        }
        return found.sorted { $0.regel < $1.regel }
    }
}
