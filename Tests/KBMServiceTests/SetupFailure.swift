// What a service test needs and did not get (kbm-bamf not built, no port, no openssl): a failure, never a skip.

struct SetupFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
