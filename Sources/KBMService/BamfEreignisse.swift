// The live feed of the trainer's page: the latest messages and the browsers watching. Owned by BamfService and
// touched only from inside it; every browser gets a bounded buffer, so a slow or dead one never holds up an answer.

final class BamfEreignisse {
    /// Browsers watching at once; one more is refused rather than slowing the service.
    static let maxZuschauer = 32
    /// Frames waiting for one browser; past that the oldest are dropped, the page sees the gap and loads anew.
    static let puffer = 256
    /// Messages the page shows when it connects.
    static let verlauf = 100
    /// A comment frame every so often, so that a browser gone without a word is noticed when the write fails.
    static let herzschlag: Duration = .seconds(15)

    private(set) var nr = 0
    /// The latest messages, oldest first; the file's when the service starts.
    private(set) var nachrichten: [Stand.Nachricht] = []
    private var zuschauer: [Int: AsyncStream<String>.Continuation] = [:]
    private var naechsterZuschauer = 0

    /// Numbers a message, keeps it and returns it numbered.
    func add(_ nachricht: Stand.Nachricht) -> Stand.Nachricht {
        var n = nachricht
        nr += 1
        n.nr = nr
        nachrichten.append(n)
        if nachrichten.count > Self.verlauf { nachrichten.removeFirst(nachrichten.count - Self.verlauf) }
        return n
    }

    /// Takes a number for something that is not a message (a Träger's changed state).
    func next() -> Int {
        nr += 1
        return nr
    }

    /// An SSE frame: `event` names it, `data` is one line of JSON.
    static func frame(_ event: String, _ data: String) -> String { "event: \(event)\ndata: \(data)\n\n" }

    /// Sends a frame to every browser; never waits.
    func send(_ frame: String) {
        for c in zuschauer.values { c.yield(frame) }
    }

    var count: Int { zuschauer.count }

    /// A new browser's stream, starting with `first`; nil when too many are watching.
    func subscribe(first: String, onEnd: @escaping @Sendable (Int) -> Void) -> AsyncStream<String>? {
        guard zuschauer.count < Self.maxZuschauer else { return nil }
        let id = naechsterZuschauer
        naechsterZuschauer += 1
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(Self.puffer))
        continuation.yield(first)
        let heartbeat = Task.detached { await BamfEreignisse.beat(continuation) }
        continuation.onTermination = { _ in
            heartbeat.cancel()
            onEnd(id)
        }
        zuschauer[id] = continuation
        return stream
    }

    /// Beats until the stream ends.
    private static func beat(_ continuation: AsyncStream<String>.Continuation) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: herzschlag)
            let result = continuation.yield(": \n\n")
            if case .terminated = result { return }
        }
    }

    func remove(_ id: Int) {
        zuschauer.removeValue(forKey: id)?.finish()
    }

    /// Ends every browser's stream (the service stops).
    func finishAll() {
        for c in zuschauer.values { c.finish() }
        zuschauer = [:]
    }

    /// The messages the file holds from before this start.
    init(history: [Stand.Nachricht] = []) {
        for n in history.suffix(Self.verlauf) { _ = add(n) }
    }
}
