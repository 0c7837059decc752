// Every value of every command, declared once with its type: the table's specs list these keys, the handlers read with them.

import KBMModel

/// One namespace per command, in the order of `CommandTable.all`. Commands that take the same value share its key.
public enum Keys {
    public enum Mandant {
        public static let traegernummer = Key<String>("traegernummer", "NR", .identifier)
        public static let testnummer = Key<String>("testnummer", "NR", .identifier)
        public static let testumgebung = Key<Bool>("testumgebung", "ja|nein", .yesNo)
        public static let nurValidieren = Key<Bool>("nur-validieren", "ja|nein", .yesNo)
    }

    public enum AddKursort {
        /// A Kursortkennung is the provider's, no person's.
        public static let kennung = RequiredKey<String>("kennung", "KENNUNG", .identifier)
        public static let name = Key<String>("name", "\"…\"", .text)
    }

    public enum NewAuftrag {
        public static let nummer = RequiredKey<String>("nummer", "NR", .identifier)
        public static let typ = RequiredKey<Auftrag.Typ>("typ", "TYP", .choice)
        public static let titel = Key<String>("titel", "\"…\"", .text)
    }

    /// `open auftrag`, `remove auftrag`, `show auftrag`.
    public enum OpenAuftrag {
        public static let nummer = RequiredKey<String>("nummer", "NR", .reference(.auftrag))
    }

    public enum EditAuftrag {
        public static let nummer = OpenAuftrag.nummer
        public static let titel = RequiredKey<String>("titel", "\"…\"", .text)
    }

    public enum ListAuftraege {
        public static let typ = Key<Auftrag.Typ>("typ", "TYP", .choice)
        public static let kursart = Key<Kursart>("kursart", "K", .choice)
        public static let gemeldet = Key<Bool>("gemeldet", "ja|nein", .yesNo)
    }

    public enum Kursdaten {
        public static let kursart = Key<Kursart>("kursart", "K", .choice)
        /// Abschnitte and Unterrichtstage are the shell's own words.
        public static let abschnitt = Key<String>("abschnitt", "A", .text, personal: .notPersonal)
        public static let beginn = Key<Day>("beginn", "DATUM", .date)
        public static let kursort = Key<String>("kursort", "KENNUNG", .reference(.kursort))
        public static let ueWoche = Key<Int>("ue-woche", "N", .integer(Abschnittsplan.ueProWocheRange))
        public static let tage = Key<String>("tage", "mo,di,…", .text, personal: .notPersonal)
        public static let max = Key<Int>("max", "N", .integer(1...999))
        public static let lehrwerk = Key<String>("lehrwerk", "\"…\"", .text)
    }

    public enum Unterbrechung {
        public static let von = RequiredKey<Day>("von", "DATUM", .date)
        public static let bis = RequiredKey<Day>("bis", "DATUM", .date)
        public static let grund = Key<String>("grund", "\"…\"", .text)
    }

    public enum AddLehrkraft {
        public static let vorname = RequiredKey<String>("vorname", "X", .text, personal: .name)
        public static let nachname = RequiredKey<String>("nachname", "X", .text, personal: .name)
        public static let kennung = RequiredKey<String>("kennung", "KENNUNG", .identifier, personal: .kennung)
        public static let alpha = Key<Bool>("alpha", "ja|nein", .yesNo)
    }

    /// `edit lehrkraft`; its `kennung` is that of `remove lehrkraft`, `assign` and `unassign` too.
    public enum EditLehrkraft {
        public static let kennung = RequiredKey<String>("kennung", "KENNUNG", .reference(.lehrkraft))
        public static let vorname = Key<String>("vorname", "X", .text, personal: .name)
        public static let nachname = Key<String>("nachname", "X", .text, personal: .name)
        public static let alpha = AddLehrkraft.alpha
    }

    public enum Assign {
        public static let kennung = EditLehrkraft.kennung
        public static let art = Key<Zustaendigkeit.Art>("art", "ART", .choice)
    }

    /// `add teilnehmer`; `edit teilnehmer` shares the optional data.
    public enum AddTeilnehmer {
        public static let vorname = RequiredKey<String>("vorname", "X", .text, personal: .name)
        public static let nachname = RequiredKey<String>("nachname", "X", .text, personal: .name)
        public static let geboren = RequiredKey<Day>("geboren", "DATUM", .date, personal: .geboren)
        public static let az = Key<String>("az", "AKTENZEICHEN", .identifier, personal: .aktenzeichen)
        public static let strasse = Key<String>("strasse", "X", .text, personal: .strasse)
        public static let plz = Key<String>("plz", "X", .text, personal: .plz)
        public static let ort = Key<String>("ort", "X", .text, personal: .ort)
        public static let nr = Key<String>("nr", "TN-NR", .identifier)
    }

    /// `edit teilnehmer`; its `tn` is that of every command on one Tn.
    public enum EditTeilnehmer {
        public static let tn = RequiredKey<String>("tn", "TN", .reference(.teilnehmer))
        public static let vorname = Key<String>("vorname", "X", .text, personal: .name)
        public static let nachname = Key<String>("nachname", "X", .text, personal: .name)
        public static let geboren = Key<Day>("geboren", "DATUM", .date, personal: .geboren)
        public static let az = AddTeilnehmer.az
        public static let strasse = AddTeilnehmer.strasse
        public static let plz = AddTeilnehmer.plz
        public static let ort = AddTeilnehmer.ort
    }

    public enum Book {
        public static let tn = EditTeilnehmer.tn
        public static let kostentraeger = RequiredKey<Teilnahme.Kostentraeger>("kostentraeger", "K", .choice)
        public static let status = Key<Teilnahme.Status>("status", "STATUS", .choice([.wartet, .aktiv]))
        public static let abschnitt = Kursdaten.abschnitt
    }

    public enum Status {
        public static let tn = EditTeilnehmer.tn
        public static let status = RequiredKey<Teilnahme.Status>("status", "STATUS", .choice)
    }

    public enum Anmelden {
        public static let tn = EditTeilnehmer.tn
        public static let wert = RequiredKey<Bool>("wert", "ja|nein", .yesNo)
    }

    public enum Admit {
        public static let tn = EditTeilnehmer.tn
        public static let verfahren = RequiredKey<Zulassung.Verfahren>("verfahren", "V", .choice)
        public static let kursart = Kursdaten.kursart
        public static let abschnitt = Kursdaten.abschnitt
    }

    public enum Anmeldungen {
        public static let nummer = Key<Int>("nummer", "N", .integer(1...Int(Int32.max)))
    }

    public enum ListTeilnehmer {
        public static let status = Key<Teilnahme.Status>("status", "STATUS", .choice)
        public static let kostentraeger = Key<Teilnahme.Kostentraeger>("kostentraeger", "K", .choice)
        public static let a = Key<Bool>("a", "ja|nein", .yesNo)
        public static let zugelassen = Key<Bool>("zugelassen", "ja|nein", .yesNo)
    }

    public enum Bamf {
        public static let modus = Key<BamfSide.Modus>("modus", "M", .choice)
    }

    public enum BamfRegisterTraeger {
        public static let nummer = RequiredKey<String>("nummer", "NR", .identifier)
    }

    public enum BamfRegisterKursort {
        public static let kennung = AddKursort.kennung
    }

    public enum BamfRegisterLehrkraft {
        public static let kennung = AddLehrkraft.kennung
    }

    public enum BamfRegisterTeilnehmer {
        public static let az = RequiredKey<String>("az", "AKTENZEICHEN", .identifier, personal: .aktenzeichen)
        public static let geboren = AddTeilnehmer.geboren
    }

    public enum BamfHoechstzahl {
        public static let kursart = RequiredKey<Kursart>("kursart", "KURSART", .choice)
        public static let anzahl = RequiredKey<Int>("anzahl", "N", .integer(1...999))
    }

    public enum BamfStoerung {
        public static let typ = RequiredKey<Anmeldung.Typ>("typ", "TYP", .choice)
        public static let fehler = Key<Int>("fehler", "NUMMER", .integer(1...9999))
        /// `off` takes back a fault that has not struck yet.
        public static let wert = Key<Bool>("wert", "off", .yesNo)
    }

    public enum BamfOffline {
        public static let wert = RequiredKey<Bool>("wert", "on|off", .yesNo)
    }

    public enum BamfVerzoegerung {
        public static let ms = RequiredKey<Int>("ms", "MS", .integer(0...60_000))
    }

    /// `bamf verbinden`: never a password, which is asked for (or read from KBM_BAMF_PASSWORT).
    public enum BamfVerbinden {
        public static let url = RequiredKey<String>("url", "URL", .text, personal: .notPersonal)
        public static let benutzer = RequiredKey<String>("benutzer", "TRAEGERNR", .identifier)
        public static let ca = Key<String>("ca", "DATEI", .file)
        public static let zeitlimit = Key<Int>("zeitlimit", "SEKUNDEN", .integer(1...600))
    }

    public enum SetToday {
        public static let datum = RequiredKey<Day>("datum", "DATUM", .date)
    }

    public enum SetFormat {
        public static let format = RequiredKey<OutputFormat>("format", "FORMAT", .choice)
    }

    /// `set bail`, `set echo`, `set timer`.
    public enum SetSwitch {
        // The shell's switches take ja|nein as well as on|off, as every other switch does.
        public static let wert = RequiredKey<Bool>("wert", "on|off", .yesNo)
    }

    public enum Complete {
        public static let text = RequiredKey<String>("text", "\"TEXT\"", .text)
    }

    /// `run`, `save`, `record`, `once`: a file the command reads or writes.
    public enum Run {
        public static let datei = RequiredKey<String>("datei", "DATEI", .file)
    }

    /// `dump`, `dump --anonym`, `output`: without a file, on the screen.
    public enum Dump {
        public static let datei = Key<String>("datei", "DATEI", .file)
    }

    public enum RestoreZulassung {
        public static let tn = EditTeilnehmer.tn
        public static let verfahren = Admit.verfahren
        public static let kursart = Kursdaten.kursart
        public static let abschnitt = Kursdaten.abschnitt
        public static let datum = RequiredKey<Day>("datum", "DATUM", .date)
    }

    public enum RestoreKursplanung {
        public static let status = RequiredKey<Kursplanung.State>("status", "S", .choice(Kursplanung.State.restorable))
        public static let aktualisierungen = Key<Int>("aktualisierungen", "N", .integer(0...Int(Int32.max)))
        public static let gesendet = Key<Day>("gesendet", "DATUM", .date)
    }

    public enum RestoreGeplant {
        /// A Tn-Nr, perhaps of a Tn removed since: no reference that must be found.
        public static let tn = RequiredKey<String>("tn", "TN-NR", .identifier)
        public static let az = AddTeilnehmer.az
        public static let geboren = EditTeilnehmer.geboren
    }

    public enum RestoreKbm {
        public static let kursnummer = RequiredKey<String>("kursnummer", "K", .identifier)
        public static let gemeldet = Key<Day>("gemeldet", "DATUM", .date)
    }

    public enum RestoreAnmeldung {
        public static let nr = RequiredKey<Int>("nr", "N", .integer(1...Int(Int32.max)))
        public static let datum = RestoreZulassung.datum
        public static let auftrag = Key<String>("auftrag", "NR", .reference(.auftrag))
        public static let typ = RequiredKey<Anmeldung.Typ>("typ", "TYP", .choice)
        public static let ergebnis = RequiredKey<Anmeldung.Ergebnis>("ergebnis", "E", .choice(Anmeldung.Ergebnis.all))
        public static let anfrage = RequiredKey<String>("anfrage", "\"XML\"", .text, personal: .document)
        public static let antwort = RequiredKey<String>("antwort", "\"XML\"", .text, personal: .document)
        public static let meldungen = Key<String>("meldungen", "\"…\"", .text, personal: .messages)
    }

    /// `set tn-nummer` and `bamf restore zaehler`: a counter that only goes forward.
    public enum SetTnNummer {
        public static let nummer = RequiredKey<Int>("nummer", "N", .integer(1...Int(Int32.max)))
    }

    public enum BamfRestoreZulassung {
        public static let traeger = RequiredKey<String>("traeger", "NR", .identifier)
        public static let az = BamfRegisterTeilnehmer.az
        public static let verfahren = Admit.verfahren
    }

    public enum BamfRestorePlan {
        public static let traeger = BamfRestoreZulassung.traeger
        public static let kurs = RequiredKey<String>("kurs", "NR", .identifier)
        public static let az = Key<String>("az", "AZ,AZ,…", .text, personal: .aktenzeichenListe)
        public static let storniert = Key<Bool>("storniert", "ja|nein", .yesNo)
    }

    public enum BamfRestoreKursnummer {
        public static let traeger = BamfRestoreZulassung.traeger
        public static let kurs = BamfRestorePlan.kurs
        public static let nummer = RequiredKey<String>("nummer", "K", .identifier)
    }

    /// `expect fehler` and `expect warnung`.
    public enum ExpectFehler {
        public static let text = Key<String>("text", "\"TEXT\"", .text)
    }

    public enum ExpectAusgabe {
        public static let text = RequiredKey<String>("text", "\"TEXT\"", .text)
    }

    public enum ExpectAnzahl {
        public static let auftraege = Key<Int>("auftraege", "N", .integer(0...Int(Int32.max)))
        public static let teilnehmer = Key<Int>("teilnehmer", "N", .integer(0...Int(Int32.max)))
        public static let lehrkraefte = Key<Int>("lehrkraefte", "N", .integer(0...Int(Int32.max)))
        public static let anmeldungen = Key<Int>("anmeldungen", "N", .integer(0...Int(Int32.max)))
    }

    /// `echo` and `pause`.
    public enum Echo {
        public static let text = Key<String>("text", "TEXT", .rest)
    }

    public enum Verlauf {
        public static let anzahl = Key<Int>("anzahl", "N", .integer(1...1_000_000))
    }

    public enum VerlaufExport {
        public static let datei = Run.datei
        public static let anonym = Key<String>("anonym", "--anonym", .choice(["--anonym"]))
    }

    public enum Sql {
        public static let abfrage = RequiredKey<String>("abfrage", "\"SELECT …\"", .rest)
    }

    /// `output` and `once`.
    public enum Output {
        public static let datei = Dump.datei
        public static let ersetzen = Key<String>("ersetzen", "--ersetzen", .choice(["--ersetzen"]))
    }

    public enum Once {
        public static let datei = Run.datei
        public static let ersetzen = Output.ersetzen
    }

    public enum Help {
        public static let befehl = Key<String>("befehl", "BEFEHL", .rest)
    }
}
