// Finding an Auftrag, Kursort or Lehrkraft by its id in any letter case: `ko-1` names KO-1, kept as first entered.

import OrderedCollections

extension OrderedDictionary where Key == String {
    /// The stored key that `id` names: `id` itself, else the one that differs from it only in letter case.
    /// A miss scans the keys; only commands that name an id look, never opening or saving a session.
    package func storedKey(for id: String) -> String? {
        if index(forKey: id) != nil { return id }
        // The typed id's bytes once; each stored key is compared from its end, where numbered ids (IK-1, IK-2, …)
        // differ, without copying it. A new Auftrag in a session of 10,000 costs some 200,000 instructions here.
        let wanted = Array(id.utf8).map(Identifier.folded)
        return keys.elements.withUnsafeBufferPointer { stored in
            for key in stored where key.utf8.count == wanted.count {
                let same = key.utf8.withContiguousStorageIfAvailable { bytes in
                    var i = bytes.count
                    while i > 0 {
                        i -= 1
                        if Identifier.folded(bytes[i]) != wanted[i] { return false }
                    }
                    return true
                } ?? Identifier.same(key, id)
                if same { return key }
            }
            return nil
        }
    }
}

extension Identifier {
    /// Whether two ids are the same but for the letter case of A–Z; other characters must match exactly.
    public static func same(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a, b = b
        // From the end: a new id is compared with every stored one, and numbered ids (IK-1, IK-2, …) differ there.
        return a.withUTF8 { x in
            b.withUTF8 { y in
                var i = x.count
                while i > 0 {
                    i -= 1
                    if folded(x[i]) != folded(y[i]) { return false }
                }
                return true
            }
        }
    }

    /// The id as it is compared: a–z as A–Z. Without a lower-case letter, the string itself (nothing is copied).
    public static func folded(_ id: String) -> String {
        // Read as one buffer: opening a session folds every Aktenzeichen, and a byte-wise walk of the String cost
        // 1 % of opening a large one.
        let lower = id.utf8.withContiguousStorageIfAvailable { $0.contains { $0 &- 0x61 < 26 } }
            ?? id.utf8.contains { $0 &- 0x61 < 26 }
        guard lower else { return id }
        return String(decoding: id.utf8.map(folded), as: UTF8.self)
    }

    static func folded(_ c: UInt8) -> UInt8 { c >= 0x61 && c <= 0x7A ? c - 0x20 : c }
}

extension Set where Element == String {
    /// Whether the set holds `id` in any letter case, as the simulated BAMF compares ids.
    package func containsIdentifier(_ id: String) -> Bool {
        contains(id) || contains { Identifier.same($0, id) }
    }
}
