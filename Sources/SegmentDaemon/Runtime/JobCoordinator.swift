import Logging
import SegmentSupport

/// The daemon's shared state: which inbox files are settling, which are ready, which are in progress.
///
/// Services feed it inbox events and scans; the dispatch service asks it for jobs to start and reports how they
/// ended. The decisions are its ``CoordinatorStateMachine``'s; the actor performs what they ask for: the file
/// system calls (`lstat`, `open`, `readdir`, the outbox probe) on the ``BlockingExecutor``, never on the actor
/// itself, and the log lines. Methods that await re-check the state afterwards (the machine does).
actor JobCoordinator {
    typealias State = CoordinatorState

    /// A job to start now, with the context it runs in.
    struct StartedJob: Sendable {
        var job: FileJob
        var readySince: ContinuousClock.Instant
    }

    private(set) var context: JobContext
    var machine: CoordinatorStateMachine<ContinuousClock>
    let logger: Logger
    /// Runs the blocking work: jobs, scans, looks at settling files, probes, reloads.
    nonisolated let executor: BlockingExecutor
    /// Signalled when a file may have become ready or a worker free, so the dispatch loop need not wait for its tick.
    nonisolated let wakeUp = WakeUp()
    /// The context's processor, readable without awaiting the actor; replaced with the context.
    nonisolated let currentProcessor: CurrentProcessor

    /// Makes a coordinator; without `executor` it makes its own of `workers + 2` threads.
    init(context: JobContext, logger: Logger, executor: BlockingExecutor? = nil) {
        self.context = context
        self.logger = logger
        currentProcessor = CurrentProcessor(context.processor)
        self.executor = executor ?? BlockingExecutor(threads: context.configuration.workers + 2)
        machine = CoordinatorStateMachine(clock: ContinuousClock(), rules: .init(context.configuration))
    }

    var configuration: DaemonConfiguration { context.configuration }
    var state: State { machine.state }
    /// Outcome counts of this run, by ``JobOutcome/word``.
    var tally: [String: Int] { machine.tally }

    /// Queues the files found in the work directory at start; they go before anything from the inbox.
    func enqueueRecovered(names: [String]) async {
        let work = configuration.workDirectory
        let sizes =
            (try? await executor.run { names.map { (try? Syscall.lstat(Path.join(work, $0)))?.size ?? 0 } })
            ?? names.map { _ in 0 }
        machine.enqueueRecovered(zip(names, sizes).map { (name: $0, size: $1) })
    }

    /// True once every file recovered at start has been handled.
    var recoveryFinished: Bool { machine.recoveryFinished }

    /// Jobs to start now: as many as free workers allow, oldest first, work-directory files before inbox files,
    /// and large files on at most `workers - 1` workers so that small files always keep one.
    func takeJobs() async -> [StartedJob] {
        if machine.outboxProbeDue {
            let answer: String?
            do { answer = try await outboxProblem() } catch { return [] }
            switch machine.outboxProbed(problem: answer) {
            case .stillUnavailable(let problem):
                logger.debug("outbox still unavailable", metadata: ["problem": "\(problem)"])
            case .resumed:
                logger.notice("outbox writable again: taking files")
            case .none:
                break
            }
        }
        machine.releaseParked()
        await settleCandidates()
        guard machine.mayStartJobs else { return [] }
        // min_free_bytes is checked before a file is taken, not only after a write failed: a file taken with too
        // little room would fill the outbox and be deferred anyway.
        let answer: String?
        do { answer = try await outboxProblem() } catch { return [] }
        switch machine.start(problem: answer) {
        case .start(let files):
            return files.map {
                StartedJob(job: FileJob(context: context, source: $0.source), readySince: $0.readySince)
            }
        case .paused(let problem):
            logPause(problem)
            return []
        case .none:
            return []
        }
    }

    /// Records how a job ended and decides what happens to its file next.
    func finished(_ source: JobSource, outcome: JobOutcome) {
        defer { wakeUp.signal() }
        if let problem = machine.finished(source, outcome: outcome) { logPause(problem) }
    }

    /// What the outbox probe says, asked on the executor (it calls `statvfs`): nil when the outbox is writable.
    /// Throws only when the calling task was cancelled before the probe ran.
    private func outboxProblem() async throws -> String? {
        let probe = context.outboxProbe
        let outbox = configuration.outbox
        let minimumFreeBytes = configuration.minFreeBytes
        return try await executor.run { probe.problem(outbox: outbox, minimumFreeBytes: minimumFreeBytes) }
    }

    private func logPause(_ problem: String) {
        logger.error(
            "outbox unavailable: not taking files until it can be written again", metadata: ["problem": "\(problem)"])
    }

    /// For a `--once` run: true when intake is paused and no job is left that could finish, so waiting would only
    /// wait for the outbox. The files not taken stay where they are and count as deferred.
    func endIfStalled() -> Bool {
        guard case .end(let waiting, let problem) = machine.endIfStalled() else { return false }
        if waiting > 0 {
            logger.warning(
                "outbox unavailable: leaving files where they are for the next run",
                metadata: ["files": .stringConvertible(waiting), "problem": "\(problem)"])
        }
        return true
    }

    /// Stops handing out jobs; those in progress go on.
    func beginDrain() {
        machine.beginDrain()
    }

    /// Number of jobs in progress.
    var inFlightCount: Int { machine.inFlight.count }

    /// The line systemd shows (`STATUS=`): counts of this run, files pending, whether files are taken.
    var statusLine: String { machine.statusLine }

    /// True when nothing is settling, waiting or in progress. Files parked after a deferral are not counted:
    /// a `--once` run reports them as deferred and leaves them in the work directory for the next run.
    var isIdle: Bool { machine.isIdle }

    /// Replaces the configuration and processor used by jobs that start from now on; refused once draining.
    func replaceContext(_ newContext: JobContext) -> Bool {
        guard machine.state != .draining else { return false }
        context = newContext
        currentProcessor.replace(with: newContext.processor)
        machine.rules = .init(newContext.configuration)
        return true
    }
}
