import ServiceLifecycle

/// Stops the coordinator taking files as soon as a graceful shutdown starts.
///
/// The service group tells its services to shut down one at a time, last first, waiting for each to end. This one is
/// last, so intake stops at once, not only when the dispatch service (first) is told after the services between
/// them (an HTTP server draining its requests) have ended. Jobs in progress go on; the dispatch service waits for
/// them.
struct IntakeStopService: Service {
    let coordinator: JobCoordinator

    func run() async {
        // Cancelled rather than shut down: the whole group is going, nothing to stop gracefully.
        guard (try? await gracefulShutdown()) != nil else { return }
        await coordinator.beginDrain()
    }
}
