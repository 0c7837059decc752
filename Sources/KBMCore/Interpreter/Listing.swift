// The tables and records that list and show commands answer with.

enum Listing {
    static func auftraege(_ session: Session) -> Table {
        var table = Table(headers: ["Nummer", "Typ", "Titel", "BAMF-Kursnummer"],
                          keys: ["nummer", "typ", "titel", "kursnummer"])
        for auftrag in session.auftraege.values {
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

    static func show(_ auftrag: Auftrag, _ session: Session) -> [Output] {
        var fields: [(String, Cell)] = [
            ("Nummer", .text(auftrag.nummer)),
            ("Typ", .text(auftrag.typ.name)),
            ("Titel", cell(auftrag.titel)),
        ]
        for (name, value) in auftrag.referenznummern.sorted(by: { $0.key < $1.key }) {
            fields.append((name, .text(value)))
        }
        return [.record(Record(title: "Auftrag \(auftrag.nummer)", fields: fields))]
    }

    static func cell(_ text: String?) -> Cell {
        text.map { .text($0) } ?? .empty
    }
}
