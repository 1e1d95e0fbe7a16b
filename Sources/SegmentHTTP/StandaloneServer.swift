package import Logging
package import SegmentDaemon
import ServiceLifecycle
import UnixSignals

/// `segmentd serve`: the HTTP server alone, without an inbox. `SIGHUP` reloads the host; `SIGTERM` and `SIGINT`
/// shut down gracefully (requests in progress finish).
package enum StandaloneServer {
    /// Runs until a shutdown signal.
    /// - Throws: ``HTTPServerError``: 78 for an unusable token file, 69 when the address cannot be bound.
    package static func run(
        configuration: HTTPConfiguration, state: StandaloneServerState, logger: Logger
    ) async throws {
        let executor = BlockingExecutor(threads: configuration.maxConcurrentScoring, name: "segmentd-http")
        defer { executor.shutDown() }
        let server = try HTTPService(configuration: configuration, state: state, logger: logger, executor: executor)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: server),
                    .init(service: HangupReloader(state: state), successTerminationBehavior: .ignore),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// Reloads the host on every `SIGHUP` until graceful shutdown.
struct HangupReloader: Service {
    let state: StandaloneServerState

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            state.reload()
        }
    }
}
