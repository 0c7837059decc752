// Passwords of the served BAMF's accounts: stored only as scrypt (swift-crypto's CryptoExtras, BoringSSL's
// implementation), compared in constant time.

import Crypto
import CryptoExtras

public enum PasswordHash {
    /// scrypt cost: N = 2^15, r = 8, p = 1 (32 MiB, some 50–100 ms on this machine); stored with each hash, so a
    /// later kbm can raise it and still check the old ones.
    static let rounds = 1 << 15, blockSize = 8, parallelism = 1, keyBytes = 32, saltBytes = 16

    /// `scrypt$N$r$p$SALT$KEY`, salt and key in hex.
    public static func make(_ password: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<saltBytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let key = try derive(password, salt: salt, rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        return "scrypt$\(rounds)$\(blockSize)$\(parallelism)$\(hex(salt))$\(hex(key))"
    }

    /// Whether `password` gives `stored`; false for a hash kbm cannot read. Slow by design: run it off the event loop.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt", let n = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              n >= 2, n <= 1 << 20, n & (n - 1) == 0, (1...32).contains(r), (1...16).contains(p),
              let salt = bytes(hex: parts[4]), let expected = bytes(hex: parts[5]), expected.count == keyBytes,
              let key = try? derive(password, salt: salt, rounds: n, blockSize: r, parallelism: p)
        else { return false }
        return constantTimeEqual(key, expected)
    }

    /// Compares every byte whatever the first difference, so the time tells nothing about where it is.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    private static func derive(_ password: String, salt: [UInt8], rounds: Int, blockSize: Int, parallelism: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(from: Array(password.utf8), salt: salt, outputByteCount: keyBytes,
                                           rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        return key.withUnsafeBytes { Array($0) }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func bytes<S: StringProtocol>(hex: S) -> [UInt8]? {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        for i in stride(from: 0, to: chars.count, by: 2) {
            guard let hi = value(chars[i]), let lo = value(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
        }
        return out
    }
}
