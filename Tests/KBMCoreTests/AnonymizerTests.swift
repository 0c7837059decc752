// dump --anonym: no original personal value survives, one person keeps one pseudonym, and every rule comes out as before.

import XCTest
@testable import KBMCore
@testable import KBMModel
@testable import KBMLanguage
@testable import KBMDomain
@testable import KBMPersistence
@testable import KBMRender

final class AnonymizerTests: XCTestCase {
    // MARK: - Helpers

    /// Every personal value of a session, as the test sees it (independently of the Anonymizer): names,
    /// Aktenzeichen, Kennungen, Geburtsdaten in both forms, addresses, also those only in the stored XML.
    static func originals(_ s: Session) -> Set<String> {
        var values: Set<String> = []
        var days: Set<Day> = []
        for lk in s.lehrkraefte.values { values.formUnion([lk.vorname, lk.nachname, lk.kennung]) }
        for tn in s.teilnehmer.values {
            values.formUnion([tn.vorname, tn.nachname] + [tn.az, tn.strasse, tn.plz, tn.ort].compactMap { $0 })
            days.insert(tn.geboren)
        }
        for a in s.auftraege.values { values.formUnion(a.zustaendigkeiten.map(\.kennung)) }
        values.formUnion(s.bamf.lehrkraefte)
        values.formUnion(s.bamf.teilnehmer.keys)
        days.formUnion(s.bamf.teilnehmer.values)
        values.formUnion(s.bamf.zulassungen.keys.map { String($0.split(separator: "|")[1]) })
        values.formUnion(s.bamf.plaene.values.flatMap(\.aktenzeichen))
        for a in s.anmeldungen {
            values.formUnion(elements("Aktenzeichen", in: a.anfrage) + elements("Lehrkraftkennung", in: a.anfrage))
            days.formUnion(elements("Geburtsdatum", in: a.anfrage).compactMap { Day(parsing: $0) })
        }
        for day in days { values.formUnion([day.description, day.iso]) }
        return values
    }

    static func elements(_ name: String, in xml: String) -> [String] {
        xml.split(separator: "\n").compactMap { line in
            let t = line.drop(while: { $0 == " " })
            guard t.hasPrefix("<\(name)>"), t.hasSuffix("</\(name)>") else { return nil }
            return String(t.dropFirst(name.count + 2).dropLast(name.count + 3))
        }
    }

    /// Whether `value` stands in `text` as a whole word: not glued to a letter, digit, `-` or `/`.
    static func containsWhole(_ text: String, _ value: String) -> Bool {
        guard !value.isEmpty else { return false }
        func glue(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "-" || c == "/" }
        var rest = text[...]
        while let found = rest.firstRange(of: value) {
            let before = found.lowerBound == text.startIndex || !glue(text[text.index(before: found.lowerBound)])
            let after = found.upperBound == text.endIndex || !glue(text[found.upperBound])
            if before && after { return true }
            rest = text[text.index(after: found.lowerBound)...]
        }
        return false
    }

    static func beispielLines() throws -> [String] {
        let bytes = try XCTUnwrap(FileSystem.read(DumpTests.root + "/scripts/beispiel.kbm"))
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The standard example up to (not including) its `melden`, then `extra`.
    static func beispielBeforeMelden(_ extra: [String]) throws -> Session {
        let lines = try beispielLines()
        let cut = try XCTUnwrap(lines.firstIndex(of: "melden"))
        let shell = Shell(session: Session(today: Clock.today()), store: nil, sink: BufferSink())
        shell.options.bail = false
        let script = (lines[..<cut] + extra).joined(separator: "\n")
        _ = shell.run(ByteLineSource(name: "t", directory: ".", bytes: Array(script.utf8)), asUnit: false)
        return shell.session
    }

    static func execute(_ line: String, _ session: inout Session) -> String {
        do {
            let command = try Parser.parse(line)!
            _ = try Interpreter.execute(command, on: &session)
            return "ok"
        } catch {
            // The case, without the names and numbers it carries.
            return String("\(error)".prefix(while: { $0 != "(" }))
        }
    }

    static func bamfNummern(_ a: Anmeldung?) -> [String] {
        (a?.meldungen ?? []).map { String($0.prefix(while: { $0 != ":" })) }
    }

    /// The rules' verdicts on a session: every Auftrag's findings, and what the BAMF answers when each
    /// Kursbeginnmeldung, Kursplanung and Kursanmeldung is sent once more.
    static func verdicts(_ session: Session) -> [String] {
        var out: [String] = []
        for nr in session.auftraege.keys {
            let findings = Checker.findings(for: session.auftraege[nr]!, in: session)
            out.append("\(nr) check " + findings.map { "R\($0.regel) \($0.severity.rawValue)" }.joined(separator: ", "))
            for command in ["melden", "plan"] {
                var copy = session
                copy.openAuftrag = nr
                let before = copy.anmeldungen.count
                let result = execute(command, &copy)
                let sent = copy.anmeldungen.count > before ? copy.anmeldungen.last : nil
                out.append("\(nr) \(command) \(result) \(sent?.ergebnis.rawValue ?? "-") \(bamfNummern(sent))")
            }
        }
        for nr in session.teilnehmer.keys {
            var copy = session
            let result = execute("admit \(nr) verfahren=erst", &copy)
            out.append("\(nr) admit \(result) \(bamfNummern(copy.anmeldungen.last))")
        }
        return out
    }

    /// The anonymised dump, run on a fresh session: it must work and give what the Anonymizer gives.
    func anonymised(_ session: Session, file: StaticString = #filePath, line: UInt = #line) -> Session {
        var anonymizer = Anonymizer(session: session)
        let expected = anonymizer.anonymize(session)
        let restored = DumpTests.replay(Dump.anonymScript(session), file: file, line: line)
        XCTAssertEqual(restored, expected, file: file, line: line)
        return restored
    }

    func assertNoOriginal(_ session: Session, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let dump = Dump.anonymScript(session)
        let leaked = Self.originals(session).filter { Self.containsWhole(dump, $0) }
        XCTAssertEqual(leaked, [], "\(label): im anonymen Dump", file: file, line: line)
    }

    // MARK: - Nothing personal survives

    func testNoOriginalValueInTheAnonymousDumpOfTheStandardExample() throws {
        let session = try DumpTests.beispiel()
        // The helper finds the values at all: every one of them is in the plain dump.
        let plain = Dump.script(session)
        for value in Self.originals(session) {
            let forms = Day(parsing: value).map { [$0.description, $0.iso] } ?? [value]
            XCTAssertTrue(forms.contains { Self.containsWhole(plain, $0) }, value)
        }
        XCTAssertTrue(Self.originals(session).isSuperset(of: ["Öztürk", "García López", "AZ-100001", "LK-1001", "12.04.1990", "1990-04-12"]))
        assertNoOriginal(session, "beispiel.kbm")
    }

    func testNoOriginalValueInTheAnonymousDumpOfGeneratedSessions() {
        for (seed, session) in SessionGenerator.sessions {
            assertNoOriginal(session, "Seed \(seed)")
        }
    }

    func testFreeTextLosesThePersonalValuesItQuotes() throws {
        var session = try DumpTests.beispiel()
        session.auftraege["IK-2026-01"]?.titel = "Kurs von Öztürk und García López, geb. 12.04.1990 (AZ-100001)"
        let anonym = Dump.anonymScript(session)
        for value in ["Öztürk", "García López", "12.04.1990", "AZ-100001"] { XCTAssertFalse(Self.containsWhole(anonym, value), value) }
        XCTAssertTrue(anonym.contains("titel=\"Kurs von "))
    }

    /// The standard example with an address for T1, and an Anonymizer that has collected its values.
    static func beispielWithAddress() throws -> (Session, Anonymizer) {
        var session = try DumpTests.beispiel()
        session.teilnehmer["T1"]?.strasse = "Lindenstraße 12a"
        session.teilnehmer["T1"]?.plz = "10115"
        session.teilnehmer["T1"]?.ort = "Berlin"
        return (session, Anonymizer(session: session))
    }

    /// A personal value spelled otherwise than stored: the whole free text is withheld, in the dump and in a history.
    func testFreeTextWithAPersonalValueInAnotherSpellingIsWithheldWhole() throws {
        let (session, anonymizer) = try Self.beispielWithAddress()
        let spellings: [(String, [String])] = [
            ("Namen in anderer Schreibung", ["ÖZTÜRK", "öztürk", "Oeztuerk", "OEZTUERK", "Ozturk", "Öztürks Kurs",
                                             "leyla", "GARCIA LOPEZ", "Frau López", "garcía-lópez", "Kowalenko-Gruppe", "dupont"]),
            ("Geburtsdaten in anderen Formen", ["12.4.1990", "12041990", "12.04.90", "12. 4. 1990", "12/04/1990",
                                                "1990-4-12", "19900412", "120490", "3.11.85"]),
            ("Aktenzeichen und Kennungen ohne Bindestrich, klein", ["AZ100001", "az-100001", "az 100001", "Az/100001", "lk1001"]),
            ("Straßen mit str. und strasse", ["Lindenstr. 12a", "Lindenstrasse", "LINDENSTRASSE 12", "Linden-Str.", "Lindenstr"]),
            ("Ort und PLZ in anderer Schreibung", ["BERLIN", "D-10115"]),
        ]
        for (label, forms) in spellings {
            for form in forms {
                let text = "Anruf wegen \(form) am Montag"
                var a = anonymizer
                XCTAssertEqual(a.freeText(text), Anonymizer.withheld, "\(label): \(form)")
                var changed = session
                changed.auftraege["IK-2026-01"]?.titel = text
                changed.auftraege["IK-2026-01"]?.unterbrechungen[0].grund = text
                let dump = Dump.anonymScript(changed)
                XCTAssertFalse(dump.contains(form), "\(label): \(form) im anonymen Dump")
                XCTAssertTrue(dump.contains("titel=\(Anonymizer.withheld)"), "\(label): \(form)")
                for line in ["echo \(text)", "output \"\(form).txt\"", "expect ausgabe \"\(form)\""] {
                    XCTAssertEqual(a.commandLine(line)?.contains(form), false, "\(label): \(line)")
                }
            }
        }
    }

    /// The names of scripts the history came from are free text as well.
    func testAnAnonymisedHistoryWithholdsAScriptNameWithAPersonalValue() throws {
        var template = Array("/tmp/kbm-verlauf.XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else { throw XCTSkip("mkdtemp") }
        let directory = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { _ = try? FileManager.default.removeItem(atPath: directory) }
        let shell = Shell(session: Session(today: Clock.today()), store: nil, sink: BufferSink())
        let lines = try Self.beispielLines().joined(separator: "\n")
        _ = shell.run(ByteLineSource(name: "oeztuerk-12041990.kbm", directory: ".", bytes: Array(lines.utf8)), asUnit: false)
        shell.execute("verlauf --export \(directory)/v.kbm --anonym", from: ByteLineSource(name: "", directory: ".", bytes: []))
        let export = String(decoding: try XCTUnwrap(FileSystem.read(directory + "/v.kbm")), as: UTF8.self)
        XCTAssertFalse(export.contains("oeztuerk"), export)
        XCTAssertTrue(export.contains(" \(Anonymizer.withheld)\n"), export)
    }

    /// Text without a personal value keeps its words; a value in its stored spelling still gets its pseudonym.
    func testFreeTextWithoutAPersonalValueIsKept() throws {
        var (session, anonymizer) = try Self.beispielWithAddress()
        for text in ["Integrationskurs Vormittag", "Volkshochschule Mitte, Raum 2.14", "Linie 1", "Osterferien",
                     "Kurs ab 02.03.2026 mit 25 Plätzen", "Dienstag in der Lindenallee", "Berliner Straße 5", "AZ-Liste 2026"] {
            XCTAssertEqual(anonymizer.freeText(text), text)
        }
        _ = anonymizer.anonymize(session)
        let t1 = anonymizer.anonymize(session).teilnehmer["T1"]!
        XCTAssertEqual(anonymizer.freeText("Anruf von Öztürk wegen AZ-100001"), "Anruf von \(t1.nachname) wegen \(t1.az!)")
        session.auftraege["IK-2026-01"]?.titel = "Kurs von Öztürk"
        XCTAssertTrue(Dump.anonymScript(session).contains("titel=\"Kurs von \(t1.nachname)\""))
    }

    // MARK: - One person, one pseudonym

    func testOnePseudonymPerPersonEverywhere() throws {
        let original = try DumpTests.beispiel()
        let s = anonymised(original)
        let t1 = try XCTUnwrap(s.teilnehmer["T1"]), lk = try XCTUnwrap(s.lehrkraefte.values.first)
        let az = try XCTUnwrap(t1.az)
        XCTAssertNotEqual(az, "AZ-100001")
        XCTAssertTrue(Identifier.isValid(az) && Identifier.isValid(lk.kennung))
        XCTAssertEqual(s.bamf.teilnehmer[az], t1.geboren)
        XCTAssertEqual(s.bamf.zulassungen[BamfSide.key("TR-4711", az)], .erst)
        XCTAssertEqual(s.bamf.plaene[BamfSide.key("TR-4711", "IK-2026-01")]?.aktenzeichen,
                       ["T1", "T2", "T3"].compactMap { s.teilnehmer[$0]?.az })
        XCTAssertTrue(s.bamf.lehrkraefte.contains(lk.kennung))
        XCTAssertEqual(s.auftraege["IK-2026-01"]?.zustaendigkeiten.first?.kennung, lk.kennung)
        let kbm = try XCTUnwrap(s.anmeldungen.last)
        XCTAssertTrue(kbm.anfrage.contains("<Aktenzeichen>\(az)</Aktenzeichen>"))
        XCTAssertTrue(kbm.anfrage.contains("<Geburtsdatum>\(t1.geboren.iso)</Geburtsdatum>"))
        XCTAssertTrue(kbm.anfrage.contains("<Lehrkraftkennung>\(lk.kennung)</Lehrkraftkennung>"))
        for tn in s.teilnehmer.values {
            XCTAssertTrue(Teilnehmer.isValidName(tn.vorname) && Teilnehmer.isValidName(tn.nachname), tn.name)
            XCTAssertFalse(tn.name.contains(where: \.isNumber))
        }
        XCTAssertEqual(Set(s.teilnehmer.values.map(\.nachname)).count, 4)
        // The same session always gets the same pseudonyms.
        XCTAssertEqual(Dump.anonymScript(original), Dump.anonymScript(original))
    }

    func testEqualValuesStayEqualAndDifferentOnesDifferent() {
        for (seed, original) in SessionGenerator.sessions {
            var anonymizer = Anonymizer(session: original)
            let s = anonymizer.anonymize(original)
            let pairs = original.teilnehmer.keys.flatMap { a in original.teilnehmer.keys.map { (a, $0) } }
            for (a, b) in pairs {
                let (oa, ob, pa, pb) = (original.teilnehmer[a]!, original.teilnehmer[b]!, s.teilnehmer[a]!, s.teilnehmer[b]!)
                XCTAssertEqual(Keyword.normalize(oa.nachname) == Keyword.normalize(ob.nachname),
                               Keyword.normalize(pa.nachname) == Keyword.normalize(pb.nachname), "Seed \(seed) \(a) \(b)")
                XCTAssertEqual(oa.geboren == ob.geboren, pa.geboren == pb.geboren, "Seed \(seed) \(a) \(b)")
                XCTAssertEqual(oa.az == ob.az, pa.az == pb.az, "Seed \(seed) \(a) \(b)")
            }
            for tn in original.teilnehmer.values {
                let nr = tn.nummer, p = s.teilnehmer[nr]!
                XCTAssertEqual(tn.az.map { original.bamf.teilnehmer[$0] == tn.geboren },
                               p.az.map { s.bamf.teilnehmer[$0] == p.geboren }, "Seed \(seed) \(nr)")
                XCTAssertEqual(tn.az == nil, p.az == nil)
            }
            XCTAssertEqual(original.bamf.teilnehmer.count, s.bamf.teilnehmer.count)
            XCTAssertEqual(original.bamf.lehrkraefte.count, s.bamf.lehrkraefte.count)
            XCTAssertEqual(original.lehrkraefte.count, s.lehrkraefte.count)
        }
    }

    // MARK: - Every rule comes out the same

    func testAFailedMeldungFailsTheSameWayAfterAnonymisation() throws {
        let scenarios: [(String, [String], String)] = [
            ("Geburtsdatum passt nicht (1021, R15)", ["edit teilnehmer T2 geboren=04.11.1985", "melden"], "BAMF-Fehler 1021"),
            ("nicht zugelassen, unbekannt (R9, 1020)",
             ["add teilnehmer vorname=Ana nachname=Lima geboren=01.02.1990 az=AZ-7", "book Lima,Ana kostentraeger=bamf status=aktiv", "melden"],
             "BAMF-Fehler 1020"),
            ("Lehrkraft unbekannt (strict, 1010)",
             ["add lehrkraft vorname=Eva nachname=Roth kennung=LK-9999", "assign LK-9999", "melden"], "BAMF-Fehler 1010"),
        ]
        for (label, extra, expected) in scenarios {
            let original = try Self.beispielBeforeMelden(extra)
            let kbm = try XCTUnwrap(original.anmeldungen.last, label)
            XCTAssertEqual(kbm.ergebnis, .abgelehnt, label)
            XCTAssertTrue(Self.bamfNummern(kbm).contains(expected), "\(label): \(kbm.meldungen)")
            let s = anonymised(original)
            XCTAssertEqual(Self.bamfNummern(s.anmeldungen.last), Self.bamfNummern(kbm), label)
            XCTAssertEqual(Self.verdicts(s), Self.verdicts(original), label)
        }
        let r9 = try Self.beispielBeforeMelden(scenarios[1].1)
        XCTAssertTrue(Checker.findings(for: r9.auftraege["IK-2026-01"]!, in: r9).contains { $0.regel == 9 })
    }

    func testRuleOutcomesOnGeneratedSessions() {
        var compared = 0
        for (seed, original) in SessionGenerator.sessions {
            let s = anonymised(original)
            let before = Self.verdicts(original)
            XCTAssertEqual(Self.verdicts(s), before, "Seed \(seed)")
            compared += before.count
        }
        XCTAssertGreaterThan(compared, 300)
    }

    // MARK: - Command lines

    func testCommandLinesGetTheSessionsPseudonyms() throws {
        let original = try DumpTests.beispiel()
        var anonymizer = Anonymizer(session: original)
        let s = anonymizer.anonymize(original)
        let t1 = s.teilnehmer["T1"]!, t4 = s.teilnehmer["T4"]!, lk = s.lehrkraefte.values.first!
        func line(_ text: String) -> String? { anonymizer.commandLine(text) }
        XCTAssertEqual(line("add teilnehmer vorname=Leyla nachname=Öztürk geboren=12.04.1990 az=AZ-100001"),
                       "add teilnehmer vorname=\(t1.vorname) nachname=\(t1.nachname) geboren=\(t1.geboren) az=\(t1.az!)")
        XCTAssertEqual(line("edit teilnehmer T1 geboren=1990-04-12"), "edit teilnehmer T1 geboren=\(t1.geboren.iso)")
        XCTAssertEqual(line("book García López,María kostentraeger=bamf"), nil)  // unquoted: two words, no valid command
        XCTAssertEqual(line("book \"García López,María\" kostentraeger=bamf"),
                       "book \(t4.nachname),\(t4.vorname) kostentraeger=bamf")
        XCTAssertEqual(line("book \"oeztuerk, leyla\" kostentraeger=bamf"), "book \(t1.nachname),\(t1.vorname) kostentraeger=bamf")
        XCTAssertEqual(line("status AZ-100001 aktiv"), "status \(t1.az!) aktiv")
        XCTAssertEqual(line("status t3 aktiv  # Frau Kowalenko"), "status t3 aktiv")
        XCTAssertEqual(line("assign LK-1001 art=koordinator"), "assign \(lk.kennung) art=koordinator")
        XCTAssertEqual(line("add lehrkraft vorname=Anna nachname=Berger kennung=LK-1001"),
                       "add lehrkraft vorname=\(lk.vorname) nachname=\(lk.nachname) kennung=\(lk.kennung)")
        XCTAssertEqual(line("bamf register lehrkraft LK-1001"), "bamf register lehrkraft \(lk.kennung)")
        XCTAssertEqual(line("add kursort KO-4711-01 name=\"VHS\""), "add kursort KO-4711-01 name=VHS")
        XCTAssertEqual(line("bamf register kursort KO-4711-01"), "bamf register kursort KO-4711-01")
        XCTAssertEqual(line("echo Jetzt meldet Öztürk sich an"), "echo \"Jetzt meldet \(t1.nachname) sich an\"")
        XCTAssertEqual(line("bamf restore plan traeger=TR-4711 kurs=IK-2026-01 az=AZ-100001,AZ-100002"),
                       "bamf restore plan traeger=TR-4711 kurs=IK-2026-01 az=\(t1.az!),\(s.teilnehmer["T2"]!.az!)")
        XCTAssertEqual(line("edit teilnehmer T1 strasse=\"Am Markt 1\" plz=10115 ort=Berlin")?.contains("Berlin"), false)
        XCTAssertEqual(line("   "), "")
        XCTAssertEqual(line("# Frau Öztürk hat angerufen"), "")
        XCTAssertNil(line("add teilnehmer vorname=Leyla nachnme=Öztürk"))
        XCTAssertNil(line("frobnicate Öztürk"))
        let testdaten = try XCTUnwrap(line("bamf testdaten"))
        XCTAssertTrue(testdaten.contains("bamf register teilnehmer az=\(t1.az!) geboren=\(t1.geboren)"), testdaten)
        XCTAssertFalse(testdaten.contains("AZ-100001"))
    }

    /// The whole standard example, line by line through the command-line function, gives the anonymised session.
    func testAnAnonymisedScriptRecreatesTheAnonymisedSession() throws {
        let lines = try Self.beispielLines()
        let original = try DumpTests.beispiel()
        var anonymizer = Anonymizer(session: original, commandLines: lines)
        let expected = anonymizer.anonymize(original)
        let script = try lines.map { try XCTUnwrap(anonymizer.commandLine($0), $0) }.joined(separator: "\n")
        for value in Self.originals(original) { XCTAssertFalse(Self.containsWhole(script, value), value) }
        XCTAssertEqual(DumpTests.replay(script), expected)
    }
}
