// Lines from bytes already read or streamed from a descriptor: script files, piped stdin, -c arguments.

import Glibc
import KBMLanguage
import KBMPersistence
import KBMRender

public final class ByteLineSource: LineSource {
    public static let maxLineBytes = 1 << 20

    public let name: String
    public let directory: String
    public private(set) var lineNumber = 0
    public var isInteractive: Bool { false }
    public var isHeldInMemory: Bool { fd == nil }
    /// Counted once, when progress first asks: a line per line break, and the last line without one.
    public private(set) lazy var lineCount: Int? = fd != nil ? nil
        : buffer.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } + (buffer.last.map { $0 == 10 ? 0 : 1 } ?? 0)

    private var buffer: [UInt8]
    private var position = 0
    private let fd: Int32?
    private var eof: Bool

    /// A script or `-c` text held in memory.
    public init(name: String, directory: String, bytes: [UInt8]) {
        self.name = name
        self.directory = directory
        self.buffer = bytes
        self.fd = nil
        self.eof = true
    }

    /// The largest script kbm reads: many times any real one, while input without end (/dev/zero through a
    /// pipe, a runaway generator) stops at once instead of filling the memory.
    public static let maxScriptBytes = 64 << 20

    /// A script file read whole: a regular file or a pipe (`kbm <(…)`), never a device, at most `maxScriptBytes`.
    public convenience init(script path: String) throws(ShellError) {
        guard let bytes = FileSystem.read(path, limit: Self.maxScriptBytes) else {
            switch errno {
            case EINTR: throw .interrupted
            case ENODEV: throw .scriptNotAFile(path: path)
            case EFBIG: throw .scriptTooLarge(path: path, megabytes: Self.maxScriptBytes >> 20)
            default: throw .unreadableScript(path: path, reason: FileSystem.lastErrorText())
            }
        }
        self.init(name: path, directory: FileSystem.directory(of: path), bytes: bytes)
    }

    /// A session file given where a script belongs.
    public var startsLikeSQLite: Bool { buffer.starts(with: Array("SQLite format 3".utf8) + [0]) }

    /// Only what looks like a kbm script runs: a `.kbm` name, or a first line kbm understands (a comment or a
    /// blank line counts). Any other file (`run /etc/shadow`) is refused before a line of it runs, shows or is logged.
    public func requireScriptShape() throws(ShellError) {
        if name.lowercased().hasSuffix(".kbm") { return }
        var first = buffer[position..<(nextNewline() ?? buffer.count)]
        if first.starts(with: [0xEF, 0xBB, 0xBF]) { first = first.dropFirst(3) }
        guard first.count <= Self.maxLineBytes, !first.contains(0), let line = String(validating: first, as: UTF8.self) else {
            throw .notAScript(path: name)
        }
        // A comment or a blank line parses to no command at all, and counts.
        do { _ = try Parser.parse(line) } catch { throw .notAScript(path: name) }
    }

    /// Reads a descriptor (piped stdin) lazily, so each line runs as soon as it arrives.
    public init(name: String, directory: String, fd: Int32) {
        self.name = name
        self.directory = directory
        self.buffer = []
        self.fd = fd
        self.eof = false
    }

    public func readLine(prompt: String) -> LineRead {
        while true {
            if let newline = nextNewline() { return take(upTo: newline, skip: 1) }
            if !eof {
                switch fill() {
                case .data: continue
                // A half-received line is kept for later, never run as it is.
                case .interrupted: return .interrupted
                case .end: break
                }
            }
            if position < buffer.count { return take(upTo: buffer.count, skip: 0) }
            return .end
        }
    }

    /// No byte with the high bit set, tested a word at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= bytes.count {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < bytes.count {
            high |= UInt64(bytes[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// memchr, not a generic search of the slice: a 100,000-line script is searched byte by byte otherwise.
    private func nextNewline() -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            guard position < bytes.count, let base = bytes.baseAddress,
                  let found = memchr(base + position, Int32(UInt8(ascii: "\n")), bytes.count - position) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }

    private enum Fill { case data, interrupted, end }

    private func fill() -> Fill {
        guard let fd else { eof = true; return .end }
        // Lines already taken are dropped, so endless piped input does not pile up in memory.
        if position > 0 && (position == buffer.count || position >= 1 << 16) {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = Glibc.read(fd, &chunk, chunk.count)
        if n < 0 && errno == EINTR { return .interrupted }
        if n <= 0 { eof = true; return .end }
        buffer.append(contentsOf: chunk[0..<n])
        return .data
    }

    private func take(upTo end: Int, skip: Int) -> LineRead {
        var bytes = buffer[position..<end]
        position = end + skip
        lineNumber += 1
        // Editors on Windows start UTF-8 files with a byte order mark; it is no part of the first command.
        if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.count > Self.maxLineBytes { return .invalid(.lineTooLong(limit: Self.maxLineBytes)) }
        // On the contiguous bytes themselves: the generic slice would cost a type lookup for every line.
        return bytes.withUnsafeBufferPointer { line in
            if let base = line.baseAddress, memchr(base, 0, line.count) != nil { return .invalid(.nulByte) }
            // Most lines are ASCII: checked eight bytes at a time, they need no validation byte by byte
            // (which cost as much as lexing the line), and ASCII is always valid UTF-8.
            if Self.isASCII(line) { return .line(String(decoding: line, as: UTF8.self)) }
            guard let text = String(validating: line, as: UTF8.self) else { return .invalid(.invalidUTF8) }
            return .line(text)
        }
    }
}
