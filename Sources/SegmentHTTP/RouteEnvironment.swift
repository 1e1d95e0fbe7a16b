package import Hummingbird
package import Logging
package import ScoringHost
package import SegmentDaemon
import Synchronization

/// What every route group is given when it registers: the `[http]` settings, whoever runs the server (its host,
/// status and readiness), the process's one executor for blocking and CPU-heavy work, the cap on concurrent
/// scoring, and the logger.
package struct RouteEnvironment: Sendable {
    package let configuration: HTTPConfiguration
    package let state: any ServerState
    /// Where batch scoring and other blocking work runs: never on Swift's cooperative pool.
    package let executor: BlockingExecutor
    /// The cap on scoring requests in progress (`max_concurrent_scoring`).
    package let scoringLimiter: ScoringLimiter
    package let logger: Logger
    private let prepared = PreparedScoring()

    package init(
        configuration: HTTPConfiguration, state: any ServerState, executor: BlockingExecutor, logger: Logger
    ) {
        self.configuration = configuration
        self.state = state
        self.executor = executor
        self.logger = logger
        scoringLimiter = ScoringLimiter(limit: configuration.maxConcurrentScoring)
    }

    /// The host this request works with from start to end (a reload only affects later requests).
    /// - Throws: ``Problem/noModel`` (503) while no model is loaded.
    package func host() throws(Problem) -> ScoringHost {
        guard let host = state.currentHost() else { throw Problem.noModel }
        return host
    }

    /// The current host prepared for scoring requests (its HTTP plugins and response templates), made once per
    /// loaded host rather than per request.
    /// - Throws: ``Problem/noModel`` (503) while no model is loaded.
    package func scoring() throws(Problem) -> RequestScoring {
        prepared.scoring(for: try host(), allowing: configuration.plugins)
    }

    /// The whole body of a JSON document, at most `max_body_bytes`: a `Content-Length` above it is refused before
    /// reading, a body that grows past it while read is refused then (413).
    package func collectBody(_ request: Request) async throws -> ByteBuffer {
        let limit = configuration.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw Problem.bodyTooLarge(limit: Int64(limit), key: "max_body_bytes")
        }
        var collected = ByteBuffer()
        for try await part in request.body {
            guard collected.readableBytes + part.readableBytes <= limit else {
                throw Problem.bodyTooLarge(limit: Int64(limit), key: "max_body_bytes")
            }
            var part = part
            collected.writeBuffer(&part)
        }
        return collected
    }
}

/// The ``RequestScoring`` of the server's current host, prepared by the first request after each (re)load; a
/// request that finds it made from another host prepares the new one (two at once may both do so, harmlessly).
private final class PreparedScoring: Sendable {
    private let current = Mutex<RequestScoring?>(nil)

    func scoring(for host: ScoringHost, allowing listed: [String]) -> RequestScoring {
        if let scoring = current.withLock({ $0 }), scoring.source === host.identity { return scoring }
        let scoring = RequestScoring(host, allowing: listed)
        current.withLock { $0 = scoring }
        return scoring
    }
}
