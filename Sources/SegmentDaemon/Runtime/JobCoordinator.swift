import Logging
import SegmentSupport

/// The daemon's shared state: which inbox files are settling, which are ready, which are in progress.
///
/// Services feed it inbox events and scans; the dispatch service asks it for jobs to start and reports how they
/// ended. Its ``State`` says whether jobs may start: not while the outbox cannot be written (`paused`) nor once
/// shutdown has begun (`draining`). Methods that await re-check the state afterwards.
actor JobCoordinator {
    /// Whether new jobs may start.
    enum State: Sendable, Equatable {
        /// Files left in the work directory by an earlier run are being processed first.
        case recovering
        /// Taking files.
        case running
        /// The outbox cannot take output; inputs wait in the work directory until the probe passes.
        case paused(problem: String)
        /// Shutting down: no new jobs, waiting for those in progress.
        case draining
    }

    /// A file waiting to be processed, and since when.
    struct ReadyFile: Sendable, Equatable {
        var source: JobSource
        var size: Int64
        var readySince: ContinuousClock.Instant
    }

    /// A job to start now, with the context it runs in.
    struct StartedJob: Sendable {
        var job: FileJob
        var readySince: ContinuousClock.Instant
    }

    private(set) var state: State = .recovering
    private(set) var context: JobContext
    let clock = ContinuousClock()
    let logger: Logger
    /// Signalled when a file may have become ready or a worker free, so the dispatch loop need not wait for its tick.
    nonisolated let wakeUp = WakeUp()
    var candidates: [String: SettlingFile] = [:]
    var ready: [ReadyFile] = []
    /// Files being processed, with their size when taken (a large file counts against `workers - 1`).
    var inFlight: [String: Int64] = [:]
    /// Names seen created (`IN_CREATE`) and not yet closed: still being written.
    var beingWritten: Set<String> = []
    /// Inbox names without an input extension already logged (once each while they stay).
    var unsupportedNamesLogged: Set<String> = []
    /// Work-directory files whose job was deferred: when to try again, and their size, so a large file comes back
    /// counted as large.
    var parked: [String: (retryAt: ContinuousClock.Instant, size: Int64)] = [:]
    /// How many times in a row each work-directory file was deferred, for the retry back-off.
    var deferrals: [String: Int] = [:]
    var recoveryPending: Set<String> = []
    private var nextOutboxProbe: ContinuousClock.Instant?
    /// Outcome counts of this run, by ``JobOutcome/word``.
    private(set) var tally: [String: Int] = [:]

    init(context: JobContext, logger: Logger) {
        self.context = context
        self.logger = logger
    }

    var configuration: DaemonConfiguration { context.configuration }

    /// Queues the files found in the work directory at start; they go before anything from the inbox.
    func enqueueRecovered(names: [String]) {
        let now = clock.now
        for name in names where inFlight[name] == nil {
            let size = (try? Syscall.lstat(Path.join(configuration.workDirectory, name)))?.size ?? 0
            ready.append(ReadyFile(source: .work(name: name), size: size, readySince: now))
            recoveryPending.insert(name)
        }
        if recoveryPending.isEmpty, state == .recovering { state = .running }
    }

    /// True once every file recovered at start has been handled.
    var recoveryFinished: Bool { recoveryPending.isEmpty && state != .recovering }

    /// Jobs to start now: as many as free workers allow, oldest first, work-directory files before inbox files,
    /// and large files on at most `workers - 1` workers so that small files always keep one.
    func takeJobs() -> [StartedJob] {
        probeOutboxIfPaused()
        releaseParked()
        settleCandidates()
        guard state == .running || state == .recovering else { return [] }
        let workers = configuration.workers
        guard !ready.isEmpty, inFlight.count < workers else { return [] }
        // min_free_bytes is checked before a file is taken, not only after a write failed: a file taken with too
        // little room would fill the outbox and be deferred anyway.
        if let problem = context.outboxProbe.problem(
            outbox: configuration.outbox, minimumFreeBytes: configuration.minFreeBytes)
        {
            pause(problem)
            return []
        }
        let largeLimit = max(1, workers - 1)
        var largeRunning = inFlight.values.filter { $0 >= configuration.largeFileBytes }.count
        var started: [StartedJob] = []
        ready.sort { first, second in
            if first.source.isWork != second.source.isWork { return first.source.isWork }
            return first.readySince < second.readySince
        }
        var remaining: [ReadyFile] = []
        for file in ready {
            let isLarge = file.size >= configuration.largeFileBytes
            let canStart =
                inFlight.count < workers && inFlight[file.source.name] == nil && (!isLarge || largeRunning < largeLimit)
            guard canStart else {
                remaining.append(file)
                continue
            }
            inFlight[file.source.name] = file.size
            if isLarge { largeRunning += 1 }
            started.append(StartedJob(job: FileJob(context: context, source: file.source), readySince: file.readySince))
        }
        ready = remaining
        return started
    }

    /// Records how a job ended and decides what happens to its file next.
    func finished(_ source: JobSource, outcome: JobOutcome) {
        defer { wakeUp.signal() }
        let size = inFlight.removeValue(forKey: source.name) ?? 0
        tally[outcome.word, default: 0] += 1
        let name = source.name
        switch outcome {
        case .deferred(let problem, let outboxUnavailable):
            let attempts = deferrals[name, default: 0] + 1
            deferrals[name] = attempts
            // Back off up to 64 retry intervals, so a persistent problem is not retried (and logged) every few seconds.
            parked[name] = (clock.now + configuration.outboxRetryInterval * (1 << min(attempts - 1, 6)), size)
            if outboxUnavailable { pause(problem) }
        case .skipped:
            if case .inbox = source {
                candidates[name] = SettlingFile(name: name, minAge: configuration.minAge, now: clock.now)
            }
        case .scored, .duplicate, .completedEarlier, .failed:
            deferrals[name] = nil
        }
        if case .work = source {
            recoveryPending.remove(name)
        }
        if state == .recovering, recoveryPending.isEmpty { state = .running }
    }

    /// Stops taking files until the outbox probe passes again (checked every `outbox_retry_interval`).
    private func pause(_ problem: String) {
        guard state == .running || state == .recovering else { return }
        logger.error(
            "outbox unavailable: not taking files until it can be written again", metadata: ["problem": "\(problem)"])
        state = .paused(problem: problem)
        nextOutboxProbe = clock.now + configuration.outboxRetryInterval
    }

    /// For a `--once` run: true when intake is paused and no job is left that could finish, so waiting would only
    /// wait for the outbox. The files not taken stay where they are and count as deferred.
    func endIfStalled() -> Bool {
        guard case .paused(let problem) = state, inFlight.isEmpty else { return false }
        let waiting = ready.count + candidates.count
        if waiting > 0 {
            tally["deferred", default: 0] += waiting
            logger.warning(
                "outbox unavailable: leaving files where they are for the next run",
                metadata: ["files": "\(waiting)", "problem": "\(problem)"])
        }
        return true
    }

    /// Stops handing out jobs; those in progress go on.
    func beginDrain() {
        state = .draining
    }

    /// Number of jobs in progress.
    var inFlightCount: Int { inFlight.count }

    /// True when nothing is settling, waiting or in progress. Files parked after a deferral are not counted:
    /// a `--once` run reports them as deferred and leaves them in the work directory for the next run.
    var isIdle: Bool {
        candidates.isEmpty && ready.isEmpty && inFlight.isEmpty
    }

    /// Replaces the configuration and processor used by jobs that start from now on; refused once draining.
    func replaceContext(_ newContext: JobContext) -> Bool {
        guard state != .draining else { return false }
        context = newContext
        return true
    }

    private func releaseParked() {
        guard !parked.isEmpty, state == .running || state == .recovering else { return }
        let now = clock.now
        for (name, file) in parked where file.retryAt <= now {
            parked[name] = nil
            ready.append(ReadyFile(source: .work(name: name), size: file.size, readySince: now))
        }
    }

    private func probeOutboxIfPaused() {
        guard case .paused = state, let due = nextOutboxProbe, due <= clock.now else { return }
        if let problem = context.outboxProbe.problem(
            outbox: configuration.outbox, minimumFreeBytes: configuration.minFreeBytes)
        {
            nextOutboxProbe = clock.now + configuration.outboxRetryInterval
            logger.debug("outbox still unavailable", metadata: ["problem": "\(problem)"])
            return
        }
        logger.notice("outbox writable again: taking files")
        state = recoveryPending.isEmpty ? .running : .recovering
        nextOutboxProbe = nil
        // Deferred files keep their back-off: one whose output does not fit even an empty outbox would otherwise be
        // retried, fill the outbox and pause intake again at every resume, starving the new files.
    }
}

extension JobSource {
    /// True for a file already in the work directory.
    var isWork: Bool {
        if case .work = self { return true }
        return false
    }
}
