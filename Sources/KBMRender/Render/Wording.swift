// Every German sentence kbm says about what happened or went wrong, in one place.

import KBMDomain
import KBMLanguage
import KBMModel
import KBMPersistence

public enum Wording {
    public static func text(_ notice: Notice) -> String { sentence(notice).text }

    /// The notice as a line of output.
    public static func line(_ notice: Notice) -> String { sentence(notice).line }

    private static func sentence(_ notice: Notice) -> Sentence {
        switch notice {
        case .mandantSaved: "Mandant gespeichert."
        case .kursortAdded(let k): "Kursort \(k) angelegt."
        case .auftragCreated(let nr, let typ): "Auftrag \(nr) (\(typ.name)) angelegt und geöffnet."
        case .auftragOpened(let nr): "Auftrag \(nr) geöffnet."
        case .auftragEdited(let nr): "Auftrag \(nr) geändert."
        case .auftragRemoved(let nr): "Auftrag \(nr) gelöscht."
        case .todaySet(let day): "Heute ist für diese Sitzung der \(day) (\(weekdayName(day.weekday)))."
        case .nothingToList(let what): "Keine \(what) vorhanden."
        case .sessionSaved(let path): "Sitzung nach \(path) gespeichert."
        case .kursdatenSaved(let nr): "Integrationskursdaten von \(nr) gespeichert."
        case .unknownKursortHint(let k): "Hinweis: \(k) ist (noch) keine Kursortkennung des Mandanten („add kursort \(k)“)."
        case .unterbrechungSaved(let von, let bis): "Unterbrechung \(von) bis \(bis) eingetragen."
        case .assigned(let name, let kennung, let art, let nr): "\(name) (\(kennung)) ist in \(nr) zuständig als \(art.name)."
        case .unassigned(let kennung, let nr): "Zuständigkeit von \(kennung) in \(nr) aufgehoben."
        case .booked(let tn, let name, let nr, let kt, let a):
            "\(tn) \(name) in \(nr) gebucht (Kostenträger \(kt.name), A-Kennzeichen \(a ? "an" : "aus"))."
        case .unbooked(let tn, let nr): "Buchung von \(tn) in \(nr) zurückgenommen."
        case .statusSet(let tn, let status): "Status von \(tn): \(status.rawValue)."
        case .anmeldenSet(let tn, let on): "A-Kennzeichen von \(tn) \(on ? "an: wird übermittelt" : "aus: wird nicht übermittelt")."
        case .lehrkraftAdded(let name, let kennung): "Lehrkraft \(name) (\(kennung)) angelegt."
        case .lehrkraftEdited(let k): "Lehrkraft \(k) geändert."
        case .lehrkraftRemoved(let k): "Lehrkraft \(k) gelöscht."
        case .teilnehmerAdded(let nr, let name): "Teilnehmer \(nr) angelegt: \(name)."
        case .teilnehmerEdited(let nr): "Teilnehmer \(nr) geändert."
        case .teilnehmerRemoved(let nr): "Teilnehmer \(nr) gelöscht."
        case .admitted(let nr, let name, let v): "\(nr) \(name) ist zugelassen (\(v.name))."
        case .planSent(let nr, let update, let n):
            "Kursplanung von \(nr) \(update ? "aktualisiert" : "gemeldet") mit \(n) \(n == 1 ? "Teilnehmer" : "Teilnehmern")."
        case .planCancelled(let nr): "Kursplanung von \(nr) storniert. Das ist endgültig."
        case .kursnummerReceived(let nr, let k): "Kursbeginn von \(nr) gemeldet. BAMF-Kursnummer: \(k)"
        case .teilnehmerCounts(let u, let g): "Übermittelt: \(u) · Gesamt-Tn-Zahl: \(g)"
        case .testdatenRegistered: "Testdaten beim simulierten BAMF registriert: Träger \(Testdaten.traeger.joined(separator: ", ")), Kursorte \(Testdaten.kursorte.joined(separator: ", ")), Lehrkräfte \(Testdaten.lehrkraefte.joined(separator: ", ")), Teilnehmer \(Testdaten.teilnehmer.map(\.az).joined(separator: ", "))."
        case .bamfRegistered(let art, let id): "\(art) \(id) beim simulierten BAMF registriert."
        case .hoechstzahlSet(let k, let n): "Höchstteilnehmerzahl für den \(kursart(k, .akkusativ)): \(n)."
        case .bamfModusSet(let m): "Simuliertes BAMF im Modus \(m.rawValue)."
        case .zulassungRevoked(let nr): "Hinweis: die Zulassung von \(nr) galt dem alten Aktenzeichen; \(nr) muss neu angemeldet werden („admit \(nr) verfahren=…“)."
        case .recordingStarted(let path): "Aufzeichnung nach \(path) begonnen; „record stop“ beendet sie."
        case .recordingStopped(let path): "Aufzeichnung \(path) beendet."
        case .verlaufExported(let path, let n): "\(n) Befehlszeilen nach \(path) geschrieben."
        case .stoerungSet(let typ, let n): "Die nächste \(typ.rawValue) lehnt das simulierte BAMF mit Fehler \(n) ab."
        case .offlineSet(let on): on ? "Das simulierte BAMF ist nicht erreichbar." : "Das simulierte BAMF ist wieder erreichbar."
        case .verzoegerungSet(let ms): ms == 0 ? "Das simulierte BAMF antwortet ohne Verzögerung." : "Das simulierte BAMF antwortet \(ms) ms verzögert."
        // dump and restoring a dump
        case .dumpWritten(let path): "Sitzung als Skript nach \(path) geschrieben."
        case .zulassungRestored(let tn, let v): "Zulassung von \(tn) eingetragen (\(v.name))."
        case .kursplanungRestored(let nr, let state): "Kursplanung von \(nr) eingetragen: \(state.rawValue)."
        case .geplantRestored(let tn, let nr): "\(tn) steht in der Kursplanung von \(nr)."
        case .kbmRestored(let nr, let k): "Kursbeginnmeldung von \(nr) eingetragen. BAMF-Kursnummer: \(k)"
        case .anmeldungRestored(let n, let typ): "Nachricht \(n) (\(typ.rawValue)) ins Protokoll eingetragen."
        case .tnNummerSet(let n): "Der nächste Teilnehmer bekommt die Tn-Nr \(TnNr(n))."
        case .auftragClosed(let nr): "Auftrag \(nr) geschlossen; kein Auftrag ist geöffnet."
        case .bamfZulassungRestored(let az): "Zulassung von \(az) beim simulierten BAMF eingetragen."
        case .bamfPlanRestored(let kurs): "Kursplanung von \(kurs) beim simulierten BAMF eingetragen."
        case .bamfKursnummerRestored(let kurs, let k): "BAMF-Kursnummer \(k) für \(kurs) beim simulierten BAMF eingetragen."
        case .kursnummernZaehlerSet(let n): "Die nächste Kursnummer des simulierten BAMF hat die laufende Nummer \(n)."
        case .hoechstzahlAboveVorgabe(let n, let vorgabe, let k):
            "Hinweis: \(n) liegt über der Höchstteilnehmerzahl des \(kursart(k, .genitiv)) (\(vorgabe)); das setzt eine Genehmigung des BAMF voraus. Für diesen Kurs gilt \(n), bei kbm wie beim BAMF."
        case .scheduleUnavailable(let error): "\(message(error))"
        case .stoerungCleared(let typ, let n):
            n.map { "Die Störung \($0) für die nächste \(typ.rawValue) ist aufgehoben." } ?? "Für die \(typ.rawValue) war keine Störung eingestellt."
        }
    }

    /// The comment lines of a dump, so a reader sees what each block restores.
    public static func dumpComment(_ section: Dump.Section) -> String {
        switch section {
        case .kopf(let anonym):
            "# kbm-Sitzung als Skript („dump“). Auf einer frischen Sitzung ausgeführt, stellt es die Sitzung wieder her:\n"
                + "#   kbm DATEI.kbm --session NEU.db\n"
                + (anonym ? "# Anonymisiert: Namen, Geburtsdaten, Anschriften, Aktenzeichen und Lehrkraftkennungen sind Pseudonyme.\n" : "")
        case .uhr: "# Die Uhr der Sitzung\n"
        case .bamf: "# Das simulierte BAMF (InGe-Online): was es kennt, erhalten und vergeben hat\n"
        case .mandant: "# Mandant und Kursorte\n"
        case .lehrkraefte: "# Lehrkräfte\n"
        case .teilnehmer: "# Teilnehmer mit ihren Tn-Nrn (nie wiederverwendet, Lücken bleiben) und Zulassungen\n"
        case .auftrag(let nr): "# Auftrag \(nr)\n"
        case .anmeldungen: "# Das Protokoll aller Nachrichten an das BAMF\n"
        case .geoeffnet: "# Der geöffnete Auftrag\n"
        }
    }

    /// "Laufzeit: 3,25 ms", with the German decimal comma.
    public static func duration(_ nanoseconds: Int) -> String {
        let hundredths = (nanoseconds + 5_000) / 10_000
        let fraction = hundredths % 100
        return "Laufzeit: \(hundredths / 100),\(fraction < 10 ? "0" : "")\(fraction) ms"
    }

    public static func weekdayName(_ weekday: Int) -> String {
        ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"][weekday - 1]
    }

    public static func message(_ error: any Error) -> String {
        switch error {
        case let e as LanguageError: message(e)
        case let e as DomainError: message(e)
        case let e as StoreError: message(e)
        case let e as ShellError: message(e)
        case let e as AbschnittsplanError: message(e)
        case let e as InvocationError: message(e)
        case let e as ServedError: message(e)
        default: "Interner Fehler: \(error)"
        }
    }

    /// A word the user typed, in German quotes; a very long one is cut, so a hostile line cannot flood the screen.
    static func quoted(_ s: String) -> String {
        s.count > 60 ? "„\(s.prefix(57))…“" : "„\(s)“"
    }

    static func list(_ items: [String]) -> String { items.joined(separator: ", ") }

    public static func message(_ error: LanguageError) -> String {
        switch error {
        case .unterminatedQuote(let column):
            "Anführungszeichen in Spalte \(column) wird nicht geschlossen."
        case .controlCharacter(let column):
            "Unzulässiges Steuerzeichen in Spalte \(column)."
        case .unknownCommand(let word, let suggestion):
            "Unbekannter Befehl \(quoted(word))." + (suggestion.map { " Meinten Sie \(quoted($0))?" } ?? " Eine Übersicht gibt „help“.")
        case .unknownSubcommand(let word, let command, let expected, let suggestion):
            "\(quoted(command)) kennt \(quoted(word)) nicht" + (suggestion.map { " – meinten Sie \(quoted("\(command) \($0)"))?" } ?? ".")
                + " Möglich: \(list(expected.map { "\(command) \($0)" }))."
        case .incompleteCommand(let command, let expected):
            "\(quoted(command)) braucht ein weiteres Wort: \(list(expected.map { "\(command) \($0)" }))."
        case .unexpectedArgument(let word, let usage):
            "Überzähliges Wort \(quoted(word)). Aufruf: \(usage)"
        case .missingArgument(let placeholder, let usage):
            "\(placeholder) fehlt. Aufruf: \(usage)"
        case .unknownKey(let key, let command, let suggestion, let usage):
            "\(quoted(command)) kennt den Schlüssel \(quoted(key)) nicht" + (suggestion.map { " – meinten Sie \(quoted($0 + "="))?" } ?? ".")
                + " Aufruf: \(usage)"
        case .duplicateKey(let key):
            "Der Schlüssel \(quoted(key)) ist doppelt angegeben."
        case .missingKey(let key, let usage):
            "Pflichtangabe \(quoted(key + "=")) fehlt. Aufruf: \(usage)"
        case .emptyValue(let key):
            "\(quoted(key + "=")) braucht einen Wert."
        case .invalidDate(let word):
            "\(quoted(word)) ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT)."
        case .invalidNumber(let word, let range):
            "\(quoted(word)) ist keine ganze Zahl von \(range.lowerBound) bis \(range.upperBound)."
        case .invalidChoice(let word, let allowed):
            "\(quoted(word)) ist nicht zulässig. Möglich: \(list(allowed))."
        case .invalidIdentifier(let word):
            "\(quoted(word)) ist keine gültige Kennung (1–20 Buchstaben A–Z, Ziffern, „-“ und „/“)."
        case .invalidYesNo(let word):
            "\(quoted(word)) ist weder „ja“ noch „nein“ (gleichwertig: „on“, „off“)."
        case .notACommand(let words, let command):
            "\(quoted(words)) ist kein Befehl und kein Teil von \(quoted(command)); die Hilfe dazu zeigt „help \(command)“."
        }
    }

    public static func message(_ error: DomainError) -> String {
        switch error {
        case .noOpenAuftrag: "Kein Auftrag geöffnet. Erst „open auftrag NR“ oder „new auftrag NR typ=…“."
        case .unknownAuftrag(let nr): "Auftrag \(quoted(nr)) gibt es nicht. „list auftraege“ zeigt alle."
        case .auftragExists(let nr): "Auftrag \(quoted(nr)) gibt es schon."
        case .unknownKursort(let k): "Kursort \(quoted(k)) ist keine Kursortkennung des Mandanten. „list kursorte“ zeigt alle."
        case .kursortExists(let k): "Kursort \(quoted(k)) gibt es schon."
        case .auftragHasMessages(let nr): "Auftrag \(quoted(nr)) kann nicht gelöscht werden: es wurde bereits an das BAMF gemeldet."
        case .emptyText(let key): "\(quoted(key + "=")) darf nicht leer sein."
        case .notIntegrationskurs(let nr, let typ):
            "Auftrag \(nr) ist vom Typ \(typ.name); Kursdaten, Kursplanung, Kursbeginnmeldung und Kursteilnehmer gibt es nur bei Typ Integrationskurs (R1)."
        case .invalidAbschnitt(let text, let kursart):
            "\(quoted(text)) ist kein Abschnitt des \(Wording.kursart(kursart, .genitiv)) (möglich: \(Abschnitt.all(in: kursart).map { $0.key(in: kursart) }.joined(separator: ", ")))."
        case .abschnittNeedsKursart: "Ein Abschnitt setzt die Kursart voraus: erst „kursart=…“ angeben."
        case .invalidWeekdays(let text): "\(quoted(text)) sind keine Unterrichtstage (z. B. mo,di,mi,do,fr)."
        case .invalidUnterbrechung(let von, let bis): "Die Unterbrechung endet (\(bis)) vor ihrem Beginn (\(von))."
        case .kursdatenNotSaved(let e): "Der Abschnittsplan lässt sich nicht berechnen: \(Wording.message(e))"
        case .unknownLehrkraft(let k): "Lehrkraft \(quoted(k)) gibt es nicht. „list lehrkraefte“ zeigt alle."
        case .lehrkraftExists(let k): "Die Lehrkraftkennung \(quoted(k)) ist schon vergeben."
        case .lehrkraftInUse(let k, let nrs): "Lehrkraft \(k) ist noch zuständig in \(list(nrs)); erst „unassign \(k)“."
        case .lehrkraftReported(let nr): "Die Lehrkraft wurde mit der Kursbeginnmeldung von \(nr) an das BAMF gemeldet und bleibt erhalten."
        case .alreadyAssigned(let k): "Lehrkraft \(k) ist hier bereits zuständig."
        case .notAssigned(let k): "Lehrkraft \(k) ist hier nicht zuständig."
        case .invalidName(let key, let value):
            "\(quoted(key + "=" + value)): Namen bestehen aus Buchstaben, Leerzeichen, Bindestrich und Apostroph, ohne Ziffern oder Sonderzeichen (R16)."
        case .unknownTeilnehmer(let ref): "Teilnehmer \(quoted(ref)) gibt es nicht (Tn-Nr wie T1, Aktenzeichen oder Nachname,Vorname)."
        case .ambiguousTeilnehmer(let ref, let candidates):
            "\(quoted(ref)) ist nicht eindeutig: \(list(candidates)). Bitte die Tn-Nr angeben."
        case .aktenzeichenExists(let az, let owner): "Das Aktenzeichen \(az) gehört schon zu \(owner)."
        case .teilnehmerBooked(let nr, let nrs): "\(nr) ist noch gebucht in \(list(nrs)); erst „unbook \(nr)“."
        case .teilnehmerReported(let nr): "\(nr) wurde bereits beim BAMF angemeldet und bleibt erhalten."
        case .alreadyBooked(let tn, let nr): "\(tn) ist in \(nr) bereits gebucht."
        case .notBooked(let tn, let nr): "\(tn) ist in \(nr) nicht gebucht."
        case .noReturnToWartet(let tn): "\(tn) war bereits aktiv; der Status kann nie mehr auf wartet zurück."
        case .kbmAlreadyReported(let nr, let k):
            "Der Kursbeginn von \(nr) ist bereits gemeldet (Kursnummer \(k)); eine spätere Korrektur ist nicht möglich (R2)."
        case .noTraegernummer: "Der Mandant hat keine Trägernummer: „mandant traegernummer=…“ (R4)."
        case .aktenzeichenNeededForAnmeldung(let nr): "\(nr) hat kein Aktenzeichen; die Kursanmeldung braucht es („edit teilnehmer \(nr) az=…“)."
        case .zulassungExists(let nr): "\(nr) ist bereits zugelassen."
        case .kursdatenIncomplete(let fields): "Integrationskursdaten unvollständig, es fehlt: \(list(fields)) (R5)."
        case .kursplanungCancelled: "Die Kursplanung ist storniert; sie kann weder aktualisiert noch verwendet werden (R7)."
        case .noKursplanung: "Es wurde noch keine Kursplanung gemeldet."
        case .checkFailed(let n, let melden):
            (n == 1 ? "Die Prüfung ergab einen Fehler" : "Die Prüfung ergab \(n) Fehler") + (melden ? "; nichts wurde gesendet." : ".")
        case .meldungRejected(let typ, let nr): "Das BAMF hat die \(typ.rawValue) abgelehnt (Nachricht \(nr), „anmeldungen \(nr)“ zeigt sie)."
        case .meldungNotSent: "Nicht gesendet."
        case .meldungNotDelivered(let typ, let nr):
            "Die \(typ.rawValue) hat das BAMF nicht erreicht (Nachricht \(nr)); es hat sich nichts geändert, sie kann wiederholt werden."
        case .unknownAnmeldung(let n, let count): "Nachricht \(n) gibt es nicht (\(count == 0 ? "noch keine Nachrichten" : "1 bis \(count)"))."
        // restoring a dump
        case .invalidTnNummer(let t): "\(quoted(t)) ist keine Tn-Nr (T und eine Zahl ohne führende Null, etwa T7)."
        case .tnNummerTaken(let t, let n): "\(t) wurde schon vergeben; Tn-Nrn werden nie wiederverwendet (die nächste freie ist \(TnNr(n)))."
        case .tnNummerBackwards(let n, let naechste):
            "Die Tn-Nummer kann nicht auf \(n) zurückgehen: bis \(TnNr(naechste - 1)) ist vergeben, und Tn-Nrn werden nie wiederverwendet."
        case .tnNummerNeverIssued(let t): "\(quoted(t)) ist keine vergebene Tn-Nr (oder doppelt genannt)."
        case .kursplanungExists(let nr): "Die Kursplanung von \(nr) ist schon eingetragen."
        case .aktualisierungenMismatch(let state, let n):
            "\(n) Aktualisierungen passen nicht zum Stand \(state.rawValue) (gemeldet: 0, aktualisiert: mindestens 1)."
        case .wrongAnmeldungNummer(let n, let erwartet):
            "Das Protokoll ist lückenlos nummeriert: die nächste Nachricht ist Nr. \(erwartet), nicht \(n)."
        case .invalidKennung(let k): "\(quoted(k)) ist keine gültige Kennung (1–20 Buchstaben A–Z, Ziffern, „-“ und „/“)."
        case .kursnummerExists(let kurs, let k): "Für \(kurs) hat das simulierte BAMF schon die Kursnummer \(k) vergeben."
        case .kursnummernZaehlerBackwards(let n, let naechste):
            "Die laufende Kursnummer kann nicht auf \(n) zurückgehen (die nächste ist \(naechste))."
        case .filterNeedsAuftrag(let filters):
            "\(filters.map { $0 + "=" }.joined(separator: ", ")) gilt für die Teilnahmen eines Auftrags, und kein Auftrag ist geöffnet: "
                + "erst „open auftrag NR“. Ohne Auftrag listet „list teilnehmer“ alle Personen, filterbar mit zugelassen=."
        case .unterbrechungExists(let von, let bis, let grund):
            "Die Unterbrechung \(unterbrechung(Unterbrechung(von: von, bis: bis, grund: grund))) ist bereits eingetragen."
        case .stoerungNeedsFehler(let typ):
            "Welche Störung? „bamf stoerung \(typ.word) fehler=NUMMER“ stellt eine ein, „bamf stoerung \(typ.word) off“ hebt sie auf."
        }
    }

    public static func message(_ error: AbschnittsplanError) -> String {
        switch error {
        case .ueProWocheOutOfRange(let n): "\(n) UE pro Woche liegt nicht zwischen 1 und 50."
        case .noUnterrichtstage: "Es gibt keinen Unterrichtstag."
        case .invalidWeekday(let d): "Wochentag \(d) gibt es nicht."
        case .beginnabschnittOutOfRange(let a, let k): "Abschnitt \(a.number) gibt es im \(kursart(k, .dativ)) nicht."
        case .unterbrechungEndsBeforeStart(let von, let bis): "Eine Unterbrechung endet (\(bis)) vor ihrem Beginn (\(von))."
        case .pastLastDay: "Der Kurs reichte über den 31.12.9999 hinaus."
        }
    }

    public static func finding(_ finding: Finding) -> String {
        switch finding.kind {
        case .notIntegrationskurs(let typ):
            "Der Auftrag ist vom Typ \(typ.name); eine Kursbeginnmeldung gibt es nur für Integrationskurse. Der Typ steht fest: für den Kurs einen Auftrag vom Typ Integrationskurs anlegen („new auftrag NR typ=integrationskurs“)."
        case .alreadyReported(let k): "Der Kursbeginn ist bereits gemeldet (Kursnummer \(k)); er kann nicht noch einmal gesendet werden."
        case .noTraegernummer: "Der Mandant hat keine Trägernummer („mandant traegernummer=…“)."
        case .kursortNotOfMandant(let k):
            "Der Kursort \(k) ist keine Kursortkennung des Mandanten („add kursort \(k)“ oder „kursdaten kursort=…“)."
        case .kursdatenIncomplete(let fields):
            "Die Integrationskursdaten sind unvollständig, es fehlt: \(list(fields)) („kursdaten \(fields.compactMap(kursdatenKey).joined(separator: " "))“)."
        case .noKursplanung: "Für den Kurs wurde keine Kursplanung gemeldet; das BAMF wird die Meldung ablehnen („plan“)."
        case .kursplanungCancelled:
            "Die Kursplanung ist storniert, und das ist endgültig: der Kurs braucht einen neuen Auftrag („new auftrag NR typ=integrationskurs“)."
        case .noLehrkraft: "Keine Lehrkraft ist als Zuständigkeit eingetragen; das BAMF wird die Meldung ablehnen („assign KENNUNG“)."
        case .notAdmitted(let nr, let name): "\(nr) \(name) ist nicht zugelassen; das BAMF wird die Meldung ablehnen („admit \(nr) verfahren=…“)."
        case .aktenzeichenMissing(let nr, let name):
            "\(nr) \(name) hat kein Aktenzeichen; das BAMF wird die Meldung ablehnen („edit teilnehmer \(nr) az=…“)."
        case .noTeilnehmer:
            "Kein Teilnehmer würde übermittelt (Status wartet oder aktiv und A-Kennzeichen) („book TN kostentraeger=bamf“ oder „anmelden TN ja“)."
        case .noTeilnehmerPlanned: "Keiner der übermittelten Teilnehmer stand in der letzten Kursplanung; sie muss spätestens am Tag vor Kursbeginn aktualisiert werden („plan“)."
        case .hoechstzahlExceeded(let n, let max, let vorgabe):
            "\(n) Teilnehmer sind mehr als die Höchstteilnehmerzahl von \(max) "
                + (vorgabe.map { "(Vorgabe für den \(kursart($0, .akkusativ)))" } ?? "(des Kurses, „kursdaten max=\(max)“)")
                + "; das BAMF wird die Meldung ablehnen („unbook TN“ oder „status TN abgebrochen“)."
        case .notYetBegun(let beginn): "Der Kurs hat noch nicht begonnen (Kursbeginn \(beginn)); das BAMF wird die Meldung ablehnen."
        case .late(let beginn, let tage): "Die Meldung ist spät: Kursbeginn war vor \(tage) Tagen (\(beginn))."
        case .kursbeginnNoTeachingDay(let beginn, let erster, let grund):
            "Am Kursbeginn \(beginn) ist kein Unterricht (\(unterrichtsfrei(grund))); der erste Unterrichtstag ist der \(erster). "
                + "Das BAMF erhält den \(beginn) als Kursbeginn („kursdaten beginn=\(erster)“ legt ihn auf den ersten Unterrichtstag)."
        case .unterbrechungenOverlap(let a, let b):
            "Die Unterbrechungen \(unterbrechung(a)) und \(unterbrechung(b)) überschneiden sich; der Abschnittsplan lässt die Tage beider aus."
        case .kursbeginnFar(let beginn, let heute):
            "Der Kursbeginn \(beginn) liegt mehr als zwei Jahre vom heutigen Tag (\(heute)) entfernt; stimmt das Jahr?"
        }
    }

    /// "Warnung R5:   …", as `check` lists a finding and a command warns at entry.
    static func line(_ f: Finding) -> String {
        let label = f.severity.rawValue + " R\(f.regel):"
        return label + String(repeating: " ", count: max(1, 13 - label.count)) + finding(f) + "\n"
    }

    /// The `kursdaten` key of a missing field of R5, so the finding names the command that fills it in.
    private static func kursdatenKey(_ field: String) -> String? {
        switch field {
        case "Kursart": "kursart=…"
        case "Beginnabschnitt": "abschnitt=…"
        case "Kursbeginn": "beginn=…"
        case "Kursort": "kursort=…"
        default: nil
        }
    }

    static func unterrichtsfrei(_ grund: Unterrichtsfrei) -> String {
        switch grund {
        case .keinUnterrichtstag(let weekday): "\(weekdayName(weekday)), kein Unterrichtstag"
        case .feiertag(let name): "Feiertag: \(name)"
        case .unterbrechung(let von, let bis): "Unterbrechung \(von) bis \(bis)"
        }
    }

    static func unterbrechung(_ u: Unterbrechung) -> String {
        "\(u.von) bis \(u.bis)" + (u.grund.map { " (\(quoted($0)))" } ?? "")
    }

    public static func message(_ error: StoreError) -> String {
        switch error {
        case .locked(let path, let pid):
            "Sitzung wird bereits verwendet" + (pid.map { " (PID \($0))" } ?? "") + ": \(path)"
        case .cannotOpen(let path, let reason):
            "Sitzungsdatei \(path) kann nicht geöffnet werden: \(reason)"
        case .notASession(let path):
            "\(path) ist keine kbm-Sitzung; die Datei bleibt unverändert."
        case .corrupt(let path, let detail):
            "Sitzungsdatei \(path) ist beschädigt (\(detail)); die Datei bleibt unverändert."
        case .newerVersion(let path, let found, let supported):
            "Sitzungsdatei \(path) stammt von einer neueren kbm-Version (Schema \(found), unterstützt bis \(supported)); die Datei bleibt unverändert."
        case .writeFailed(let detail):
            "Schreiben der Sitzung fehlgeschlagen (\(detail)); der Befehl ist nicht gespeichert, die Sitzung ist wie vor dem Befehl."
        case .scriptNotSaved(let detail):
            "Schreiben der Sitzung fehlgeschlagen (\(detail)); das Skript ist nicht gespeichert, die Sitzung ist wie vor dem Skript."
        case .saveFailed(let path, let detail):
            "Speichern nach \(path) fehlgeschlagen (\(detail)); es ist keine Datei angelegt."
        case .targetExists(let path):
            "\(path) gibt es schon; „save“ überschreibt keine Datei."
        case .untrusted(let path, let reason):
            "kbm verwendet \(path) nicht: \(distrust(reason, path: path)); die Datei bleibt unverändert."
        case .foreignWAL(let path, let reason):
            "Die WAL-Datei \(path)-wal gehört nicht zur Sitzung \(path) (\(walMismatch(reason))); "
                + "kbm verwendet sie nicht, beide Dateien bleiben unverändert."
        case .foreignSchema(let path, let type, let name):
            "Sitzungsdatei \(path) enthält etwas, das kbm so nicht angelegt hat (\(schemaType(type)) „\(name)“); "
                + "kbm verwendet die Datei nicht, sie bleibt unverändert."
        case .queryRefused(let refusal): queryRefusal(refusal)
        case .migrationFailed(let path, let from, let to, let message, let code):
            "Sitzungsdatei \(path) ließ sich nicht von Schema \(from) auf \(to) aktualisieren (\(sqlite(message, code: code))); die Datei bleibt unverändert."
        }
    }

    static func queryRefusal(_ refusal: StoreError.QueryRefusal) -> String {
        switch refusal {
        case .moreThanOne: "Abfrage abgewiesen: nur eine Abfrage auf einmal."
        case .notReadOnly: "Abfrage abgewiesen: nur lesende Abfragen (SELECT) sind erlaubt."
        case .outsideSession: "Abfrage abgewiesen: nur Abfragen auf die Tabellen und Sichten der Sitzung sind erlaubt."
        case .sqlite(let message, let code): "Abfrage abgewiesen: \(sqlite(message, code: code))."
        case .forbiddenFunction(let name): "Abfrage abgewiesen: die Funktion \(name) ist in „sql“ nicht erlaubt."
        case .tooManyRows(let limit):
            "Abfrage abgebrochen: mehr als \(grouped(limit)) Zeilen; LIMIT oder eine Bedingung schränkt sie ein."
        case .tooLong(let steps):
            "Abfrage abgebrochen: mehr als \(grouped(steps)) Rechenschritte (die Grenze für Abfragen ohne Terminal, wo Strg-C sie nicht anhalten kann)."
        case .tooMuchMemory(let megabytes): "Abfrage abgebrochen: sie braucht mehr als \(megabytes) MB Speicher."
        case .valueTooLong(let megabytes): "Abfrage abgebrochen: ein Wert wird länger als \(megabytes) MB."
        case .interrupted: message(ShellError.interrupted)
        }
    }

    static func distrust(_ reason: StoreError.Distrust, path: String) -> String {
        switch reason {
        case .symlink: "sie ist ein symbolischer Verweis"
        case .notRegular: "sie ist keine gewöhnliche Datei"
        case .otherOwner(let uid): "sie gehört einem anderen Benutzer (UID \(uid))"
        case .linked(let count): "sie hat \(count) Namen (harte Verweise)"
        case .writableByOthers(let mode):
            "andere dürfen sie ändern (Modus 0\(String(mode, radix: 8))); ist ihr Inhalt in Ordnung, gibt „chmod go-w \(path)“ sie frei"
        }
    }

    static func walMismatch(_ reason: StoreError.WALMismatch) -> String {
        switch reason {
        case .pageSize(let wal, let file): "Seitengröße \(wal) statt \(file)"
        case .notLeftHere: "sie enthält Änderungen, die nicht in der Datei stehen, ohne den Index -shm des Prozesses, der sie schrieb"
        }
    }

    static func schemaType(_ type: String) -> String {
        switch type {
        case "table": "Tabelle"
        case "index": "Index"
        case "view": "Sicht"
        case "trigger": "Trigger"
        default: "Objekt"
        }
    }

    public static func message(_ error: ShellError) -> String {
        switch error {
        case .unreadableScript(let path, let reason): "Skript \(path) ist nicht lesbar: \(reason)"
        case .includeCycle(let chain): "Zyklische Einbindung: \(chain.joined(separator: " → "))"
        case .includeTooDeep(let limit): "Mehr als \(limit) Skripte ineinander eingebunden."
        case .invalidUTF8: "Die Zeile ist kein gültiges UTF-8."
        case .nulByte: "Die Zeile enthält ein NUL-Byte."
        case .lineTooLong(let limit): "Die Zeile ist länger als \(limit) Bytes."
        case .notSaved(let detail): "Nicht gespeichert: \(detail)"
        case .noSessionFile: "Diese Sitzung hat keine Datei (--fresh)."
        case .cannotWrite(let path, let reason): "\(path) kann nicht geschrieben werden: \(reason)"
        case .alreadyRecording(let path): "Es läuft schon eine Aufzeichnung nach \(path); erst „record stop“."
        case .notRecording: "Es läuft keine Aufzeichnung."
        case .expectationFailed(let expected, let found):
            "Erwartung nicht erfüllt.\n  erwartet: \(text(expected))\n  erhalten: \(text(found))"
        case .fileExists(let path, let command): "\(path) gibt es schon; „\(command)“ überschreibt keine Datei."
        case .interrupted: "Abgebrochen."
        case .scriptNotAFile(let path): "\(path) ist keine Datei, sondern ein Gerät; ein Skript wird aus einer Datei gelesen."
        case .scriptTooLarge(let path, let megabytes): "Skript \(path) ist größer als \(megabytes) MB."
        case .notAScript(let path):
            "\(path) sieht nicht wie ein kbm-Skript aus (kein Name auf .kbm, und die erste Zeile ist kein kbm-Befehl); es läuft nicht."
        case .sessionFileTarget(let path, let command):
            "\(path) ist eine Datei der offenen Sitzung; „\(command)“ schreibt nicht hinein, die Sitzung bleibt unverändert."
        case .replaceRefused(let path, let command):
            "\(path) gibt es schon; „\(command)“ ersetzt eine Datei nur mit --ersetzen („\(command) DATEI --ersetzen“)."
        case .symlinkRefused(let path): "\(path) ist ein symbolischer Verweis; kbm schreibt nicht durch einen Verweis in eine Datei."
        case .outputLost(let path, let reason):
            "\(path) kann nicht geschrieben werden: \(reason); die Ausgabe des Befehls fehlt darin (der Befehl selbst ist ausgeführt), weitere Ausgabe geht auf den Bildschirm."
        case .recordingFailed(let path, let reason):
            "Aufzeichnung \(path) kann nicht weitergeschrieben werden: \(reason); sie ist ab diesem Befehl unvollständig."
        case .recordingIncomplete(let path, let reason): "Aufzeichnung \(path) beendet, aber unvollständig: \(reason)."
        }
    }
}

extension Wording {
    /// The grammatical case a Kursart's name is needed in, after its article (every Kursart is "der …kurs").
    public enum Kasus: Sendable {
        case genitiv, dativ, akkusativ
    }

    /// A Kursart's name as it follows its article: "des Allgemeinen Integrationskurses", "im Förderkurs".
    public static func kursart(_ k: Kursart, _ kasus: Kasus) -> String {
        let name = k == .allgemein ? "Allgemeinen Integrationskurs" : k.name
        return kasus == .genitiv ? name + "es" : name
    }

    /// A large number with its thousands apart, as German text writes them: 100 000.
    static func grouped(_ n: Int) -> String {
        var digits = String(n)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(" ", at: index)
        }
        return digits
    }

    /// The status line of a long script on a terminal.
    public static func progress(line: Int, of total: Int, file: String) -> String {
        "Zeile \(line) von \(total): \(file)"
    }
}
