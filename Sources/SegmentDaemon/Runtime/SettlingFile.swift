import SegmentSupport
/// An inbox file seen but not yet taken: it must keep its size and modification time for `minAge` first.
/// Generic over the instant so that the coordinator's state machine can run on a test clock.
struct SettlingFile<Instant: InstantProtocol>: Sendable, Equatable where Instant.Duration == Duration {
    let name: String
    var minAge: Duration
    /// What `lstat` said last time, nil before the first look.
    var lastStatus: FileStatus?
    /// Since when `lastStatus` has not changed.
    var unchangedSince: Instant

    init(name: String, minAge: Duration, now: Instant) {
        self.name = name
        self.minAge = minAge
        self.unchangedSince = now
    }

    /// What a look at the file decided.
    enum Verdict: Equatable {
        case gone
        case waiting
        case ready(size: Int64)
    }

    /// Compares `status` (nil: the file is gone) with the last look.
    /// Anything but a regular file is ready at once: it is refused, and waiting would not change that.
    mutating func observe(_ status: FileStatus?, now: Instant) -> Verdict {
        guard let status else { return .gone }
        guard status.kind == .regular else { return .ready(size: 0) }
        let unchanged =
            lastStatus.map {
                $0.size == status.size && $0.modificationNanoseconds == status.modificationNanoseconds
                    && $0.identity == status.identity
            } ?? false
        if !unchanged {
            lastStatus = status
            unchangedSince = now
            return minAge <= .zero ? .ready(size: status.size) : .waiting
        }
        return unchangedSince.duration(to: now) >= minAge ? .ready(size: status.size) : .waiting
    }
}
