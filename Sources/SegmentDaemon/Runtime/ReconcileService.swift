import ServiceLifecycle

/// Scans the inbox periodically: every `reconcile_interval` as the backstop in watch mode, every `poll_interval`
/// as the only source of files in poll mode.
struct ReconcileService: Service {
    let coordinator: JobCoordinator

    func run() async {
        let coordinator = self.coordinator
        let ticker = Ticker {
            let configuration = await coordinator.configuration
            return configuration.mode == .poll ? configuration.pollInterval : configuration.reconcileInterval
        }
        for await _ in ticker.cancelOnGracefulShutdown() {
            await coordinator.scanInbox()
        }
    }
}
