// The description of one command: its words, its values, who handles it, where help shows it, and how a replay treats it.

/// A class, not a struct: every parsed command refers to its spec, and that should cost a reference, not a copy.
public final class CommandSpec: Sendable {
    public let name: CommandName
    public let words: [String]
    public let arguments: [ValueSpec]
    public let options: [ValueSpec]
    public let summary: String
    public let example: String
    /// Whether the command can change the session (and so opens a write transaction).
    public let mutates: Bool
    public let section: Section
    public let replay: Replay

    /// The groups of `help`, in the order the workflow runs, so a class reads the overview top to bottom.
    public enum Section: CaseIterable, Sendable {
        case auftraege, kurs, personen, meldungen, simulator, expectations, demonstration, reports, recording, shell, dump
    }

    /// What `verlauf --export` and `record` write for a line of this command.
    public enum Replay: Equatable, Sendable {
        /// The line as it was.
        case replayed
        /// A comment: replaying it would write a file in the folder of whoever runs it. `always: false` when only
        /// a line that names a file writes one (`output DATEI`, `dump DATEI`).
        case commentedOut(always: Bool)
        /// Nothing: it manages the log itself, or (`run`) the log holds its script's own lines.
        case skipped
    }

    /// The values by their specs (`Keys.Book.tn.spec`), not as `[any ValueKey]`: boxing a typed key makes the
    /// runtime look up its generic type, a search through every conformance of the program at each start.
    public init(_ name: CommandName, _ words: String, arguments: [ValueSpec] = [], options: [ValueSpec] = [],
                mutates: Bool = false, section: Section, replay: Replay = .replayed, summary: String, example: String) {
        self.name = name
        self.words = CommandSpec.split(words)
        self.arguments = arguments
        self.options = options
        self.summary = summary
        self.example = example
        self.mutates = mutates
        self.section = section
        self.replay = replay
    }

    public var phrase: String { words.joined(separator: " ") }

    /// Splits at blanks by bytes: every start builds the whole table, and String.split would walk each
    /// phrase by Character, paging in grapheme-breaking code and tables for words that are plain ASCII.
    private static func split(_ phrase: String) -> [String] {
        let bytes = phrase.utf8
        var words: [String] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == UInt8(ascii: " ") {
            if start < index { words.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
            start = bytes.index(after: index)
        }
        if start < bytes.endIndex { words.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return words
    }

    /// The usage line printed by `help` and in error messages.
    public var usage: String {
        var parts = [phrase]
        for a in arguments {
            let shown: String
            if case .choice(let values) = a.kind { shown = values.joined(separator: "|") } else { shown = a.placeholder }
            parts.append(a.required ? shown : "[\(shown)]")
        }
        for o in options {
            let value: String
            switch o.kind {
            case .choice(let values): value = values.joined(separator: "|")
            case .yesNo: value = "ja|nein"
            default: value = o.placeholder
            }
            parts.append(o.required ? "\(o.name)=\(value)" : "[\(o.name)=\(value)]")
        }
        return parts.joined(separator: " ")
    }
}
