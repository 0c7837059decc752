// Assertions in scripts: `expect …` judges the previous command or the session and fails with expected and actual.

import KBMDomain
import KBMLanguage
import KBMRender

/// The previous command as `expect` sees it.
struct LastCommand {
    var failed: Bool
    /// The error message when it failed.
    var message: String
    var output: String
    var findings: [Finding] = []
    /// The BAMF's numbered messages when a message to it failed ("BAMF-Fehler 1042: …").
    var bamf: [String] = []

    /// What a replay's `expect fehler` looks for to know it failed the same way: the BAMF's number
    /// ("BAMF-Fehler 1042") when it answered, else the message's first line up to a parenthesis, which holds
    /// what differs between sessions ("Nachricht 5").
    var failureText: String? {
        guard failed else { return nil }
        if let first = bamf.first { return String(first.prefix { $0 != ":" }) }
        var text = message.prefix { $0 != "\n" }
        if let open = text.firstRange(of: " ("), open.lowerBound > text.startIndex { text = text[..<open.lowerBound] }
        while let end = text.last, end == "." || end == " " { text.removeLast() }
        return text.isEmpty ? nil : String(text)
    }

    /// The failure's message, with the numbers of the BAMF's messages when it answered.
    var messageWithBamf: String {
        bamf.isEmpty ? message : message + " [" + bamf.map { String($0.prefix { $0 != ":" }) }.joined(separator: ", ") + "]"
    }
}

extension Shell {
    /// The line a replay checks a failure with; bare when nothing names the failure.
    static func expectFailure(_ text: String?) -> String {
        "expect fehler" + (text.map { " " + ScriptLine.quote($0, always: true) } ?? "")
    }

    func judge(_ expectation: Expectation, _ command: ParsedCommand) throws(ShellError) {
        switch expectation {
        case .ok:
            if last.failed { throw .expectationFailed(.success, found: .failure(last.message)) }
        case .fehler:
            let text = command[Keys.ExpectFehler.text]
            guard last.failed else { throw .expectationFailed(.failure(text), found: .success) }
            // The text may stand in the error or in what the command printed, such as the BAMF's numbered messages.
            if let text, !last.message.contains(text) && !last.output.contains(text) {
                throw .expectationFailed(.failure(text), found: .failure(last.messageWithBamf))
            }
        case .warnung:
            let text = command[Keys.ExpectFehler.text]
            let found = last.findings.filter { $0.severity == .warnung }
            let warnings = found.map { "R\($0.regel): " + Wording.finding($0) }
            let matching = text.map { t in warnings.filter { $0.contains(t) } } ?? warnings
            // The warnings stand printed above; by rule number here, so no stored name reaches the error message.
            if matching.isEmpty {
                throw .expectationFailed(.warning(text), found: .warnings(found.map(\.regel)))
            }
        case .ausgabe:
            let wanted = command[Keys.ExpectAusgabe.text]
            if !last.output.contains(wanted) {
                // The output stands printed above; the error message does not repeat its (possibly personal) data.
                let lines = last.output.split(separator: "\n").count
                throw .expectationFailed(.output(wanted), found: last.output.isEmpty ? .noOutput : .outputWithout(lines: lines))
            }
        case .anzahl:
            var expected: [String] = [], actual: [String] = []
            for (key, count) in [(Keys.ExpectAnzahl.auftraege, session.auftraege.count), (Keys.ExpectAnzahl.teilnehmer, session.teilnehmer.count),
                                 (Keys.ExpectAnzahl.lehrkraefte, session.lehrkraefte.count), (Keys.ExpectAnzahl.anmeldungen, session.anmeldungen.count)] {
                guard let wanted = command[key] else { continue }
                let name = key.spec.name
                if wanted != count { expected.append("\(name)=\(wanted)"); actual.append("\(name)=\(count)") }
            }
            if !expected.isEmpty {
                throw .expectationFailed(.counts(expected), found: .counts(actual))
            }
        case .kursnummer, .keineKursnummer:
            let auftrag = session.openAuftrag.flatMap { session.auftraege[$0] }
            let nummer = auftrag?.kbm.kursnummer
            let wanted = expectation == .kursnummer
            if (nummer != nil) != wanted {
                throw .expectationFailed(.kursnummer(wanted), found: auftrag == nil ? .noOpenAuftrag : .kursnummer(nummer))
            }
        }
    }
}
