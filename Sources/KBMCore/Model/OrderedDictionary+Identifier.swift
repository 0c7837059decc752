// Finding an Auftrag, Kursort or Lehrkraft by its id in any letter case: `ko-1` names KO-1, kept as first entered.

import OrderedCollections

extension OrderedDictionary where Key == String {
    /// The stored key that `id` names: `id` itself, else the one that differs from it only in letter case.
    /// A miss scans the keys; only commands that name an id look, never opening or saving a session.
    func storedKey(for id: String) -> String? {
        if index(forKey: id) != nil { return id }
        return keys.first { Identifier.same($0, id) }
    }
}

extension Identifier {
    /// Whether two ids are the same but for the letter case of A–Z; other characters must match exactly.
    public static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { folded($0) == folded($1) }
    }

    /// The id as it is compared: a–z as A–Z. Without a lower-case letter, the string itself (nothing is copied).
    public static func folded(_ id: String) -> String {
        guard id.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) else { return id }
        return String(decoding: id.utf8.map(folded), as: UTF8.self)
    }

    private static func folded(_ c: UInt8) -> UInt8 { c >= 0x61 && c <= 0x7A ? c - 0x20 : c }
}

extension Set where Element == String {
    /// Whether the set holds `id` in any letter case, as the simulated BAMF compares ids.
    func containsIdentifier(_ id: String) -> Bool {
        contains(id) || contains { Identifier.same($0, id) }
    }
}
