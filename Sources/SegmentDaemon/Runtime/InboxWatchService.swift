import Logging
import ServiceLifecycle

/// Feeds inbox events to the coordinator. On a queue overflow it logs and rescans; if the watch is lost it logs,
/// and when the watcher has restored it (the inbox directory is back) it rescans.
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
                    "the inbox watch is gone; it is restored as soon as the inbox directory exists again",
                    metadata: ["reason": "\(reason)"]
                )
            case .watchRestored:
                logger.notice("inbox watch restored; rescanning the inbox")
            case .closedAfterWrite, .movedIn, .created:
                break
            }
            await coordinator.handle(event)
        }
        // The watch may end before shutdown (lost watch); the group must not stop because of it.
        try? await gracefulShutdown()
    }
}
