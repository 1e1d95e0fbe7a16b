/// An endless sequence that yields after each interval, or earlier when `wakeUp` is signalled; the interval is
/// asked for anew each time, so a reloaded configuration takes effect at the next tick. Ends when the task is
/// cancelled.
struct Ticker: AsyncSequence, Sendable {
    typealias Element = Void

    let interval: @Sendable () async -> Duration
    var wakeUp: WakeUp?

    struct AsyncIterator: AsyncIteratorProtocol {
        let interval: @Sendable () async -> Duration
        let wakeUp: WakeUp?

        mutating func next() async -> Void? {
            if let wakeUp {
                await wakeUp.wait(upTo: await interval())
                return Task.isCancelled ? nil : ()
            }
            do {
                try await Task.sleep(for: await interval())
                return ()
            } catch {
                return nil
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(interval: interval, wakeUp: wakeUp)
    }
}
