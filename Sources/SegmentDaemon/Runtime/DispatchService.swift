import Logging
import ServiceLifecycle

/// Starts jobs as workers free up, logs one line per file, tells systemd its status and pings its watchdog (see
/// ``SystemdReporter`` for why from this loop), and drains on shutdown.
///
/// On graceful shutdown (SIGTERM/SIGINT) it stops taking files and waits up to `drain_timeout` for the jobs in
/// progress; a job still running then is handed back: its input stays in the work directory and the next start
/// processes it again from scratch.
struct DispatchService: Service {
    let coordinator: JobCoordinator
    let logger: Logger
    /// In `--once` mode the service returns as soon as the coordinator is idle, or when intake is paused on an
    /// unavailable outbox with no job left in progress.
    let stopWhenIdle: Bool
    /// Where `STATUS=` and `WATCHDOG=1` go; nil or inactive when systemd did not start the daemon.
    var notifier: SystemdNotifier?
    var tick: Duration = .milliseconds(50)
    /// Follows the model source (the registry's champion) before files are taken; nil in `--once` mode.
    var follower: ModelFollower?

    func run() async {
        let tick = self.tick
        var reporter = notifier.flatMap { SystemdReporter(notifier: $0, logger: logger) }
        var follower = self.follower
        await withDiscardingTaskGroup { group in
            for await _ in Ticker(interval: { tick }, wakeUp: coordinator.wakeUp).cancelOnGracefulShutdown() {
                await follower?.follow()
                for started in await coordinator.takeJobs() {
                    group.addTask { await execute(started) }
                }
                if reporter != nil {
                    let status = await coordinator.statusLine
                    reporter?.beat(status: status)
                }
                if stopWhenIdle {
                    if await coordinator.isIdle { break }
                    if await coordinator.endIfStalled() { break }
                }
            }
            await coordinator.beginDrain()
            let drainTimeout = await coordinator.configuration.drainTimeout
            if await !waitForJobs(timeout: drainTimeout) {
                let count = await coordinator.inFlightCount
                logger.warning(
                    "drain timeout: handing back files still in progress; they stay in the work directory",
                    metadata: [
                        "in_flight": .stringConvertible(count),
                        "drain_timeout_s": .stringConvertible(drainTimeout.components.seconds),
                    ]
                )
                group.cancelAll()
            }
        }
    }

    private func waitForJobs(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while await coordinator.inFlightCount > 0 {
            guard ContinuousClock.now < deadline, !Task.isCancelled else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// Runs the job on the executor. A job handed back at the drain timeout is not waited for: its thread stops at
    /// its next step and its input stays in the work directory.
    private func execute(_ started: JobCoordinator.StartedJob) async {
        let job = started.job
        let clock = ContinuousClock()
        let begin = clock.now
        let outcome: JobOutcome
        do {
            outcome = try await withTaskCancellationHandler {
                try await coordinator.executor.run(abandoningOnCancel: true) { job.run() }
            } onCancel: {
                job.handBack.set()
            }
        } catch {
            job.handBack.set()
            logger.warning("handed back", metadata: ["file": "\(job.source.name)", "outcome": "handed-back"])
            return
        }
        await coordinator.finished(job.source, outcome: outcome)
        let duration = clock.now - begin
        JobLog.record(outcome, file: job.source.name, duration: duration, logger: logger)
        JobMetrics.record(outcome, duration: duration)
    }
}
