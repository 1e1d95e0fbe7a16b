import Logging
import ServiceLifecycle

/// Feeds inbox events to the coordinator. On a queue overflow it logs and rescans; if the watch is lost it logs
/// and the periodic reconcile scan carries on alone.
struct InboxWatchService: Service {
    let source: any InboxEventSource
    let coordinator: JobCoordinator
    let logger: Logger

    func run() async {
        defer { source.stop() }
        for await event in source.events.cancelOnGracefulShutdown() {
            switch event {
            case .overflow:
                logger.warning("inotify event queue overflowed; rescanning the inbox")
            case .watchLost(let reason):
                logger.error(
                    "the inbox watch is gone; only the periodic reconcile scan will find new files",
                    metadata: ["reason": "\(reason)"]
                )
            case .closedAfterWrite, .movedIn, .created:
                break
            }
            await coordinator.handle(event)
        }
        // The watch may end before shutdown (lost watch); the group must not stop because of it.
        try? await gracefulShutdown()
    }
}
