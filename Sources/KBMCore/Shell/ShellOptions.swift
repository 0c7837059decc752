// The shell's own switches: output format, stop on error, echo.

import KBMLanguage

public struct ShellOptions: Sendable {
    public var format: OutputFormat = .table
    /// Stop a non-interactive run at the first failing command.
    public var bail = true
    public var echo = false
    /// Print each command's duration.
    public var timer = false

    public init() {}
}
