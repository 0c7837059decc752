// Why kbm does not start as called: options that do not go together, or a value an option cannot take.

public enum InvocationError: Error, Equatable, Sendable {
    case scriptWithCommands
    case freshWithSession
    /// `--step` or `-i` without a script.
    case stepWithoutScript
    case unknownFormat(String)
    case invalidToday(String)
    /// `kbm sitzung.db` for `kbm --session sitzung.db`.
    case sessionFileAsScript(String)
}
