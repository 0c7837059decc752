// The form of an id (Trägernummer, Kursort, Lehrkraftkennung, Aktenzeichen, Auftrag) and how two ids compare.

/// The identifier form the simulated BAMF accepts: 1–20 letters, digits, `-` and `/`.
public enum Identifier {
    public static func isValid(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable(isValid) ?? Array(s.utf8).withUnsafeBufferPointer(isValid)
    }

    /// The same for UTF-8 bytes. Every allowed character is ASCII, so bytes and characters are the same here.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (1...20).contains(bytes.count) else { return false }
        return bytes.allSatisfy { c in
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2F
        }
    }
}
