// Builds varied, reproducible sessions from a seed by running commands through the shell, as a user would.

@testable import KBMCore
@testable import KBMModel

/// SplitMix64: small, seedable and the same on every platform.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Several Aufträge, Tn with gaps left by removals, rejected and successful messages, storno, strict mode,
/// Geburtsdaten that contradict the BAMF's record, injected faults. Commands may fail: that is part of the picture.
struct SessionGenerator {
    static let vornamen = ["Leyla", "Jean-Luc", "Oksana", "María", "Ahmad", "Fatima", "Dmitri", "Aylin", "Kwame", "Mei",
                           "Yusuf", "Zeynep", "Olena", "Tomasz", "Amira", "Chidi", "Sofía", "Hiroshi"]
    static let nachnamen = ["Öztürk", "Dupont", "Kowalenko", "García López", "Nowak", "Berger", "Haddad", "Nguyen", "O'Brien",
                            "Mensah", "Al-Sayed", "Petrović", "Schneider", "Yılmaz", "Abadi", "Rossi", "Ivanova", "Okafor"]
    static let strassen = ["Hauptstraße 5", "Am Markt 12", "Lindenweg 3a", "Bahnhofstr. 101"]
    static let plz = ["10115", "50667", "20095", "04109"]
    static let orte = ["Berlin", "Köln", "Hamburg", "Leipzig"]

    var rng: SeededGenerator
    let shell: Shell
    private(set) var lines: [String] = []

    init(seed: UInt64) {
        rng = SeededGenerator(seed: seed)
        shell = Shell(session: Session(today: Clock.today()), store: nil, sink: BufferSink())
        shell.options.bail = false
    }

    var session: Session { shell.session }

    mutating func run(_ line: String) {
        lines.append(line)
        _ = shell.run(ByteLineSource(name: "gen", directory: ".", bytes: Array(line.utf8)), asUnit: false)
    }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
    mutating func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    mutating func birthday() -> Day {
        Day(year: number(1960...2004), month: number(1...12), day: number(1...28))!
    }

    /// Seeds 1…60, built once for all tests.
    static let sessions: [(seed: UInt64, session: Session)] = (UInt64(1)...60).map { ($0, session(seed: $0)) }

    /// The whole session for this seed.
    static func session(seed: UInt64) -> Session {
        var generator = SessionGenerator(seed: seed)
        generator.build()
        return generator.session
    }

    mutating func build() {
        var today = Day(year: 2025, month: number(1...11), day: number(1...28))!
        run("set today \(today)")
        let strict = chance(35)
        let traeger = "TR-\(number(1000...9999))"
        run("mandant traegernummer=\(traeger)" + (chance(15) ? " testnummer=TT-\(number(1...99))" : ""))
        if chance(40) { run("bamf testdaten") }
        if strict {
            run("bamf modus=strict")
            run("bamf register traeger \(traeger)")
        }
        let kursorte = ["KO-1", "KO-2"].prefix(number(1...2))
        for kursort in kursorte {
            run("add kursort \(kursort)" + (chance(50) ? " name=\"VHS \(pick(Self.orte)), Raum \(number(1...9))\"" : ""))
            if strict { run("bamf register kursort \(kursort)") }
        }

        var kennungen: [String] = []
        for i in 0..<number(1...4) {
            let kennung = "LK-\(number(1000...9999))\(i)"
            run("add lehrkraft vorname=\(pick(Self.vornamen)) nachname=\"\(pick(Self.nachnamen))\" kennung=\(kennung)" + (chance(20) ? " alpha=ja" : ""))
            kennungen.append(kennung)
            if chance(80) { run("bamf register lehrkraft \(kennung)") }
        }

        for i in 0..<number(4...10) {
            let geboren = birthday()
            let az = "AZ-\(number(100...999))\(i)"
            var line = "add teilnehmer vorname=\"\(pick(Self.vornamen))\" nachname=\"\(pick(Self.nachnamen))\" geboren=\(geboren)"
            if chance(85) { line += " az=\(az)" }
            if chance(40) { line += " strasse=\"\(pick(Self.strassen))\" plz=\(pick(Self.plz)) ort=\(pick(Self.orte))" }
            run(line)
            // The BAMF's record: usually right, sometimes a different Geburtsdatum (1021), sometimes none (1020 in strict mode).
            if chance(75) { run("bamf register teilnehmer az=\(az) geboren=\(chance(15) ? birthday() : geboren)") }
        }
        // Mistakes removed again leave gaps in the Tn-Nrn, also at the end.
        for _ in 0..<number(0...2) {
            if let last = session.teilnehmer.keys.last, chance(50) { run("remove teilnehmer \(last)") }
            run("add teilnehmer vorname=Versehen nachname=Doppelt geboren=\(birthday())")
            run("remove teilnehmer Doppelt,Versehen")
        }

        for a in 1...number(1...3) {
            today = auftrag(a, today: today, kennungen: kennungen, traeger: traeger)
        }
        if chance(40) {
            run("new auftrag S-1 typ=sonstiges titel=\"Sprachcafé \\\"offen\\\" \\\\ mittwochs\"")
            if let tn = session.teilnehmer.keys.first { run("book \(tn) kostentraeger=selbstzahler") }
        }
        if chance(30) { run("new auftrag X-1 typ=ba"); run("remove auftrag X-1") }
        if chance(25) { run("bamf hoechstzahl \(pick(Kursart.allCases).key) \(number(2...30))") }
        if chance(30) { run("bamf stoerung \(pick(Anmeldung.Typ.allCases).rawValue.lowercased()) fehler=\(number(1000...1999))") }
        if chance(15) { run("bamf offline on") }
        if chance(10) { run("bamf verzoegerung \(number(1...3))") }
        if chance(20) { run("mandant testumgebung=ja nur-validieren=ja") }
        switch number(0...2) {
        case 0: if let first = session.auftraege.keys.first { run("open auftrag \(first)") }
        case 1: if session.openAuftrag != nil { run("close auftrag") }
        default: break
        }
    }

    /// One Integrationskurs from entry to (perhaps) its Kursbeginnmeldung; returns the session clock after it.
    mutating func auftrag(_ a: Int, today start: Day, kennungen: [String], traeger: String) -> Day {
        var today = start
        let nr = "IK-\(a)"
        var titel = chance(50) ? " titel=\"Kurs \(a)\"" : ""
        if chance(20), let tn = session.teilnehmer.values.first { titel = " titel=\"Kurs von \(tn.nachname)\"" }
        run("new auftrag \(nr) typ=integrationskurs\(titel)")
        let kursart = pick(Kursart.allCases)
        let abschnitt = Abschnitt(number: number(1...kursart.abschnittCount - 1)).key(in: kursart)
        let beginn = today.adding(days: number(-5...20))
        var kursdaten = "kursdaten kursart=\(kursart.key) abschnitt=\(abschnitt) beginn=\(beginn) kursort=KO-1"
        if chance(30) { kursdaten += " ue-woche=\(number(10...25)) tage=mo,mi,fr" }
        if chance(20) { kursdaten += " max=\(number(2...6))" }
        if chance(40) { kursdaten += " lehrwerk=\"Linie \(number(1...3)) # neu\"" }
        run(kursdaten)
        if chance(30) {
            let von = beginn.adding(days: number(10...40))
            run("unterbrechung von=\(von) bis=\(von.adding(days: number(0...14))) grund=\"Ferien\\nzweite Zeile\"")
        }
        for kennung in kennungen where chance(50) { run("assign \(kennung)" + (chance(25) ? " art=koordinator" : "")) }

        let people = Array(session.teilnehmer.keys)
        var booked: [String] = []
        for tn in people where chance(60) {
            let kostentraeger = chance(80) ? "bamf" : pick(["selbstzahler", "jobcenter", "sonstige"])
            var line = "book \(tn) kostentraeger=\(kostentraeger)"
            if chance(25) { line += " status=aktiv" }
            if chance(20) { line += " abschnitt=\(Abschnitt(number: number(1...kursart.abschnittCount)).key(in: kursart))" }
            run(line)
            booked.append(tn)
            if chance(10) { run("anmelden \(tn) \(kostentraeger == "bamf" ? "nein" : "ja")") }
        }
        // The Kursart changes after bookings: an Eintrittsabschnitt may no longer exist in it.
        if chance(15) { run("kursdaten kursart=intensiv abschnitt=1") }
        for tn in booked where chance(70) {
            run("admit \(tn) verfahren=\(chance(80) ? "erst" : "wiederhol")" + (chance(50) ? " kursart=\(kursart.key)" : ""))
        }
        if chance(15) { run("bamf offline on"); run("plan"); run("bamf offline off") }
        if chance(75) { run("plan") }
        if let extra = people.first(where: { !booked.contains($0) }), chance(40) {
            run("book \(extra) kostentraeger=bamf")
            if chance(60) { run("plan") }
        }
        if let tn = booked.last, chance(15) { run("unbook \(tn)") }
        if chance(10) { run("plan storno") }
        today = beginn.adding(days: number(-2...9))
        run("set today \(today)")
        for tn in booked where chance(40) { run("status \(tn) \(pick(["aktiv", "unterbrochen", "abgebrochen", "beendet"]))") }
        run("check")
        if chance(15) { run("bamf stoerung kursbeginnmeldung fehler=1042") }
        if chance(80) { run("melden") }
        // A rejected KBM: correct a Geburtsdatum to the BAMF's and try again (R3).
        if session.auftraege[nr]?.kbm.isGemeldet == false, chance(50) {
            for tn in booked {
                guard let person = session.teilnehmer[tn], let az = person.az, let recorded = session.bamf.teilnehmer[az],
                      recorded != person.geboren else { continue }
                run("edit teilnehmer \(tn) geboren=\(recorded.iso)")
            }
            run("melden")
        }
        return today
    }
}
