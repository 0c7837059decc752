// Where the shell's text goes: stdout and stderr (stdout held back while a script runs), or a buffer in tests; escaped (Unprintable) on the way.

import Glibc
import KBMModel
import KBMRender

public protocol Sink: AnyObject {
    func out(_ text: String)
    func err(_ text: String)
    /// Everything held back goes out now: before input is read, a question asked, or the run ends.
    func flush()
    /// Held-back output goes out if it has waited long enough; called after each command.
    func flushIfDue()
    /// A status line on a terminal's stderr, drawn over the last one; nil clears it.
    func progress(_ text: String?)
}

extension Sink {
    public func flush() {}
    public func flushIfDue() {}
    public func progress(_ text: String?) {}
}

/// Writes to the descriptors. With `holdingBack`, stdout is collected and written in pieces of up to 64 KiB or
/// a tenth of a second (a script of 100,000 commands would otherwise make 100,000 system calls, and whoever
/// watches it still sees it move); stderr always goes out at once, after what stdout holds, so both stay in
/// order when they share a pipe.
public final class StandardSink: Sink {
    private let holdingBack: Bool
    private var held: [UInt8] = []
    private var heldSince = 0
    /// A progress line stands on the terminal: anything else written first removes it.
    private var progressShown = false

    public init(holdingBack: Bool = false) { self.holdingBack = holdingBack }

    public func out(_ text: String) {
        let text = Unprintable.escaped(text)
        guard holdingBack else { clearProgress(); write(1, Array(text.utf8)); return }
        if held.isEmpty { heldSince = Clock.monotonicNanoseconds() }
        held.append(contentsOf: text.utf8)
        if held.count >= 1 << 16 { flush() }
    }

    public func flushIfDue() {
        if !held.isEmpty && Clock.monotonicNanoseconds() - heldSince >= 100_000_000 { flush() }
    }

    public func err(_ text: String) {
        flush()
        clearProgress()
        write(2, Array(Unprintable.escaped(text).utf8))
    }

    /// Carriage return, the text, erase to the end of the line: the cursor stays on the line, so the next
    /// drawing replaces it. Only the text is escaped; the two controls are kbm's own.
    public func progress(_ text: String?) {
        guard let text else { clearProgress(); return }
        write(2, Array(("\r" + Unprintable.escaped(text, lineBreaks: false) + "\u{1B}[K").utf8))
        progressShown = true
    }

    private func clearProgress() {
        guard progressShown else { return }
        progressShown = false
        write(2, Array("\r\u{1B}[K".utf8))
    }

    public func flush() {
        guard !held.isEmpty else { return }
        clearProgress()
        write(1, held)
        held.removeAll(keepingCapacity: true)
    }

    private func write(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }
}

public final class BufferSink: Sink {
    public private(set) var text = ""
    public init() {}
    public func out(_ text: String) { self.text += Unprintable.escaped(text) }
    public func err(_ text: String) { self.text += Unprintable.escaped(text) }
}
