// One line of German text written like an interpolated string literal, but assembled as UTF-8 bytes.

/// The stdlib's interpolation appends each part to a String, and each append costs several times a byte copy;
/// a notice is rendered for every command of a script, so its parts are copied into one buffer instead,
/// and the line is made from it once.
struct Sentence: ExpressibleByStringInterpolation {
    /// The text with its line break, as output shows a notice.
    let line: String

    init(stringLiteral value: String) {
        line = value + "\n"
    }

    init(stringInterpolation: Interpolation) {
        var parts = stringInterpolation
        parts.append("\n")
        // The bytes are whole Strings' UTF-8 one after the other, so they are valid UTF-8 and need no second
        // check: checking a line with an umlaut took as long as building it.
        line = String(copying: UTF8Span(unchecked: UnsafeBufferPointer(start: parts.buffer, count: parts.count).span))
        parts.buffer.deallocate()
    }

    var text: String { String(decoding: line.utf8.dropLast(), as: UTF8.self) }

    /// Only `Sentence.init` takes the bytes over and frees them; an interpolation is always handed to it at once.
    struct Interpolation: StringInterpolationProtocol {
        fileprivate var buffer: UnsafeMutablePointer<UInt8>
        fileprivate var capacity: Int
        fileprivate var count = 0

        init(literalCapacity: Int, interpolationCount: Int) {
            // Room for values of a typical length and the line break, so the buffer is allocated once.
            capacity = literalCapacity + 16 * interpolationCount + 1
            buffer = .allocate(capacity: capacity)
        }

        mutating func appendLiteral(_ literal: String) { append(literal) }
        mutating func appendInterpolation(_ value: String) { append(value) }
        mutating func appendInterpolation(_ value: some CustomStringConvertible) { append(value.description) }

        fileprivate mutating func append(_ part: String) {
            var part = part
            part.withUTF8 { bytes in
                if count + bytes.count > capacity {
                    capacity = max(2 * capacity, count + bytes.count)
                    let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                    larger.initialize(from: buffer, count: count)
                    buffer.deallocate()
                    buffer = larger
                }
                if let start = bytes.baseAddress { (buffer + count).initialize(from: start, count: bytes.count) }
                count += bytes.count
            }
        }
    }
}
