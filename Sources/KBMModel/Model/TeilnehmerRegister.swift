// The session's Teilnehmer by Tn-Nr, in order, with an index by Aktenzeichen so lookups stay fast in large sessions.

import OrderedCollections

public struct TeilnehmerRegister: Equatable, Sendable {
    private var byNummer: OrderedDictionary<String, Teilnehmer> = [:]
    /// Aktenzeichen (`Identifier.folded`: any letter case finds it) → Tn-Nr; derived from `byNummer` and kept in
    /// step by the subscript.
    private var byAktenzeichen: [String: String] = [:]

    public init() {}

    public subscript(nummer: String) -> Teilnehmer? {
        get { byNummer[nummer] }
        set {
            // One lookup per dictionary: a session file with 250,000 Teilnehmer is read through here.
            if let newValue {
                // The Aktenzeichen is read first, so the Teilnehmer moves into the dictionary instead of being copied.
                let az = newValue.az.map(Identifier.folded)
                let oldAz = byNummer.updateValue(newValue, forKey: nummer)?.az.map(Identifier.folded)
                if let oldAz, oldAz != az { byAktenzeichen.removeValue(forKey: oldAz) }
                if let az { byAktenzeichen[az] = nummer }
            } else if let az = byNummer.removeValue(forKey: nummer)?.az {
                byAktenzeichen.removeValue(forKey: Identifier.folded(az))
            }
        }
    }

    public mutating func reserveCapacity(_ count: Int) {
        byNummer.reserveCapacity(count)
        byAktenzeichen.reserveCapacity(count)
    }

    @discardableResult
    public mutating func removeValue(forKey nummer: String) -> Teilnehmer? {
        let removed = self[nummer]
        self[nummer] = nil
        return removed
    }

    public func with(aktenzeichen az: String) -> Teilnehmer? {
        byAktenzeichen[Identifier.folded(az)].flatMap { byNummer[$0] }
    }

    public var values: OrderedDictionary<String, Teilnehmer>.Values { byNummer.values }
    public var keys: OrderedSet<String> { byNummer.keys }
    public var count: Int { byNummer.count }
    public var isEmpty: Bool { byNummer.isEmpty }

    public static func == (a: TeilnehmerRegister, b: TeilnehmerRegister) -> Bool { a.byNummer == b.byNummer }
}
