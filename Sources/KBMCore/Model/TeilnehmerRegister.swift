// The session's Teilnehmer by Tn-Nr, in order, with an index by Aktenzeichen so lookups stay fast in large sessions.

import OrderedCollections

public struct TeilnehmerRegister: Equatable, Sendable {
    private var byNummer: OrderedDictionary<String, Teilnehmer> = [:]
    /// Aktenzeichen → Tn-Nr; derived from `byNummer` and kept in step by the subscript.
    private var byAktenzeichen: [String: String] = [:]

    public init() {}

    public subscript(nummer: String) -> Teilnehmer? {
        get { byNummer[nummer] }
        set {
            if let old = byNummer[nummer]?.az { byAktenzeichen.removeValue(forKey: old) }
            byNummer[nummer] = newValue
            if let az = newValue?.az { byAktenzeichen[az] = nummer }
        }
    }

    @discardableResult
    public mutating func removeValue(forKey nummer: String) -> Teilnehmer? {
        let removed = self[nummer]
        self[nummer] = nil
        return removed
    }

    public func with(aktenzeichen az: String) -> Teilnehmer? {
        byAktenzeichen[az].flatMap { byNummer[$0] }
    }

    public var values: OrderedDictionary<String, Teilnehmer>.Values { byNummer.values }
    public var keys: OrderedSet<String> { byNummer.keys }
    public var count: Int { byNummer.count }
    public var isEmpty: Bool { byNummer.isEmpty }

    public static func == (a: TeilnehmerRegister, b: TeilnehmerRegister) -> Bool { a.byNummer == b.byNummer }
}
