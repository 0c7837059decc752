// The statuses kbm (and kbm-bamf) end with, as the README's "Exit-Status" lists them.

public enum ExitStatus: Int32 {
    case success = 0
    /// A command failed and the run went on (`--keep-going`, `set bail off`).
    case commandFailed = 1
    /// The call itself is wrong, or its script cannot be read.
    case usage = 2
    /// The script stopped at a failed command.
    case stopped = 3
    /// The session's file cannot be used (locked, damaged, foreign, newer).
    case unusableSession = 4
    /// Ctrl-C.
    case interrupted = 130

    /// How a run of the shell ends kbm: a failed command counts only where no one watched it fail.
    public init(_ result: Shell.RunResult, interactive: Bool) {
        switch result {
        case .completed(let failures), .exitRequested(let failures):
            self = interactive || failures == 0 ? .success : .commandFailed
        case .stopped: self = .stopped
        case .interrupted: self = .interrupted
        }
    }
}
