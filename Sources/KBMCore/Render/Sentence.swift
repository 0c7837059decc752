// One line of German text written like an interpolated string literal, but assembled as UTF-8 bytes.

/// The stdlib's interpolation appends each part to a String, and each append costs several times a byte copy;
/// a notice is rendered for every command of a script, so its parts are copied into one buffer instead.
struct Sentence: ExpressibleByStringInterpolation {
    private var bytes: [UInt8]

    init(stringLiteral value: String) {
        bytes = []
        Self.append(value, to: &bytes)
    }

    init(stringInterpolation: Interpolation) {
        bytes = stringInterpolation.bytes
    }

    struct Interpolation: StringInterpolationProtocol {
        fileprivate var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            // Room for values of a typical length and the line break, so the buffer is allocated once.
            bytes.reserveCapacity(literalCapacity + 16 * interpolationCount + 1)
        }

        mutating func appendLiteral(_ literal: String) { Sentence.append(literal, to: &bytes) }
        mutating func appendInterpolation(_ value: String) { Sentence.append(value, to: &bytes) }
        mutating func appendInterpolation(_ value: some CustomStringConvertible) { Sentence.append(value.description, to: &bytes) }
    }

    var text: String { Self.string(bytes) }

    /// The text with a line break, as output shows a notice.
    consuming func line() -> String {
        bytes.append(UInt8(ascii: "\n"))
        return Self.string(bytes)
    }

    /// The bytes are whole Strings' UTF-8 one after the other, so they are valid UTF-8 and need no second check:
    /// checking a line with an umlaut took as long as building it.
    private static func string(_ bytes: [UInt8]) -> String {
        String(copying: UTF8Span(unchecked: bytes.span))
    }

    private static func append(_ part: String, to bytes: inout [UInt8]) {
        if part.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: part.utf8)
        }
    }
}
