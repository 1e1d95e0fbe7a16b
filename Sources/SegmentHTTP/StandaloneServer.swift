package import Logging
package import SegmentDaemon
import ServiceLifecycle
import UnixSignals

/// `segmentd serve`: the HTTP server alone, without an inbox. `SIGHUP` reloads the host; a promotion in the registry
/// is followed (``ModelSourceFollower``); `SIGTERM` and `SIGINT` shut down gracefully (requests in progress finish).
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
                    .init(
                        service: HangupReloader(state: state, executor: executor), successTerminationBehavior: .ignore),
                    .init(
                        service: ModelSourceFollower(state: state, executor: executor),
                        successTerminationBehavior: .ignore),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// Reloads the host on every `SIGHUP` until graceful shutdown. Loading reads and checks the model file: blocking
/// work, so it runs on the executor, never on the threads that answer requests.
struct HangupReloader: Service {
    let state: StandaloneServerState
    let executor: BlockingExecutor

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            let state = state
            _ = try await executor.run { state.reload() }
        }
    }
}

/// Follows the model source (`model = "registry:champion"`): every `interval` it asks the state to load the model
/// again if a promotion or rollback moved the alias, so the next requests score with the new champion without
/// SIGHUP. A timer, because a request must not wait on file I/O; 100 ms is one small read of the alias file.
struct ModelSourceFollower: Service {
    let state: StandaloneServerState
    let executor: BlockingExecutor
    var interval: Duration = .milliseconds(100)

    func run() async {
        let state = state
        let executor = executor
        let interval = interval
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { return }
                _ = try? await executor.run { state.followModelSource() }
            }
        }
    }
}
