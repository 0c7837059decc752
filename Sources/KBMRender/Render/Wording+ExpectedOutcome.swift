// What `expect` wanted and what it found, as its error message says them.

extension Wording {
    static func text(_ expectation: ExpectedOutcome) -> String {
        switch expectation {
        case .success: "Erfolg"
        case .failure(let text): "ein Fehler" + containing(text)
        case .warning(let text): "eine Warnung" + containing(text)
        case .output(let text): "Ausgabe mit „\(text)“"
        case .counts(let counts): counts.joined(separator: " ")
        case .kursnummer(let wanted): wanted ? "eine BAMF-Kursnummer" : "keine BAMF-Kursnummer"
        }
    }

    static func text(_ found: ExpectedOutcome.Found) -> String {
        switch found {
        case .success: "Erfolg"
        case .failure(let message): "Fehler: " + message
        case .warnings(let regeln): regeln.isEmpty ? "keine Warnung" : "Warnungen " + regeln.map { "R\($0)" }.joined(separator: ", ")
        case .noOutput: "keine Ausgabe"
        case .outputWithout(let lines): "eine Ausgabe von \(lines) \(lines == 1 ? "Zeile" : "Zeilen") ohne diesen Text"
        case .counts(let counts): counts.joined(separator: " ")
        case .noOpenAuftrag: "kein Auftrag geöffnet"
        case .kursnummer(let nummer): nummer.map { "Kursnummer \($0)" } ?? "keine Kursnummer"
        }
    }

    private static func containing(_ text: String?) -> String {
        text.map { " mit „\($0)“" } ?? ""
    }
}
