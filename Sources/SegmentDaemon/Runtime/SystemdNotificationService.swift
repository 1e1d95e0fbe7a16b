import Logging
import ServiceLifecycle

/// Tells systemd `READY=1` once the files left in the work directory by an earlier run are handled,
/// and `STOPPING=1` when shutdown begins.
struct SystemdNotificationService: Service {
    let coordinator: JobCoordinator
    let notifier: SystemdNotifier
    let logger: Logger

    func run() async {
        while await !coordinator.recoveryFinished {
            if Task.isCancelled || Task.isShuttingDownGracefully { return }
            try? await Task.sleep(for: .milliseconds(50))
        }
        logger.notice("recovery finished; ready")
        notify { try notifier.ready() }
        try? await gracefulShutdown()
        logger.notice("shutting down: no new files are taken")
        notify { try notifier.stopping() }
    }

    private func notify(_ send: () throws -> Void) {
        do {
            try send()
        } catch {
            logger.warning("cannot notify systemd", metadata: ["error": "\(error)"])
        }
    }
}
