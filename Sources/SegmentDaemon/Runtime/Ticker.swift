/// An endless sequence that yields after each interval; the interval is asked for anew each time,
/// so a reloaded configuration takes effect at the next tick. Ends when the task is cancelled.
struct Ticker: AsyncSequence, Sendable {
    typealias Element = Void

    let interval: @Sendable () async -> Duration

    struct AsyncIterator: AsyncIteratorProtocol {
        let interval: @Sendable () async -> Duration

        mutating func next() async -> Void? {
            do {
                try await Task.sleep(for: await interval())
                return ()
            } catch {
                return nil
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(interval: interval)
    }
}
