// The dump: the whole session as a `.kbm` script that recreates it from nothing, BAMF side and message log included.

import KBMDomain
import KBMLanguage
import KBMModel

/// Like sqlite's `.dump`: running the script on a fresh session gives an equal `Session`, and dumping that
/// session gives the same text again, byte for byte. What the workflow commands would send to the BAMF
/// (Zulassungen, Kursplanungen, Kursbeginnmeldungen, the log) is set directly by the restore commands,
/// which send nothing. Everything is written in a fixed order (stored order for what the session keeps in
/// order, sorted for the BAMF's sets), so equal sessions give equal dumps.
public enum Dump {
    /// The commented blocks of a dump; their German headings are in `Wording.dumpComment`.
    public enum Section: Equatable, Sendable {
        case kopf(anonym: Bool), uhr, bamf, mandant, lehrkraefte, teilnehmer, auftrag(String), anmeldungen, geoeffnet
    }

    public static func script(_ session: Session, anonym: Bool = false) -> String {
        var out = Wording.dumpComment(.kopf(anonym: anonym))
        func block(_ section: Section, _ lines: [ScriptLine]) {
            guard !lines.isEmpty else { return }
            out += "\n" + Wording.dumpComment(section)
            for line in lines { out += line.text + "\n" }
        }
        block(.uhr, [ScriptLine(.setToday).argument(session.today.description)])
        block(.bamf, bamf(session.bamf))
        block(.mandant, mandant(session))
        block(.lehrkraefte, session.lehrkraefte.values.map { lk in
            ScriptLine(.addLehrkraft).option("vorname", lk.vorname).option("nachname", lk.nachname)
                .option("kennung", lk.kennung).option("alpha", lk.alpha ? true : nil)
        })
        block(.teilnehmer, teilnehmer(session))
        for auftrag in session.auftraege.values { block(.auftrag(auftrag.nummer), lines(auftrag)) }
        block(.anmeldungen, session.anmeldungen.map { a in
            ScriptLine(.restoreAnmeldung).option("nr", a.nummer).option("datum", a.datum).option("auftrag", a.auftrag)
                .option("typ", a.typ.rawValue.lowercased()).option("ergebnis", a.ergebnis.key)
                .option("anfrage", a.anfrage).option("antwort", a.antwort)
                .option("meldungen", a.meldungen.isEmpty ? nil : a.meldungen.joined(separator: "\n"))
        })
        if let open = session.openAuftrag {
            block(.geoeffnet, [ScriptLine(.openAuftrag).argument(open)])
        } else if !session.auftraege.isEmpty {
            block(.geoeffnet, [ScriptLine(.closeAuftrag)])
        }
        return out
    }

    /// The anonymised dump: one `Anonymizer` for the whole session, so a person's pseudonyms agree everywhere.
    public static func anonymScript(_ session: Session) -> String {
        var anonymizer = Anonymizer(session: session)
        return script(anonymizer.anonymize(session), anonym: true)
    }

    private static func bamf(_ b: BamfSide) -> [ScriptLine] {
        var lines: [ScriptLine] = []
        if b.modus != .lenient { lines.append(ScriptLine(.bamf).option("modus", b.modus.rawValue)) }
        lines += b.traeger.sorted().map { ScriptLine(.bamfRegisterTraeger).argument($0) }
        lines += b.kursorte.sorted().map { ScriptLine(.bamfRegisterKursort).argument($0) }
        lines += b.lehrkraefte.sorted().map { ScriptLine(.bamfRegisterLehrkraft).argument($0) }
        lines += b.teilnehmer.sorted { $0.key < $1.key }.map {
            ScriptLine(.bamfRegisterTeilnehmer).option("az", $0.key).option("geboren", $0.value)
        }
        for kursart in Kursart.allCases {
            guard let n = b.hoechstTeilnehmer[kursart] else { continue }
            lines.append(ScriptLine(.bamfHoechstzahl).argument(kursart.key).argument(String(n)))
        }
        lines += b.zulassungen.sorted { $0.key < $1.key }.map {
            let (traeger, az) = BamfSide.parts(of: $0.key)
            return ScriptLine(.bamfRestoreZulassung).option("traeger", traeger).option("az", az).option("verfahren", $0.value.rawValue)
        }
        lines += b.plaene.sorted { $0.key < $1.key }.map {
            let (traeger, kurs) = BamfSide.parts(of: $0.key)
            return ScriptLine(.bamfRestorePlan).option("traeger", traeger).option("kurs", kurs)
                .option("az", $0.value.aktenzeichen.isEmpty ? nil : $0.value.aktenzeichen.joined(separator: ","))
                .option("storniert", $0.value.storniert ? true : nil)
        }
        lines += b.kursnummern.sorted { $0.key < $1.key }.map {
            let (traeger, kurs) = BamfSide.parts(of: $0.key)
            return ScriptLine(.bamfRestoreKursnummer).option("traeger", traeger).option("kurs", kurs).option("nummer", $0.value)
        }
        if b.naechsteKursnummer != BamfSide().naechsteKursnummer {
            lines.append(ScriptLine(.bamfRestoreZaehler).argument(String(b.naechsteKursnummer)))
        }
        for typ in Anmeldung.Typ.allCases {
            guard let fehler = b.stoerungen[typ] else { continue }
            lines.append(ScriptLine(.bamfStoerung).argument(typ.rawValue.lowercased()).option("fehler", fehler))
        }
        if b.offline { lines.append(ScriptLine(.bamfOffline).argument("on")) }
        if b.verzoegerungMs != 0 { lines.append(ScriptLine(.bamfVerzoegerung).argument(String(b.verzoegerungMs))) }
        return lines
    }

    private static func mandant(_ session: Session) -> [ScriptLine] {
        var lines: [ScriptLine] = []
        let m = session.mandant
        if m != Mandant() {
            lines.append(ScriptLine(.mandant).option("traegernummer", m.traegernummer).option("testnummer", m.testnummer)
                .option("testumgebung", m.testumgebung ? true : nil).option("nur-validieren", m.nurValidieren ? true : nil))
        }
        lines += session.kursorte.values.map { ScriptLine(.addKursort).argument($0.kennung).option("name", $0.name) }
        return lines
    }

    private static func teilnehmer(_ session: Session) -> [ScriptLine] {
        var lines: [ScriptLine] = []
        for tn in session.teilnehmer.values {
            lines.append(ScriptLine(.addTeilnehmer).option("nr", tn.nummer).option("vorname", tn.vorname)
                .option("nachname", tn.nachname).option("geboren", tn.geboren).option("az", tn.az)
                .option("strasse", tn.strasse).option("plz", tn.plz).option("ort", tn.ort))
            if let z = tn.zulassung {
                lines.append(ScriptLine(.restoreZulassung).argument(tn.nummer).option("verfahren", z.verfahren.rawValue)
                    .option("kursart", z.kursart?.key).option("abschnitt", z.kursart.flatMap { k in z.abschnitt?.key(in: k) })
                    .option("datum", z.datum))
            }
        }
        // The counter after the last `add teilnehmer nr=…`; a removed last Tn leaves a gap the counter must keep.
        let afterAdds = session.teilnehmer.keys.compactMap { TnNr(stored: $0)?.number }.max().map { $0 + 1 } ?? 1
        if session.naechsteTeilnehmerNummer != afterAdds {
            lines.append(ScriptLine(.setTnNummer).argument(String(session.naechsteTeilnehmerNummer)))
        }
        return lines
    }

    private static func lines(_ auftrag: Auftrag) -> [ScriptLine] {
        var lines = [ScriptLine(.newAuftrag).argument(auftrag.nummer).option("typ", auftrag.typ.rawValue).option("titel", auftrag.titel)]
        let kursart = auftrag.kursdaten?.kursart
        if let d = auftrag.kursdaten {
            lines.append(ScriptLine(.kursdaten).option("kursart", d.kursart?.key)
                .option("abschnitt", kursart.flatMap { k in d.beginnabschnitt?.key(in: k) })
                .option("beginn", d.kursbeginn).option("kursort", d.kursort).option("ue-woche", d.ueProWoche)
                .option("tage", d.unterrichtstage.sorted().map { Kursdaten.weekdayKeys[$0 - 1] }.joined(separator: ","))
                .option("max", d.hoechstTeilnehmer).option("lehrwerk", d.lehrwerk))
        }
        lines += auftrag.unterbrechungen.map {
            ScriptLine(.unterbrechung).option("von", $0.von).option("bis", $0.bis).option("grund", $0.grund)
        }
        lines += auftrag.zustaendigkeiten.map {
            ScriptLine(.assign).argument($0.kennung).option("art", $0.art == .lehrkraft ? nil : $0.art.rawValue)
        }
        // An Eintrittsabschnitt booked before the Kursart changed may not exist in today's Kursart: book it
        // under the Kursart with the most Abschnitte, then set the Kursart back.
        let widest = Kursart.allCases.max { $0.abschnittCount < $1.abschnittCount }!
        let widen = auftrag.teilnahmen.values.contains { t in
            t.eintrittsabschnitt.map { a in kursart.map { !a.isValid(in: $0) } ?? true } ?? false
        }
        let bookingKursart = widen ? widest : kursart
        if widen { lines.append(ScriptLine(.kursdaten).option("kursart", widest.key)) }
        for t in auftrag.teilnahmen.values {
            lines.append(ScriptLine(.book).argument(t.teilnehmer).option("kostentraeger", t.kostentraeger.rawValue)
                .option("status", t.warAktiv ? Teilnahme.Status.aktiv.rawValue : nil)
                .option("abschnitt", bookingKursart.flatMap { k in t.eintrittsabschnitt?.key(in: k) }))
            if !t.status.isCurrent { lines.append(ScriptLine(.status).argument(t.teilnehmer).argument(t.status.rawValue)) }
            if t.anmelden != (t.kostentraeger == .bamf) {
                lines.append(ScriptLine(.anmelden).argument(t.teilnehmer).argument(t.anmelden ? "ja" : "nein"))
            }
        }
        if widen, let kursart, let d = auftrag.kursdaten {
            lines.append(ScriptLine(.kursdaten).option("kursart", kursart.key).option("abschnitt", d.beginnabschnitt?.key(in: kursart)))
        }
        let plan = auftrag.kursplanung
        if plan.state != .nichtGemeldet {
            lines.append(ScriptLine(.restoreKursplanung).option("status", plan.state.rawValue)
                .option("aktualisierungen", plan.aktualisierungen == 0 ? nil : plan.aktualisierungen)
                .option("gesendet", plan.gesendetAm))
            lines += plan.teilnehmer.map { ScriptLine(.restoreGeplant).argument($0.nummer).option("az", $0.az).option("geboren", $0.geboren) }
        }
        if let kursnummer = auftrag.kbm.kursnummer {
            lines.append(ScriptLine(.restoreKbm).option("kursnummer", kursnummer).option("gemeldet", auftrag.kbm.gemeldetAm))
        }
        return lines
    }
}
