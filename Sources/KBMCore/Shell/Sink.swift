// Where the shell's text goes: stdout and stderr, flushed per command, or a buffer in tests.

import Glibc

public protocol Sink: AnyObject {
    func out(_ text: String)
    func err(_ text: String)
}

/// Writes straight to the descriptors, so stdout and stderr stay in order when they share a pipe.
public final class StandardSink: Sink {
    public init() {}
    public func out(_ text: String) { write(1, text) }
    public func err(_ text: String) { write(2, text) }

    private func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }
}

public final class BufferSink: Sink {
    public private(set) var text = ""
    public init() {}
    public func out(_ text: String) { self.text += text }
    public func err(_ text: String) { self.text += text }
}
