// Taking the BAMF's record keys apart again: "Trägernummer|Aktenzeichen" and "Trägernummer|Auftrag".

extension BamfSide {
    /// The two parts of a key made by `key(_:_:)`; identifiers never hold a `|`, so the first one splits.
    public static func parts(of key: String) -> (String, String) {
        guard let bar = key.firstIndex(of: "|") else { return (key, "") }
        return (String(key[..<bar]), String(key[key.index(after: bar)...]))
    }
}
