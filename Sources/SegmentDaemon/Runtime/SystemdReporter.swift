import Logging

/// Sends systemd the daemon's status line and watchdog pings, as ``SystemdHeartbeat`` decides, from the dispatch
/// loop.
///
/// Why the dispatch loop, not a timer task of its own: a timer pings on its own schedule, so it keeps telling systemd
/// the daemon is alive while the part that takes files is stuck, and the watchdog never fires. The dispatch loop turns
/// at least once per tick (50 ms) and after every job that ends; each turn awaits the coordinator actor (to take jobs
/// and read the status), and whenever a file is ready it awaits the blocking executor too (the free-space check). A
/// ping therefore proves that the loop that starts jobs turns, that the coordinator answers, and, while files wait,
/// that the executor still serves. If any of them hangs, pings stop and systemd kills and restarts the daemon after
/// `WatchdogSec=`. A single job that runs long (a large file) does not stop the loop; a stuck exec plugin child has
/// the exec plugin's own timeouts. Pings stop while the daemon drains at shutdown, when systemd no longer watches.
struct SystemdReporter {
    private let notifier: SystemdNotifier
    private let logger: Logger
    private var heartbeat: SystemdHeartbeat<ContinuousClock>
    private var warned = false

    /// A reporter, or nil when the daemon was not started by systemd (`$NOTIFY_SOCKET` unset).
    init?(notifier: SystemdNotifier, logger: Logger) {
        guard notifier.isActive else { return nil }
        self.notifier = notifier
        self.logger = logger
        // Half the timeout, as sd_watchdog_enabled(3) advises: one late ping does not get the daemon killed.
        heartbeat = SystemdHeartbeat(clock: ContinuousClock(), pingInterval: notifier.watchdogTimeout.map { $0 / 2 })
    }

    /// One turn of the dispatch loop, with the coordinator's status line.
    mutating func beat(status: String) {
        for action in heartbeat.beat(status: status) {
            do {
                switch action {
                case .status(let line): try notifier.status(line)
                case .watchdog: try notifier.watchdog()
                }
            } catch {
                // Once: the loop would repeat it every tick.
                guard !warned else { continue }
                warned = true
                logger.warning("cannot notify systemd", metadata: ["error": "\(error)"])
            }
        }
    }
}
