// How typed keywords compare: case-insensitive, with ä ö ü ß equal to ae oe ue ss.

public enum Keyword {
    public static func normalize(_ word: String) -> String {
        // Most words are already lower-case ASCII: return them untouched, and lower ASCII without Unicode tables.
        // Scanned as one buffer: iterating a String's UTF8View byte by byte costs several times as much.
        let form = word.utf8.withContiguousStorageIfAvailable { bytes in
            var upper = false
            for b in bytes {
                if b >= 0x80 { return Form.other }
                if b >= 0x41 && b <= 0x5A { upper = true }
            }
            return upper ? Form.upperASCII : Form.lowerASCII
        } ?? .other
        if form == .lowerASCII { return word }
        if form == .upperASCII { return String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self) }
        var out = ""
        out.reserveCapacity(word.utf8.count)
        for ch in word.lowercased() {
            switch ch {
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            case "ß": out += "ss"
            default: out.append(ch)
            }
        }
        return out
    }

    private enum Form { case lowerASCII, upperASCII, other }

    /// Where a typed word (as UTF-8) stands among keywords that are normalised already. Most words are typed
    /// exactly so and are compared as bytes; only a word with capitals or non-ASCII letters is normalised, once.
    static func firstIndex<C: Collection>(of word: UnsafeBufferPointer<UInt8>, in items: C,
                                          _ keyword: (C.Element) -> String) -> C.Index? {
        if let index = items.firstIndex(where: { equal(word, keyword($0)) }) { return index }
        guard word.contains(where: { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) }) else { return nil }
        let normalized = normalize(String(decoding: word, as: UTF8.self))
        return items.firstIndex { keyword($0) == normalized }
    }

    static func matches(_ word: UnsafeBufferPointer<UInt8>, _ keyword: String) -> Bool {
        firstIndex(of: word, in: CollectionOfOne(keyword)) { $0 } != nil
    }

    private static func equal(_ word: UnsafeBufferPointer<UInt8>, _ keyword: String) -> Bool {
        guard keyword.utf8.count == word.count else { return false }
        // A plain loop: the generic elementsEqual walks two iterators at several times the cost.
        return keyword.utf8.withContiguousStorageIfAvailable { k in
            for j in k.indices where k[j] != word[j] { return false }
            return true
        } ?? keyword.utf8.elementsEqual(word)
    }

    /// Edit distance counting a swap of neighbours as one edit, for "meinten Sie …?" suggestions.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    /// The closest candidate within a distance that still reads as a typo.
    public static func suggest(_ word: String, among candidates: [String]) -> String? {
        let w = normalize(word)
        let length = w.count
        var best: (String, Int)?
        for c in candidates {
            let limit = max(1, min(3, c.count / 3))
            // The distance is at least the difference in length: skipping those keeps a 64 KB word from costing seconds.
            guard abs(length - c.count) <= limit else { continue }
            let d = distance(w, c)
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        if best == nil, w.count >= 3, let prefixed = candidates.first(where: { $0.hasPrefix(w) }) { return prefixed }
        return best?.0
    }
}
