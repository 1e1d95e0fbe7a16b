import Synchronization

/// The cap on scoring requests in progress (`max_concurrent_scoring`): a request beyond it is answered 503 with
/// `Retry-After` at once instead of queueing, so a burst cannot pile up work and memory behind the cap.
package final class ScoringLimiter: Sendable {
    /// Requests allowed at once.
    package let limit: Int
    /// The `Retry-After` seconds of the 503.
    package let retryAfterSeconds: Int
    private let inProgress = Mutex(0)

    package init(limit: Int, retryAfterSeconds: Int = 1) {
        self.limit = max(1, limit)
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Runs `work` holding one of the `limit` permits.
    /// - Throws: ``Problem/overloaded(limit:retryAfter:)`` (503) when every permit is taken; else what `work` throws.
    package func withPermit<Value>(_ work: () async throws -> Value) async throws -> Value {
        let acquired = inProgress.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard acquired else { throw Problem.overloaded(limit: limit, retryAfter: retryAfterSeconds) }
        defer { inProgress.withLock { $0 -= 1 } }
        return try await work()
    }

    /// Takes one permit for work that outlives its handler (a streamed response); the permit is given back when
    /// the returned token is released, whether the response was written or dropped.
    /// - Throws: ``Problem/overloaded(limit:retryAfter:)`` (503) when every permit is taken.
    package func permit() throws(Problem) -> ScoringPermit {
        let acquired = inProgress.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard acquired else { throw Problem.overloaded(limit: limit, retryAfter: retryAfterSeconds) }
        return ScoringPermit { [self] in inProgress.withLock { $0 -= 1 } }
    }

    /// Scoring requests in progress now.
    package var current: Int { inProgress.withLock { $0 } }
}

/// One permit of a ``ScoringLimiter``, given back when the last reference to it goes.
package final class ScoringPermit: Sendable {
    private let giveBack: @Sendable () -> Void

    init(_ giveBack: @escaping @Sendable () -> Void) {
        self.giveBack = giveBack
    }

    deinit { giveBack() }
}
