import SegmentSupport

/// When the next child may be started: after a failure, not before a delay that starts at `initial` seconds and
/// doubles with every further failure up to `max`; a success clears it.
struct RestartBackoff: Sendable {
    let initial: Double
    let max: Double
    /// The delay the next failure will impose.
    private(set) var nextDelay: Double
    /// The earliest start allowed, nil when a child may start now.
    private(set) var notBefore: ContinuousClock.Instant?

    init(initial: Double, max: Double) {
        self.initial = initial
        self.max = max
        nextDelay = initial
    }

    /// Records a failure at `now`; returns the delay imposed, in seconds.
    @discardableResult
    mutating func recordFailure(at now: ContinuousClock.Instant = .now) -> Double {
        let delay = nextDelay
        notBefore = now.advanced(by: .seconds(delay))
        nextDelay = Swift.min(Swift.max(nextDelay * 2, 0.001), max)
        return delay
    }

    /// Clears the delay after a child answered a whole batch.
    mutating func recordSuccess() {
        nextDelay = initial
        notBefore = nil
    }

    /// Seconds to wait before a start is allowed at `now` (0 when allowed).
    func remainingDelay(at now: ContinuousClock.Instant = .now) -> Double {
        guard let notBefore, now < notBefore else { return 0 }
        let remaining = now.duration(to: notBefore)
        return remaining.inSeconds
    }
}
