// The tables and records that list and show commands answer with: German headers and formatted cells.

import KBMDomain
import KBMModel

public enum Listing {
    /// The outputs with each listing laid out in place, so that its findings can be seen by whoever shows them.
    public static func expanded(_ outputs: [Output], in session: Session) -> [Output] {
        // Most commands list nothing: their outputs are passed on, not copied into a new array.
        guard outputs.contains(where: { if case .listing = $0 { true } else { false } }) else { return outputs }
        return outputs.flatMap { output -> [Output] in
            if case .listing(let listed) = output { Listing.outputs(listed, session) } else { [output] }
        }
    }

    /// What the domain asked to list, laid out from the session as it stands after the command.
    static func outputs(_ listed: Listed, _ session: Session) -> [Output] {
        switch listed {
        case .auftraege(let typ, let kursart, let gemeldet):
            [.table(auftraege(session, typ: typ, kursart: kursart, gemeldet: gemeldet))]
        case .kursorte: [.table(kursorte(session))]
        case .mandant: [.record(mandant(session))]
        case .lehrkraefte: [.table(lehrkraefte(session))]
        case .report: [.table(report(session))]
        case .personen(let zugelassen): [.table(personen(session, zugelassen: zugelassen))]
        case .kursteilnehmer(let nummer, let filter): session.auftraege[nummer].map { kursteilnehmer($0, session, filter: filter) } ?? []
        case .anmeldungen: [.table(anmeldungen(session))]
        case .anmeldung(let nummer): anmeldung(session.anmeldungen[nummer - 1])
        case .bamf: [.record(bamf(session))]
        case .kursdaten(let nummer): session.auftraege[nummer].map { kursdaten($0, session) } ?? []
        case .show(let nummer, let schedule): session.auftraege[nummer].map { show($0, schedule: schedule, session) } ?? []
        case .teilnehmer(let nummer): session.teilnehmer[nummer].map { show($0, session) } ?? []
        case .lehrkraft(let kennung): session.lehrkraefte[kennung].map { show($0, session) } ?? []
        }
    }

    static func auftraege(_ session: Session, typ: Auftrag.Typ?, kursart: Kursart?, gemeldet: Bool?) -> Table {
        var table = Table(headers: ["Nummer", "Typ", "Titel", "BAMF-Kursnummer"],
                          keys: ["nummer", "typ", "titel", "kursnummer"])
        for auftrag in session.auftraege.values {
            if let typ, auftrag.typ != typ { continue }
            if let kursart, auftrag.kursdaten?.kursart != kursart { continue }
            if let gemeldet, auftrag.kbm.isReported != gemeldet { continue }
            table.rows.append([.text(auftrag.nummer), .text(auftrag.typ.name), cell(auftrag.titel),
                               cell(auftrag.referenznummern["BAMF-Kursnummer"])])
        }
        return table
    }

    static func kursorte(_ session: Session) -> Table {
        var table = Table(headers: ["Kursortkennung", "Name"], keys: ["kennung", "name"])
        for kursort in session.kursorte.values {
            table.rows.append([.text(kursort.kennung), cell(kursort.name)])
        }
        return table
    }

    static func mandant(_ session: Session) -> Record {
        let m = session.mandant
        return Record(title: "Mandant", fields: [
            ("Trägernummer", cell(m.traegernummer)),
            ("Testträgernummer", cell(m.testnummer)),
            ("Testumgebung", .flag(m.testumgebung)),
            ("Nur validieren", .flag(m.nurValidieren)),
            ("Kursortkennungen", .text(session.kursorte.keys.joined(separator: ", "))),
        ])
    }

    static func lehrkraefte(_ session: Session) -> Table {
        var table = Table(headers: ["Kennung", "Vorname", "Nachname", "Alpha", "Zuständig in"],
                          keys: ["kennung", "vorname", "nachname", "alpha", "auftraege"])
        for lk in session.lehrkraefte.values {
            let auftraege = session.auftraege.values.filter { $0.zustaendigkeiten.contains { $0.kennung == lk.kennung } }.map(\.nummer)
            table.rows.append([.text(lk.kennung), .text(lk.vorname), .text(lk.nachname), .flag(lk.alpha),
                               .text(auftraege.joined(separator: ", "))])
        }
        return table
    }

    /// One row per Auftrag: the overview a power user or support starts from.
    static func report(_ session: Session) -> Table {
        var table = Table(headers: ["Auftrag", "Typ", "Kursart", "Beginn", "Gesamt-Tn", "Übermittelt", "Kursplanung",
                                    "Kursbeginnmeldung", "Kursnummer", "Offene Befunde"],
                          keys: ["auftrag", "typ", "kursart", "beginn", "gesamt_tn", "uebermittelt", "kursplanung",
                                 "kursbeginnmeldung", "kursnummer", "befunde"])
        for a in session.auftraege.values {
            let findings = a.kbm.isReported || a.typ != .integrationskurs ? [] : Checker.findings(for: a, in: session)
            let fehler = findings.filter { $0.severity == .fehler }.map { "R\($0.regel)" }
            let warnungen = findings.filter { $0.severity == .warnung }.map { "R\($0.regel)" }
            let befunde = (fehler.isEmpty ? [] : ["Fehler " + fehler.joined(separator: ",")])
                + (warnungen.isEmpty ? [] : ["Warnung " + warnungen.joined(separator: ",")])
            let ik = a.typ == .integrationskurs
            table.rows.append([
                .text(a.nummer), .text(a.typ.name), cell(a.kursdaten?.kursart?.name), a.kursdaten?.kursbeginn.map(Cell.date) ?? .empty,
                ik ? .number(a.currentTeilnahmen.count) : .empty, ik ? .number(a.transmittedTeilnahmen.count) : .empty,
                ik ? .text(a.kursplanung.state.rawValue) : .empty, ik ? .text(a.kbm.isReported ? "gemeldet" : "nicht gemeldet") : .empty,
                cell(a.kbm.kursnummer), .text(befunde.joined(separator: "; ")),
            ])
        }
        return table
    }

    /// Every person, when no Auftrag is open.
    static func personen(_ session: Session, zugelassen: Bool? = nil) -> Table {
        var table = Table(headers: ["Tn-Nr", "Nachname", "Vorname", "Geburtsdatum", "Aktenzeichen", "Zugelassen"],
                          keys: ["tn", "nachname", "vorname", "geboren", "az", "zugelassen"])
        for tn in session.teilnehmer.values where zugelassen == nil || (tn.zulassung != nil) == zugelassen {
            table.rows.append([.text(tn.nummer), .text(tn.nachname), .text(tn.vorname), .date(tn.geboren), cell(tn.az),
                               cell(tn.zulassung.map { "\($0.verfahren.name), \($0.datum)" })])
        }
        return table
    }

    /// The Kursteilnehmer view: booked Tn with status wartet or aktiv, the A column, and the two counts.
    static func kursteilnehmer(_ auftrag: Auftrag, _ session: Session, filter: Listed.Filter = Listed.Filter()) -> [Output] {
        var table = Table(headers: ["Tn-Nr", "Name", "Geburtsdatum", "Aktenzeichen", "Status", "Kostenträger", "A", "Zugelassen"],
                          keys: ["tn", "name", "geboren", "az", "status", "kostentraeger", "a", "zugelassen"], name: "teilnehmer")
        // The view is the current Tn; naming a status shows that status instead (abgebrochen, beendet …).
        let status = filter.status, kostentraeger = filter.kostentraeger, a = filter.a, zugelassen = filter.zugelassen
        for teilnahme in auftrag.teilnahmen.values {
            if let status { if teilnahme.status != status { continue } } else if !teilnahme.status.isCurrent { continue }
            guard let tn = session.teilnehmer[teilnahme.teilnehmer] else { continue }
            if let kostentraeger, teilnahme.kostentraeger != kostentraeger { continue }
            if let a, teilnahme.anmelden != a { continue }
            if let zugelassen, (tn.zulassung != nil) != zugelassen { continue }
            table.rows.append([.text(tn.nummer), .text(tn.name), .date(tn.geboren), cell(tn.az),
                               .text(teilnahme.status.rawValue), .text(teilnahme.kostentraeger.name),
                               .flag(teilnahme.anmelden), .flag(tn.zulassung != nil)])
        }
        return [.table(table), .notice(.teilnehmerCounts(uebermittelt: auftrag.transmittedTeilnahmen.count,
                                                          gesamt: auftrag.currentTeilnahmen.count))]
    }

    static func anmeldungen(_ session: Session) -> Table {
        var table = Table(headers: ["Nr", "Datum", "Auftrag", "Typ", "Ergebnis", "Meldungen"],
                          keys: ["nr", "datum", "auftrag", "typ", "ergebnis", "meldungen"])
        for a in session.anmeldungen {
            table.rows.append([.number(a.nummer), .date(a.datum), cell(a.auftrag), .text(a.typ.rawValue), .text(a.ergebnis.rawValue),
                               .text(a.meldungen.map { String($0.prefix(while: { $0 != ":" })) }.joined(separator: ", "))])
        }
        return table
    }

    static func anmeldung(_ a: Anmeldung) -> [Output] {
        [.record(Record(title: "Nachricht \(a.nummer)", fields: [
            ("Datum", .date(a.datum)), ("Auftrag", cell(a.auftrag)), ("Typ", .text(a.typ.rawValue)),
            ("Ergebnis", .text(a.ergebnis.rawValue)),
            ("Anfrage", .text(a.anfrage)), ("Antwort", .text(a.antwort)),
        ]))]
    }

    static func bamf(_ session: Session) -> Record {
        let b = session.bamf
        return Record(title: "Simuliertes BAMF (InGe-Online)", fields: [
            ("Modus", .text(b.modus.rawValue)),
            ("Träger", .text(b.traeger.sorted().joined(separator: ", "))),
            ("Kursorte", .text(b.kursorte.sorted().joined(separator: ", "))),
            ("Lehrkräfte", .text(b.lehrkraefte.sorted().joined(separator: ", "))),
            ("Teilnehmer", .number(b.teilnehmer.count)),
            ("Zulassungen", .number(b.zulassungen.count)),
            ("Kursplanungen", .number(b.plaene.count)),
            ("Kursnummern", .number(b.kursnummern.count)),
            ("Höchstteilnehmer", .text(Kursart.allCases.map { "\($0.key) \(b.hoechstTeilnehmer(for: $0))" }.joined(separator: ", "))),
            ("Erreichbar", .flag(!b.offline)),
            ("Verzögerung", .text("\(b.verzoegerungMs) ms")),
            ("Störungen", .text(Anmeldung.Typ.allCases.compactMap { t in b.stoerungen[t].map { "\(t.rawValue) → \($0)" } }
                .joined(separator: ", "))),
            ("Gesendet an", .text(session.verbindung.map { "\($0.url), Benutzer \($0.benutzer)" } ?? "eingebauter Simulator")),
        ])
    }

    static func kursdaten(_ auftrag: Auftrag, _ session: Session) -> [Output] {
        let d = auftrag.kursdaten ?? Kursdaten()
        let weekdays = d.unterrichtstage.sorted().map { Kursdaten.weekdayKeys[$0 - 1] }.joined(separator: ",")
        return [.record(Record(title: "Integrationskursdaten \(auftrag.nummer)", fields: [
            ("Kursart", cell(d.kursart?.name)),
            ("Beginnabschnitt", cell(d.kursart.flatMap { k in d.beginnabschnitt.map { $0.name(in: k) } })),
            ("Kursbeginn", d.kursbeginn.map(Cell.date) ?? .empty),
            ("Kursort", cell(d.kursort)),
            ("UE pro Woche", .number(d.ueProWoche)),
            ("Unterrichtstage", .text(weekdays)),
            ("Höchstteilnehmerzahl", d.hoechstTeilnehmer.map(Cell.number)
                ?? d.kursart.map { .text("\(session.bamf.hoechstTeilnehmer(for: $0)) (Vorgabe der Kursart)") } ?? .empty),
            ("Lehrwerk", cell(d.lehrwerk)),
        ], name: "kursdaten"))]
    }

    static func show(_ auftrag: Auftrag, schedule: Result<Abschnittsplan?, DomainError>, _ session: Session) -> [Output] {
        var fields: [(String, Cell)] = [
            ("Nummer", .text(auftrag.nummer)),
            ("Typ", .text(auftrag.typ.name)),
            ("Titel", cell(auftrag.titel)),
        ]
        for (name, value) in auftrag.referenznummern.sorted(by: { $0.key < $1.key }) {
            fields.append((name, .text(value)))
        }
        var output: [Output] = [.record(Record(title: "Auftrag \(auftrag.nummer)", fields: fields, name: "auftrag"))]
        guard auftrag.typ == .integrationskurs else { return output }
        output += kursdaten(auftrag, session)
        if !auftrag.unterbrechungen.isEmpty {
            var table = Table(headers: ["Unterbrechung von", "bis", "Grund"], keys: ["von", "bis", "grund"], name: "unterbrechungen")
            for u in auftrag.unterbrechungen { table.rows.append([.date(u.von), .date(u.bis), cell(u.grund)]) }
            output.append(.table(table))
        }
        var zust = Table(headers: ["Zuständigkeit", "Kennung", "Name"], keys: ["art", "kennung", "name"], name: "zustaendigkeiten")
        for z in auftrag.zustaendigkeiten {
            zust.rows.append([.text(z.art.name), .text(z.kennung), cell(session.lehrkraefte[z.kennung]?.name)])
        }
        output.append(.table(zust))
        output += kursteilnehmer(auftrag, session)
        let versuche = session.anmeldungen.filter { $0.auftrag == auftrag.nummer && $0.typ == .kursbeginnmeldung && $0.ergebnis == .abgelehnt }.count
        output.append(.record(Record(title: "Meldungen", fields: [
            ("Kursplanung", .text(auftrag.kursplanung.state.rawValue
                + (auftrag.kursplanung.aktualisierungen > 0 ? " (\(auftrag.kursplanung.aktualisierungen)× aktualisiert)" : ""))),
            ("Kursbeginnmeldung", .text(auftrag.kbm.isReported ? "gemeldet" : "nicht gemeldet")),
            ("Abgelehnte Versuche", .number(versuche)),
            (Auftrag.kursnummerName, cell(auftrag.kbm.kursnummer)),
        ], name: "meldungen")))
        // Data entered before kbm refused it (a course past 31.12.9999) costs the schedule, not the rest of `show`.
        switch schedule {
        case .success(let plan): if let plan { output.append(.schedule(plan)) }
        case .failure(let error): output.append(.notice(.scheduleUnavailable(error)))
        }
        if !auftrag.kbm.isReported { output.append(.findings(Checker.findings(for: auftrag, in: session))) }
        return output
    }

    /// Everything about one person: the data, the Zulassung, and every booking with what the BAMF has of it.
    static func show(_ tn: Teilnehmer, _ session: Session) -> [Output] {
        let anschrift = [tn.strasse, [tn.plz, tn.ort].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }
            .filter { !$0.isEmpty }.joined(separator: ", ")
        let zulassung = tn.zulassung.map { z in
            "\(z.verfahren.name), \(z.datum)" + (z.kursart.map { k in ", \(k.name)" + (z.abschnitt.map { ", \($0.name(in: k))" } ?? "") } ?? "")
        }
        var output: [Output] = [.record(Record(title: "Teilnehmer \(tn.nummer)", fields: [
            ("Tn-Nr", .text(tn.nummer)), ("Nachname", .text(tn.nachname)), ("Vorname", .text(tn.vorname)),
            ("Geburtsdatum", .date(tn.geboren)), ("Aktenzeichen", cell(tn.az)), ("Anschrift", cell(anschrift.isEmpty ? nil : anschrift)),
            ("Zulassung", cell(zulassung)),
        ]))]
        var table = Table(headers: ["Auftrag", "Status", "Kostenträger", "A", "Eintrittsabschnitt", "In Kursplanung", "BAMF-Kursnummer"],
                          keys: ["auftrag", "status", "kostentraeger", "a", "eintritt", "geplant", "kursnummer"])
        for auftrag in session.auftraege.values {
            guard let t = auftrag.teilnahmen[tn.nummer] else { continue }
            let eintritt = auftrag.kursdaten?.kursart.flatMap { k in t.eintrittsabschnitt.map { $0.name(in: k) } }
            table.rows.append([.text(auftrag.nummer), .text(t.status.rawValue), .text(t.kostentraeger.name), .flag(t.anmelden),
                               cell(eintritt), .flag(auftrag.kursplanung.teilnehmer.contains { $0.nummer == tn.nummer }),
                               cell(auftrag.kbm.kursnummer)])
        }
        output.append(.table(table))
        return output
    }

    /// A Lehrkraft and every Auftrag she is responsible in.
    static func show(_ lk: Lehrkraft, _ session: Session) -> [Output] {
        var table = Table(headers: ["Auftrag", "Zuständigkeit", "BAMF-Kursnummer"], keys: ["auftrag", "art", "kursnummer"])
        for auftrag in session.auftraege.values {
            for z in auftrag.zustaendigkeiten where z.kennung == lk.kennung {
                table.rows.append([.text(auftrag.nummer), .text(z.art.name), cell(auftrag.kbm.kursnummer)])
            }
        }
        return [.record(Record(title: "Lehrkraft \(lk.kennung)", fields: [
            ("Kennung", .text(lk.kennung)), ("Vorname", .text(lk.vorname)), ("Nachname", .text(lk.nachname)), ("Alpha", .flag(lk.alpha)),
        ])), .table(table)]
    }

    static func cell(_ text: String?) -> Cell {
        text.map { .text($0) } ?? .empty
    }
}
