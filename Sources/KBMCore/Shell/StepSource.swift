// Step mode for live demos: narration from the comments above each command, then the command, then a key to go on.

public final class StepSource: LineSource {
    private let script: ByteLineSource
    private let sink: Sink
    /// Reads one answer from the person at the keyboard; nil when there is nobody (end of input).
    private let ask: (String) -> String?
    private var narration: [String] = []
    private var stepping = true
    private var quit = false

    public var name: String { script.name }
    public var lineNumber: Int { script.lineNumber }
    public var directory: String { script.directory }
    public var isInteractive: Bool { false }

    public init(script: ByteLineSource, sink: Sink, ask: @escaping (String) -> String?) {
        self.script = script
        self.sink = sink
        self.ask = ask
    }

    public func readLine(prompt: String) -> LineRead {
        while !quit {
            let read = script.readLine(prompt: prompt)
            guard case .line(let line) = read else { return read }
            let trimmed = line.trimmingBlanks
            if trimmed.isEmpty {
                // A blank line ends a block of narration that belonged to no command.
                if !narration.isEmpty { flushNarration() }
                continue
            }
            if trimmed.hasPrefix("#") {
                narration.append(String(trimmed.dropFirst().drop(while: { $0 == " " })))
                continue
            }
            // An expectation checks the command before it: it runs with that step, unseen unless it fails.
            if case .expect? = (try? Parser.parse(line))??.name { return .line(line) }
            flushNarration()
            sink.out(prompt + line + "\n")
            guard stepping else { return .line(line) }
            switch ask("  [Enter] ausführen · c ohne Halt weiter · q beenden ")?.trimmingBlanks.lowercased() {
            case nil, "q": quit = true; return .end
            case "c": stepping = false
            default: break
            }
            return .line(line)
        }
        return .end
    }

    public func pause(_ text: String) {
        guard stepping else { return }
        if ask((text.isEmpty ? "" : text + " ") + "[Enter] weiter ")?.trimmingBlanks.lowercased() == "q" { quit = true }
    }

    private func flushNarration() {
        guard !narration.isEmpty else { return }
        sink.out("\n" + narration.map { "  " + $0 }.joined(separator: "\n") + "\n\n")
        narration.removeAll()
    }
}
