// What an `expect` line wanted, and what it found instead; the render layer words both.

public enum ExpectedOutcome: Equatable, Sendable {
    case success
    /// A failure, with this text in its message or output if given.
    case failure(String?)
    case warning(String?)
    case output(String)
    /// `key=count` of each count that differed.
    case counts([String])
    /// A BAMF-Kursnummer, or (false) none.
    case kursnummer(Bool)

    public enum Found: Equatable, Sendable {
        case success
        /// The failed command's message.
        case failure(String)
        /// The rule numbers of the warnings there were; none at all is the empty list.
        case warnings([Int])
        case noOutput
        /// Output of this many lines, without the wanted text.
        case outputWithout(lines: Int)
        case counts([String])
        case noOpenAuftrag
        case kursnummer(String?)
    }
}
