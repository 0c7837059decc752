// Where command lines come from: a terminal, a script file, piped input or -c arguments.

import KBMRender

public enum LineRead: Sendable {
    case line(String)
    /// Bytes that do not make a usable line; reported at this line, then the source goes on.
    case invalid(ShellError)
    /// Ctrl-C at the prompt: the line is dropped.
    case interrupted
    case end
}

public protocol LineSource: AnyObject {
    /// The name shown before `:LINE:` in messages, e.g. a script path or `stdin`.
    var name: String { get }
    var lineNumber: Int { get }
    /// Directory that `run FILE` is relative to.
    var directory: String { get }
    /// A person types here: errors do not stop the run and `melden` asks before sending warnings.
    var isInteractive: Bool { get }
    /// Every line is there already (a script file, -c): nobody waits for the output of one before the next.
    var isHeldInMemory: Bool { get }
    /// How many lines the source has in all, where that is known in advance (a script file), for progress.
    var lineCount: Int? { get }
    func readLine(prompt: String) -> LineRead
    /// Asks a yes/no question of the person at the keyboard; the answer stays out of the history.
    func confirm(_ question: String) -> Bool
    func pause(_ text: String)
}

extension LineSource {
    public var isHeldInMemory: Bool { false }
    public var lineCount: Int? { nil }

    /// Nobody can answer in a script: it goes ahead, as a script's author decided when writing it.
    public func confirm(_ question: String) -> Bool { true }

    /// Waits for Enter where a person watches (step mode, terminal); a batch run does not wait.
    public func pause(_ text: String) {}
}
