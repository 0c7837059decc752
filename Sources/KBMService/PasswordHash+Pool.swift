// scrypt off Swift's cooperative pool: it has one thread per core, and a storm of logins with a wrong password
// (each some 50–100 ms of CPU) would otherwise hold all of them while every other answer waits.

import NIOPosix

extension PasswordHash {
    /// `verify` on NIO's blocking pool; false when the pool is shutting down.
    static func verifyOffPool(_ password: String, against stored: String) async -> Bool {
        (try? await NIOThreadPool.singleton.runIfActive { verify(password, against: stored) }) ?? false
    }
}
