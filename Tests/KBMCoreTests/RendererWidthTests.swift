// Output fitted to a terminal's width (issue 12, points 6 and 19): prose wrapped at words, tables folded or
// shown record by record, and nothing changed for a pipe or a file (no width).

import XCTest
@testable import KBMCore

final class RendererWidthTests: XCTestCase {
    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    func testProseWrapsAtWordsUnderItsText() {
        let finding = "Warnung R13: Der Kurs hat noch nicht begonnen (Kursbeginn 02.03.2026); die Kursbeginnmeldung geht frühestens am ersten Kurstag.\n"
        let wrapped = Renderer.wrap(finding, width: 40)
        XCTAssertEqual(wrapped, """
            Warnung R13: Der Kurs hat noch nicht
                         begonnen (Kursbeginn
                         02.03.2026); die
                         Kursbeginnmeldung geht
                         frühestens am ersten
                         Kurstag.

            """)
        let help = "  record stop     Beendet die Aufzeichnung und schließt die Datei.\n"
        XCTAssertEqual(Renderer.wrap(help, width: 40), "  record stop     Beendet die\n                  Aufzeichnung und\n                  schließt die Datei.\n")
        // A line that fits, and a word wider than the room, stay as they are.
        XCTAssertEqual(Renderer.wrap("kurz\n", width: 40), "kurz\n")
        XCTAssertEqual(Renderer.wrap(String(repeating: "x", count: 50), width: 40), String(repeating: "x", count: 50))
    }

    func testHelpFitsEveryWidthWithoutBreakingAWord() throws {
        let overview = try HelpText.render(topic: nil)
        let words = Set(overview.split(whereSeparator: { $0 == " " || $0 == "\n" }))
        for width in [60, 80, 110] {
            let wrapped = Renderer.fit(.text(overview), rendered: overview, format: .table, width: width)
            for line in lines(wrapped) { XCTAssertLessThanOrEqual(line.count, width, line) }
            XCTAssertEqual(Set(wrapped.split(whereSeparator: { $0 == " " || $0 == "\n" })), words, "width \(width)")
        }
    }

    let teilnehmer = Table(headers: ["Tn-Nr", "Name", "Geburtsdatum", "Aktenzeichen", "Status", "Kostenträger", "A", "Zugelassen"],
                           keys: ["tn", "name", "geboren", "az", "status", "kt", "a", "zugelassen"], rows: [
        [.text("T1"), .text("Kowalenko, Oksana Maria"), .text("27.01.1998"), .text("AZ-100003"), .text("aktiv"), .text("BAMF"), .flag(true), .flag(true)],
        [.text("T2"), .text("García López, María"), .text("15.06.1992"), .empty, .text("wartet"), .text("Selbstzahler"), .flag(false), .flag(false)],
    ])

    func testAWideTableFoldsItsFreeTextColumn() {
        let fitted = Renderer.fit(teilnehmer, width: 90)
        for line in lines(fitted) { XCTAssertLessThanOrEqual(line.count, 90, line) }
        XCTAssertTrue(fitted.hasPrefix("Tn-Nr  Name "), fitted)
        // The name is folded at its blanks, under its column; every other value stays whole on the row's line.
        XCTAssertTrue(fitted.contains("\nT1     Kowalenko,       27.01.1998    AZ-100003"), fitted)
        XCTAssertTrue(fitted.contains("\n       Oksana Maria\n"), fitted)
        XCTAssertTrue(fitted.hasSuffix("(2 Zeilen)\n"), fitted)
        // With room to spare the table is the one a pipe gets.
        let natural = Renderer.render(teilnehmer, format: .table)
        XCTAssertEqual(Renderer.fit(.table(teilnehmer), rendered: natural, format: .table, width: 200), natural)
    }

    func testATableTooWideToFoldShowsOneRecordPerRow() {
        let fitted = Renderer.fit(teilnehmer, width: 50)
        XCTAssertEqual(fitted, """
            Zeile 1
              Tn-Nr:        T1
              Name:         Kowalenko, Oksana Maria
              Geburtsdatum: 27.01.1998
              Aktenzeichen: AZ-100003
              Status:       aktiv
              Kostenträger: BAMF
              A:            ja
              Zugelassen:   ja

            Zeile 2
              Tn-Nr:        T2
              Name:         García López, María
              Geburtsdatum: 15.06.1992
              Status:       wartet
              Kostenträger: Selbstzahler
              A:            nein
              Zugelassen:   nein
            (2 Zeilen)

            """)
    }

    /// A value with a line break stays in its row, folded or not.
    func testALineBreakInAValueDoesNotBreakTheRow() {
        let table = Table(headers: ["Nummer", "Titel"], keys: ["nr", "titel"], rows: [
            [.text("IK-1"), .text("Erste Zeile\nzweite Zeile des Titels, der lang ist")],
            [.text("IK-2"), .text("kurz")],
        ])
        for width in [30, 200] {
            let text = Renderer.fit(.table(table), rendered: Renderer.render(table, format: .table), format: .table, width: width)
            let rows = lines(text).dropFirst(2).dropLast()
            XCTAssertEqual(rows.filter { !$0.hasPrefix(" ") }.map { String($0.prefix(4)) }, ["IK-1", "IK-2"], text)
            XCTAssertTrue(text.contains("Erste Zeile\\n"), text)
        }
    }

    /// csv and json are data: no width changes them.
    func testMachineFormatsAreNeverFitted() {
        for format in [OutputFormat.csv, .json] {
            let text = Renderer.render(teilnehmer, format: format)
            XCTAssertEqual(Renderer.fit(.table(teilnehmer), rendered: text, format: format, width: 20), text)
        }
    }
}
