// The seam to InGe-Online: a real web-service client would implement this; kbm ships the simulator.

import KBMModel

public protocol InGe: Sendable {
    /// Answers one message. `bamf` is the BAMF's side of the world, which a simulator keeps in the session.
    func submit(_ request: InGeRequest, nurValidieren: Bool, today: Day, bamf: inout BamfSide) -> InGeResponse
}
