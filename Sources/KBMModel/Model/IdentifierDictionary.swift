// Finding an Auftrag, Kursort or Lehrkraft by its id in any letter case: `ko-1` names KO-1, kept as first entered.

import OrderedCollections

/// Auftraege, Kursorte or Lehrkräfte by id, in the order entered: an OrderedDictionary whose keys are also found
/// in any letter case (`storedKey(for:)`), in constant time. Every insertion and removal goes through here, so the
/// index beside the entries cannot fall out of step.
/// Inlinable, as OrderedDictionary is: generic, it is specialised only where the interpreter and the store use it.
public struct IdentifierDictionary<Value> {
    @usableFromInline var entries: OrderedDictionary<String, Value>
    /// Folded id (`Identifier.folded`) → stored key, for the stored keys that hold a lower-case letter: an id in
    /// capitals is found by its folded form directly, so in practice this stays empty. Derived from `entries`.
    @usableFromInline var lowerCase: [String: String] = [:]

    @inlinable public init() { entries = [:] }

    @inlinable public var keys: OrderedSet<String> { entries.keys }
    @inlinable public var count: Int { entries.count }
    @inlinable public var isEmpty: Bool { entries.isEmpty }

    /// The values in place: changing one leaves its key, and so the index, as it is.
    @inlinable public var values: OrderedDictionary<String, Value>.Values {
        get { entries.values }
        _modify { yield &entries.values }
    }

    @inlinable public func index(forKey key: String) -> Int? { entries.index(forKey: key) }

    @inlinable public subscript(key: String) -> Value? {
        get { entries[key] }
        _modify {
            // Only a key with a lower-case letter is indexed; every other one is the OrderedDictionary's alone.
            guard Identifier.hasLowerCase(key) else {
                yield &entries[key]
                return
            }
            yield &entries[key]
            reindex(key)
        }
    }

    @inlinable @discardableResult
    public mutating func removeValue(forKey key: String) -> Value? {
        let removed = entries.removeValue(forKey: key)
        if removed != nil && Identifier.hasLowerCase(key) { reindex(key) }
        return removed
    }

    @inlinable public mutating func reserveCapacity(_ count: Int) { entries.reserveCapacity(count) }

    /// The stored key that `id` names: `id` itself, else the one that differs from it only in letter case.
    @inlinable public func storedKey(for id: String) -> String? {
        if entries.index(forKey: id) != nil { return id }
        let folded = Identifier.folded(id)
        if folded != id, entries.index(forKey: folded) != nil { return folded }
        return lowerCase.isEmpty ? nil : lowerCase[folded]
    }

    /// Brings the index in step for `key`, which holds a lower-case letter, after it was stored or removed.
    @usableFromInline mutating func reindex(_ key: String) {
        let folded = Identifier.folded(key)
        if entries.index(forKey: key) != nil {
            // The first of several stored case variants (only an older file can hold them) stays the one found.
            if lowerCase[folded] == nil { lowerCase[folded] = key }
        } else if lowerCase[folded] == key {
            lowerCase[folded] = entries.keys.first { $0 != folded && Identifier.hasLowerCase($0) && Identifier.same($0, key) }
        }
    }
}

extension IdentifierDictionary: Equatable where Value: Equatable {
    @inlinable public static func == (a: Self, b: Self) -> Bool { a.entries == b.entries }
}

extension IdentifierDictionary: Sendable where Value: Sendable {}

extension IdentifierDictionary: Sequence {
    @inlinable public func makeIterator() -> OrderedDictionary<String, Value>.Iterator { entries.makeIterator() }
    @inlinable public var underestimatedCount: Int { entries.count }
}

extension IdentifierDictionary: ExpressibleByDictionaryLiteral {
    @inlinable public init(dictionaryLiteral elements: (String, Value)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
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
        guard hasLowerCase(id) else { return id }
        return String(decoding: id.utf8.map(folded), as: UTF8.self)
    }

    /// Whether `id` holds a letter a–z, so that its folded form differs from it.
    public static func hasLowerCase(_ id: String) -> Bool {
        id.utf8.withContiguousStorageIfAvailable { $0.contains { $0 &- 0x61 < 26 } } ?? id.utf8.contains { $0 &- 0x61 < 26 }
    }

    static func folded(_ c: UInt8) -> UInt8 { c >= 0x61 && c <= 0x7A ? c - 0x20 : c }
}

extension Set where Element == String {
    /// Whether the set holds `id` in any letter case, as the simulated BAMF compares ids.
    package func containsIdentifier(_ id: String) -> Bool {
        contains(id) || contains { Identifier.same($0, id) }
    }
}
