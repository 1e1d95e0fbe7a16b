/// An endless sequence that yields after each interval of its clock, or earlier when `wakeUp` is signalled; the
/// interval is asked for anew each time, so a reloaded configuration takes effect at the next tick. Ends when the
/// task is cancelled. Generic over the clock so that tests tick it by hand.
struct Ticker<C: Clock>: AsyncSequence, Sendable where C.Duration == Duration {
    typealias Element = Void

    let clock: C
    let interval: @Sendable () async -> Duration
    var wakeUp: WakeUp?

    init(clock: C, interval: @escaping @Sendable () async -> Duration, wakeUp: WakeUp? = nil) {
        self.clock = clock
        self.interval = interval
        self.wakeUp = wakeUp
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let clock: C
        let interval: @Sendable () async -> Duration
        let wakeUp: WakeUp?

        mutating func next() async -> Void? {
            if let wakeUp {
                await wakeUp.wait(upTo: await interval(), clock: clock)
                return Task.isCancelled ? nil : ()
            }
            do {
                try await clock.sleep(for: await interval())
                return ()
            } catch {
                return nil
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(clock: clock, interval: interval, wakeUp: wakeUp)
    }
}

extension Ticker where C == ContinuousClock {
    /// A ticker on the real clock.
    init(interval: @escaping @Sendable () async -> Duration, wakeUp: WakeUp? = nil) {
        self.init(clock: ContinuousClock(), interval: interval, wakeUp: wakeUp)
    }
}
