/// When the daemon tells systemd its status line and that it is alive: a decision over a clock, so tests drive it
/// with a manual clock.
///
/// `STATUS=` goes out when the line changed, but at most once per `statusInterval`: in a burst of files the count
/// changes every few milliseconds, and `systemctl status` needs only the latest; a change held back goes out at the
/// first beat after the interval. `WATCHDOG=1` goes out at the first beat and then whenever `pingInterval` (half of
/// `WatchdogSec=`) has passed since the last one.
///
/// The machine only answers when asked: the dispatch loop asks on every turn (see ``DispatchService``), so pings
/// stop when that loop stops.
struct SystemdHeartbeat<C: Clock>: Sendable where C.Duration == Duration {
    /// What to send now.
    enum Action: Sendable, Equatable {
        /// `STATUS=<line>`.
        case status(String)
        /// `WATCHDOG=1`.
        case watchdog
    }

    let clock: C
    /// Half the watchdog interval; nil when systemd watches nothing.
    let pingInterval: Duration?
    /// The shortest time between two `STATUS=` lines.
    let statusInterval: Duration
    private var lastPing: C.Instant?
    private var sentStatus: String?
    private var lastStatusAt: C.Instant?

    init(clock: C, pingInterval: Duration?, statusInterval: Duration = .seconds(1)) {
        self.clock = clock
        self.pingInterval = pingInterval
        self.statusInterval = statusInterval
    }

    /// One turn of the daemon's loop with its current status line: what to send now.
    mutating func beat(status: String) -> [Action] {
        let now = clock.now
        var actions: [Action] = []
        if let pingInterval, lastPing.map({ $0.advanced(by: pingInterval) <= now }) ?? true {
            lastPing = now
            actions.append(.watchdog)
        }
        if status != sentStatus, lastStatusAt.map({ $0.advanced(by: statusInterval) <= now }) ?? true {
            sentStatus = status
            lastStatusAt = now
            actions.append(.status(status))
        }
        return actions
    }
}
