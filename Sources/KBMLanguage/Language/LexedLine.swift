// A command line split into words and kept as UTF-8 bytes, so the Parser compares and converts words in place.

/// The Parser makes a String only of a value it keeps (a name, a Nummer); keywords, keys, dates and choices
/// are compared and read as bytes. Quoted words have their unquoted text appended after the line's bytes.
/// (Reading the line's own String in place instead of one copy cost more: every access pays for the String's view.)
struct LexedLine {
    struct Word {
        var start: Int
        var end: Int
        /// Where the `=` of a `key=value` word is, outside quotes.
        var equals: Int?
        /// 1-based, counting Unicode scalars, for error messages.
        var column: Int
        var quoted: Bool
    }

    private(set) var bytes: [UInt8]
    private(set) var words: [Word] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
        words.reserveCapacity(8)
    }

    /// The words of tokens made elsewhere (`Parser.parse(_ tokens:)`), as if they had been typed.
    init(tokens: [Token]) {
        self.init(bytes: [])
        for token in tokens {
            let start = bytes.count
            var equals: Int?
            if let key = token.key {
                bytes += key.utf8
                equals = bytes.count
                bytes.append(UInt8(ascii: "="))
            }
            bytes += token.value.utf8
            words.append(Word(start: start, end: bytes.count, equals: equals, column: token.column, quoted: token.quoted))
        }
    }

    mutating func append(_ word: Word) { words.append(word) }

    /// Adds the unquoted text of a word and returns where it starts.
    mutating func appendText(_ text: [UInt8]) -> Int {
        let start = bytes.count
        bytes += text
        return start
    }

    var count: Int { words.count }
    var isEmpty: Bool { words.isEmpty }

    func isOption(_ i: Int) -> Bool { words[i].equals != nil }
    func isQuoted(_ i: Int) -> Bool { words[i].quoted }

    /// The whole word as typed (without quotes), for error messages and `rest` arguments.
    func text(_ i: Int) -> String { string(words[i].start, words[i].end) }

    func key(_ i: Int) -> String? { words[i].equals.map { string(words[i].start, $0) } }

    /// The word itself, or for `key=value` the part after the `=`.
    func value(_ i: Int) -> String { string(valueStart(i), words[i].end) }

    func valueIsEmpty(_ i: Int) -> Bool { valueStart(i) == words[i].end }

    func token(_ i: Int) -> Token { Token(key: key(i), value: value(i), column: words[i].column, quoted: words[i].quoted) }

    var tokens: [Token] { words.indices.map(token) }

    /// Calls `body` with the bytes of the word's value, or with those of its key.
    func withBytes<R>(of i: Int, keyPart: Bool = false, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let (from, to) = keyPart ? (words[i].start, words[i].equals ?? words[i].end) : (valueStart(i), words[i].end)
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[from..<to])) }
    }

    private func valueStart(_ i: Int) -> Int { words[i].equals.map { $0 + 1 } ?? words[i].start }

    /// Words are cut from a valid String at ASCII characters (blanks, quotes, `=`), so every word is valid UTF-8
    /// and is not checked again.
    private func string(_ from: Int, _ to: Int) -> String {
        String(copying: UTF8Span(unchecked: bytes.span.extracting(from..<to)))
    }
}
