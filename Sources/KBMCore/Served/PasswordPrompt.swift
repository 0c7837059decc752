// Asks for a password at the terminal without echo; nothing of it reaches the history or the log, and Ctrl-C
// gives the terminal back with its echo on.

import Glibc

public enum PasswordPrompt {
    public enum Answer: Equatable {
        case password(String)
        /// stdin is no terminal, or input ended before a line.
        case none
        /// Ctrl-C at the prompt.
        case cancelled
    }

    /// What Ctrl-C at the prompt does.
    public enum Interrupt {
        /// The read returns and the caller goes on (the shell: back to its prompt). Only when the signal reaches the
        /// reading thread, as in the shell, which reads on its main thread.
        case cancel
        /// The program ends as Ctrl-C ends it, after the terminal has its echo back (kbm-bamf: its reads run on a
        /// thread of Swift's pool, which the signal does not interrupt).
        case end(message: String)
    }

    /// The password typed at the terminal on stdin, echo off; nil when stdin is no terminal, input ended or Ctrl-C.
    public static func ask(_ prompt: String) -> String? {
        if case .password(let text) = read(prompt) { return text }
        return nil
    }

    /// A signal handler can reach nothing else: the terminal's settings to restore and the words to say.
    nonisolated(unsafe) private static var saved = termios()
    nonisolated(unsafe) private static var farewell: UnsafeMutableBufferPointer<UInt8>?

    /// One line from the terminal with echo off; Ctrl-C restores the terminal first, then does what `interrupt` says.
    public static func read(_ prompt: String, interrupt: Interrupt = .cancel) -> Answer {
        guard isatty(0) != 0 else { return .none }
        var original = termios()
        guard tcgetattr(0, &original) == 0 else { return .none }
        saved = original
        var quiet = original
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ICANON | ISIG)
        var text = prompt
        _ = text.withUTF8 { write(2, $0.baseAddress, $0.count) }
        var action = sigaction(), previous = sigaction()
        switch interrupt {
        case .cancel:
            action.__sigaction_handler.sa_handler = { _ in }
        case .end(let message):
            let bytes = Array(("\n" + message).utf8)
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
            _ = buffer.initialize(from: bytes)
            // The previous prompt's handler is gone (restored below), so its words can go too.
            farewell?.deallocate()
            farewell = buffer
            action.__sigaction_handler.sa_handler = { signal in
                tcsetattr(0, TCSAFLUSH, &PasswordPrompt.saved)
                if let words = PasswordPrompt.farewell { _ = write(2, words.baseAddress, words.count) }
                Glibc.signal(signal, SIG_DFL)
                raise(signal)
            }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: a read on the interrupted thread returns EINTR
        sigaction(SIGINT, &action, &previous)
        defer {
            tcsetattr(0, TCSAFLUSH, &original)
            sigaction(SIGINT, &previous, nil)
            _ = write(2, "\n", 1)
        }
        guard tcsetattr(0, TCSAFLUSH, &quiet) == 0 else { return .none }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = Glibc.read(0, &byte, 1)
            if n < 0 && errno == EINTR { return .cancelled }
            guard n == 1 else { return bytes.isEmpty ? .none : .password(String(decoding: bytes, as: UTF8.self)) }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            bytes.append(byte)
        }
        return .password(String(decoding: bytes, as: UTF8.self))
    }
}
