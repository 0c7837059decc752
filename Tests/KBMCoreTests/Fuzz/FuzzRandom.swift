// The fuzzers' source of chance: SplitMix64 from a seed, or libFuzzer's bytes read as choices.

/// The same seed gives the same sequence on every machine, so a failing run is replayed by its seed.
/// With bytes, each choice reads the next eight of them (libFuzzer then mutates choices, not characters);
/// when they run out, SplitMix64 goes on from a hash of them.
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64
    private let bytes: [UInt8]
    private var position = 0

    init(seed: UInt64) {
        state = seed
        bytes = []
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // FNV-1a, so different inputs continue differently once their bytes are used up.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01B3 }
        state = hash
    }

    mutating func next() -> UInt64 {
        if position < bytes.count {
            var value: UInt64 = 0
            for _ in 0..<8 {
                value = value << 8 | UInt64(position < bytes.count ? bytes[position] : 0)
                position += 1
            }
            return value
        }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `percent` in 100.
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}
