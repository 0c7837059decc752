// Persons and bookings, the rows long scripts write most: within a script's unit they wait and go in many to a statement.

extension SessionStore {
    enum RowKind: Int {
        case person, booking

        var columns: [String] {
            switch self {
            case .person: ["id", "nummer", "vorname", "nachname", "geboren", "az", "strasse", "plz", "ort",
                           "zulassung_verfahren", "zulassung_kursart", "zulassung_abschnitt", "zulassung_datum"]
            case .booking: ["auftrag", "tn", "pos", "status", "kostentraeger", "eintrittsabschnitt", "anmelden", "war_aktiv"]
            }
        }

        /// An upsert for `rows` rows; a row that exists keeps its key and, for a booking, its place (`pos`).
        func upsert(rows: Int) -> String {
            let (table, key) = self == .person ? ("person", ["id"]) : ("teilnahme", ["auftrag", "tn", "pos"])
            let group = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
            let updates = columns.filter { !key.contains($0) }.map { "\($0) = excluded.\($0)" }
            return "INSERT INTO \(table)(\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: group, count: rows).joined(separator: ", ")
                + " ON CONFLICT(\(self == .person ? "id" : "auftrag, tn")) DO UPDATE SET " + updates.joined(separator: ", ")
        }
    }

    static let rowBatch = 64

    /// A person or booking written as it is in `session`; inside a script's unit it waits for the next batch.
    /// A removal is written at once: a booking removed and made again must get a new `pos`, which an upsert of
    /// the final state alone would not give it.
    func writeRow(_ item: Touched, from session: Session) throws(StoreError) {
        guard depth > 1, exists(item, in: session) else {
            pendingRows.remove(item)
            try writeRows([item], from: session)
            return
        }
        // Moved to the end when touched again: new bookings get their `pos` in the order they were last made.
        pendingRows.remove(item)
        pendingRows.append(item)
        if pendingRows.count >= Self.rowBatch { try writePendingRows(from: session) }
    }

    private func exists(_ item: Touched, in session: Session) -> Bool {
        switch item {
        case .teilnehmer(let nummer): session.teilnehmer[nummer] != nil
        case .teilnahme(let auftrag, let tn): session.auftraege[auftrag]?.teilnahmen[tn] != nil
        default: false
        }
    }

    /// The waiting rows into the tables, as they are in `session` now: before the unit ends and before a query.
    public func writePendingRows(from session: Session) throws(StoreError) {
        guard !pendingRows.isEmpty else { return }
        try writeRows(pendingRows.elements, from: session)
        pendingRows.removeAll()
    }

    /// Each key once, so a row either is upserted or deleted; the order among them does not matter.
    private func writeRows(_ items: [Touched], from session: Session) throws(StoreError) {
        var persons: [SQLValue?] = [], bookings: [SQLValue?] = []
        for item in items {
            switch item {
            case .teilnehmer(let nummer):
                guard let id = Teilnehmer.number(of: nummer) else {
                    throw .writeFailed(detail: "Tn-Nr \(nummer) ist keine von kbm vergebene Nummer")
                }
                if let tn = session.teilnehmer[nummer] {
                    persons += personValues(id, tn)
                } else {
                    try exec("DELETE FROM person WHERE id = ?1", .int(id))
                }
            case .teilnahme(let auftrag, let tn):
                if let t = session.auftraege[auftrag]?.teilnahmen[tn] {
                    bookings += bookingValues(auftrag, t)
                } else {
                    try exec("DELETE FROM teilnahme WHERE auftrag = ?1 AND tn = ?2", .text(auftrag), .text(tn))
                }
            default:
                throw .writeFailed(detail: "\(item) ist keine Person und keine Buchung")
            }
        }
        try upsert(.person, persons)
        try upsert(.booking, bookings)
    }

    private func upsert(_ kind: RowKind, _ values: [SQLValue?]) throws(StoreError) {
        let width = kind.columns.count
        var start = 0
        while start < values.count {
            let rows = values.count - start >= Self.rowBatch * width ? Self.rowBatch : 1
            try rowStatement(kind, rows: rows).runChecked(Array(values[start..<start + rows * width]))
            start += rows * width
        }
    }

    func rowStatement(_ kind: RowKind, rows: Int) throws(StoreError) -> Statement {
        let key = kind.rawValue * 1000 + rows
        if let statement = rowStatements[key] { return statement }
        let statement = try cached(kind.upsert(rows: rows))
        rowStatements[key] = statement
        return statement
    }

    func personValues(_ id: Int, _ tn: Teilnehmer) -> [SQLValue?] {
        let z = tn.zulassung
        return [.int(id), .text(tn.nummer), .text(tn.vorname), .text(tn.nachname), .text(tn.geboren.iso),
                tn.az.map(SQLValue.text), tn.strasse.map(SQLValue.text), tn.plz.map(SQLValue.text), tn.ort.map(SQLValue.text),
                z.map { .text($0.verfahren.rawValue) }, z?.kursart.map { .text($0.key) },
                z?.abschnitt.map { .int($0.number) }, z.map { .text($0.datum.iso) }]
    }

    /// A new booking comes last in its Auftrag: its `pos` is above every stored one (a changed one keeps its own).
    func bookingValues(_ auftrag: String, _ t: Teilnahme) -> [SQLValue?] {
        nextBookingPosition += 1
        return [.text(auftrag), .text(t.teilnehmer), .int(nextBookingPosition - 1), .text(t.status.rawValue),
                .text(t.kostentraeger.rawValue), t.eintrittsabschnitt.map { .int($0.number) },
                .int(t.anmelden ? 1 : 0), .int(t.warAktiv ? 1 : 0)]
    }
}
