// The SOAP codec: every message kind there and back, every answer there and back, and hostile envelopes that must
// each give a Fault (never a crash, never a half-read message).

import KBMCore
@testable import KBMSoap
import XCTest

final class SoapTests: XCTestCase {
    static let day = Day(year: 2026, month: 3, day: 2)!
    static let tn1 = GesendeterTeilnehmer(nummer: "T1", az: "AZ-100001", geboren: Day(year: 1990, month: 4, day: 12)!)
    static let tn2 = GesendeterTeilnehmer(nummer: "T2", az: nil, geboren: nil)
    static let kopf = Kurskopf(traegernummer: "TR-4711", auftrag: "A-1", kursort: "KO-4711-01", kursart: .allgemein,
                               beginnabschnitt: Abschnitt(number: 1), kursbeginn: day)
    static let abschnitte = [
        Abschnittsplan.Entry(abschnitt: Abschnitt(number: 1), erster: day, letzter: Day(year: 2026, month: 4, day: 10)!, unterrichtstage: 0),
        Abschnittsplan.Entry(abschnitt: Abschnitt(number: 7), erster: Day(year: 2026, month: 4, day: 13)!,
                             letzter: Day(year: 2026, month: 5, day: 8)!, unterrichtstage: 0),
    ]

    static let requests: [InGeRequest] = [
        .kursanmeldung(traegernummer: "TR-4711", teilnehmer: tn1, verfahren: .erst, kursart: .allgemein, abschnitt: Abschnitt(number: 4)),
        .kursanmeldung(traegernummer: "TR-4711", teilnehmer: tn2, verfahren: .wiederhol, kursart: nil, abschnitt: nil),
        .kursplanung(kopf, abschnitte: abschnitte, teilnehmer: [tn1, tn2], aktualisierung: false),
        .kursplanung(kopf, abschnitte: [], teilnehmer: [], aktualisierung: true),
        .kursplanstorno(traegernummer: "TR-4711", auftrag: "A-1"),
        .kursbeginnmeldung(kopf, lehrkraefte: ["LK-1001", "LK-1002"], teilnehmer: [tn1], gesamtTeilnehmer: 14),
        .kursbeginnmeldung(kopf, lehrkraefte: [], teilnehmer: [], gesamtTeilnehmer: 0),
    ]

    func anfrage(_ r: InGeRequest, heute: Day? = day, nurValidieren: Bool = false) -> SoapAnfrage {
        SoapAnfrage(messageID: "urn:uuid:0b7c1c7e-1111-4222-8333-444455556666", zugang: Zugang(benutzer: "TR-4711", passwort: "geheim & <sicher>"),
                    heute: heute, nurValidieren: nurValidieren, nachricht: r)
    }

    func testEveryRequestKindRoundTrips() throws {
        XCTAssertEqual(Set(Self.requests.map(\.typ)), Set(Anmeldung.Typ.allCases))
        for request in Self.requests {
            for (heute, nurValidieren) in [(Self.day, false), (nil, true)] {
                let sent = anfrage(request, heute: heute, nurValidieren: nurValidieren)
                let received = try Soap.anfrage(Soap.envelope(sent)).get()
                XCTAssertEqual(received, sent, "\(request.typ)")
            }
        }
    }

    static let responses: [InGeResponse] = [
        InGeResponse(ergebnis: .erfolgreich, kursnummer: "BK2026-000001"),
        InGeResponse(ergebnis: .validiert, meldungen: [.validatedOnly]),
        InGeResponse(ergebnis: .nichtZugestellt, meldungen: [.timeout]),
        InGeResponse(ergebnis: .abgelehnt, meldungen: [
            .unknownTraeger("TR-1"), .unknownKursort("KO-1"), .unknownLehrkraft("LK-9"), .unknownTeilnehmer(tn1),
            .geburtsdatumMismatch(tn1), .duplicateErstanmeldung(tn1), .kursplanungMissing, .kursplanungCancelled,
            .noLehrkraft, .teilnehmerNotAdmitted(tn1), .teilnehmerDatenMissing(tn2), .noTeilnehmerPlanned,
            .hoechstzahlExceeded(anzahl: 26, hoechstens: 25), .kursNotBegun(day), .alreadyReported("BK2026-000001"),
            .noTeilnehmer, .noKursplanungToCancel, .kursAlreadyReportedNoStorno, .disrupted(nummer: 1042),
            .disrupted(nummer: 4711), .unknownUser("TR-9"), .wrongPassword("TR-4711"),
            .foreignTraeger(user: "TR-4711", traeger: "TR-4712"),
        ]),
    ]

    func testEveryAnswerRoundTrips() throws {
        for response in Self.responses {
            let text = Soap.envelope(response, relatesTo: "urn:uuid:1")
            XCTAssertEqual(try Soap.antwort(text).get(), .antwort(response, relatesTo: "urn:uuid:1"))
        }
        let fault = SoapFault(.client, "Die Nachricht ist kein wohlgeformtes XML.")
        XCTAssertEqual(try Soap.antwort(Soap.envelope(fault)).get(), .fault(fault))
    }

    /// The body on the wire is the document kbm logs for the message.
    func testBodyIsTheLoggedDocument() throws {
        let text = Soap.envelope(anfrage(Self.requests[0]))
        let logged = Self.requests[0].xml.document.split(separator: "\n").dropFirst()
        for line in logged.dropFirst() { XCTAssertTrue(text.contains(line), String(line)) }
    }

    func testSchemaFilesAreCompiledIn() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../schema").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xsd") }
        XCTAssertEqual(Set(names), Set(Schema.files.keys), "scripts/schema")
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            XCTAssertEqual(text, Schema.files[name]! + "\n", "\(name): scripts/schema neu laufen lassen")
        }
    }

    // MARK: hostile and broken envelopes

    func fault(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        switch Soap.anfrage(text) {
        case .success: XCTFail("angenommen", file: file, line: line); return ""
        case .failure(let f):
            XCTAssertEqual(f.code, .client, file: file, line: line)
            XCTAssertTrue(Soap.envelope(f).contains("<faultstring>"), file: file, line: line)
            return f.text
        }
    }

    var valid: String { Soap.envelope(anfrage(Self.requests[0])) }

    func testMalformedAndInvalidEnvelopesAreFaults() {
        XCTAssertTrue(fault("").contains("leer"))
        XCTAssertTrue(fault("<soap:Envelope").contains("wohlgeformt"))
        XCTAssertTrue(fault(valid.replacingOccurrences(of: "</soap:Envelope>", with: "")).contains("wohlgeformt"))
        // wrong root
        XCTAssertTrue(fault("<Kursanmeldung xmlns=\"urn:kbm:inge:1\"/>").contains("Schema"))
        XCTAssertTrue(fault("<NurValidieren xmlns=\"urn:kbm:inge:1\"/>").contains("kein SOAP-Umschlag"))
        // a root of the right name in no namespace
        XCTAssertTrue(fault(valid.replacingOccurrences(of: "xmlns:soap=\"\(Namespace.soap)\"", with: "xmlns:soap=\"urn:x\"")).contains("Schema"))
        // missing body
        let noBody = valid.replacingOccurrences(of: #"<soap:Body>[\s\S]*</soap:Body>"#, with: "", options: .regularExpression)
        XCTAssertTrue(fault(noBody).contains("Schema"))
        // missing header, missing MessageID, wrong password type
        let noHeader = valid.replacingOccurrences(of: #"<soap:Header>[\s\S]*</soap:Header>"#, with: "", options: .regularExpression)
        XCTAssertTrue(fault(noHeader).contains("Schema"))
        XCTAssertTrue(fault(valid.replacingOccurrences(of: "wsa:MessageID", with: "wsa:To")).contains("Schema"))
        XCTAssertTrue(fault(valid.replacingOccurrences(of: "#PasswordText", with: "#PasswordDigest")).contains("Schema"))
        // unknown element, unknown message, unknown Kursart, a date that does not exist, an Abschnitt of another Kursart
        XCTAssertTrue(fault(valid.replacingOccurrences(of: "<Verfahren>", with: "<Unbekannt/><Verfahren>")).contains("Unbekannt"))
        XCTAssertTrue(fault(valid.replacingOccurrences(of: "Kursanmeldung", with: "Kursabmeldung")).contains("Schema"))
        XCTAssertTrue(fault(valid.replacingOccurrences(of: ">allgemein<", with: ">sonder<")).contains("Schema"))
        XCTAssertTrue(fault(valid.replacingOccurrences(of: "1990-04-12", with: "1990-02-30")).contains("Schema"))
        XCTAssertTrue(fault(valid.replacingOccurrences(of: ">allgemein<", with: ">intensiv<")).contains("Abschnitt"))
        // two bodies' worth of messages
        XCTAssertTrue(fault(valid.replacingOccurrences(of: "</soap:Body>", with: "<Kursplanstorno xmlns=\"urn:kbm:inge:1\"><Traegernummer>X</Traegernummer><Kurs>Y</Kurs></Kursplanstorno></soap:Body>")).contains("Schema"))
    }

    func testEntityBombIsRefusedBeforeAnyExpansion() {
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            """ + valid.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: "")
                .replacingOccurrences(of: "TR-4711", with: "&lol9;")
        XCTAssertTrue(fault(bomb).contains("DTD"))
        // an external entity: the same refusal, nothing is read
        let xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY f SYSTEM \"file:///etc/passwd\">]>"
            + valid.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: "").replacingOccurrences(of: "TR-4711", with: "&f;")
        XCTAssertTrue(fault(xxe).contains("DTD"))
        // an undeclared entity without a DTD
        XCTAssertTrue(fault(valid.replacingOccurrences(of: "TR-4711", with: "&lol9;")).contains("wohlgeformt"))
    }

    func testInvalidUTF8IsAFault() {
        var bytes = Array(valid.utf8)
        let at = bytes.firstIndex(of: UInt8(ascii: "4"))!
        bytes[at] = 0xC3; bytes.insert(0x28, at: at + 1) // a lead byte without its continuation
        let result = bytes.withUnsafeBytes { Soap.anfrage($0) }
        guard case .failure(let f) = result else { return XCTFail("angenommen") }
        XCTAssertTrue(f.text.contains("UTF-8"), f.text)
        // an encoding declaration does not change how the bytes are read
        let latin1 = valid.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
        var latinBytes = Array(latin1.utf8)
        latinBytes[latinBytes.firstIndex(of: UInt8(ascii: "4"))!] = 0xE4
        guard case .failure = latinBytes.withUnsafeBytes({ Soap.anfrage($0) }) else { return XCTFail("angenommen") }
    }

    func testDeepNestingAndHugeInputAreFaults() {
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        XCTAssertFalse(fault(deep).isEmpty)
        let deepInBody = valid.replacingOccurrences(of: "<Verfahren>", with: String(repeating: "<x>", count: 5000) + String(repeating: "</x>", count: 5000) + "<Verfahren>")
        XCTAssertFalse(fault(deepInBody).isEmpty)
        let huge = valid.replacingOccurrences(of: "TR-4711</Traeger", with: String(repeating: "A", count: XMLReader.maxBytes) + "</Traeger")
        XCTAssertTrue(fault(huge).contains("größer"))
        let longID = valid.replacingOccurrences(of: "TR-4711</Traeger", with: String(repeating: "A", count: 101) + "</Traeger")
        XCTAssertTrue(fault(longID).contains("Schema"))
    }

    func testBrokenAnswersAreFaultsForTheClient() {
        for text in ["", "<html>502 Bad Gateway</html>", String(Soap.envelope(Self.responses[0], relatesTo: "x").prefix(120)),
                     Soap.envelope(Self.responses[0], relatesTo: "x").replacingOccurrences(of: "erfolgreich", with: "vielleicht")] {
            guard case .failure(let f) = Soap.antwort(text) else { XCTFail(text); continue }
            XCTAssertEqual(f.code, .server)
            XCTAssertTrue(f.text.hasPrefix("Die Antwort"), f.text)
        }
    }
}
