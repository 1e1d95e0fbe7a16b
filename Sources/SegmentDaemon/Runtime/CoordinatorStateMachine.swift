import Foundation

/// Whether new jobs may start.
enum CoordinatorState: Sendable, Equatable {
    /// Files left in the work directory by an earlier run are being processed first.
    case recovering
    /// Taking files.
    case running
    /// The outbox cannot take output; inputs wait in the work directory until the probe passes.
    case paused(problem: String)
    /// Shutting down: no new jobs, waiting for those in progress.
    case draining
}

/// Every decision of the ``JobCoordinator`` that depends on time or on what it knows of the files: which inbox
/// files have settled, which job starts next, when a deferred file is retried, when intake pauses and resumes.
///
/// It does no I/O and reads the time only from its clock, so tests drive it with a manual clock instead of sleeping.
/// Events go in (a scan's names, a look at settling files, a job's end); what the coordinator must do comes out as
/// an action (look at these files, check these for writers, probe the outbox, start these jobs, log this). The
/// coordinator performs the I/O on the ``BlockingExecutor`` and feeds the results back as the next event.
struct CoordinatorStateMachine<C: Clock>: Sendable where C.Duration == Duration {
    /// The configuration values the decisions use; replaced on reload.
    struct Rules: Sendable, Equatable {
        var workers: Int
        var largeFileBytes: Int64
        var minAge: Duration
        var minAgeRenamed: Duration
        var outboxRetryInterval: Duration

        init(_ configuration: DaemonConfiguration) {
            workers = configuration.workers
            largeFileBytes = configuration.largeFileBytes
            minAge = configuration.minAge
            minAgeRenamed = configuration.minAgeRenamed
            outboxRetryInterval = configuration.outboxRetryInterval
        }
    }

    /// A file waiting to be processed, and since when.
    struct ReadyFile: Sendable, Equatable {
        var source: JobSource
        var size: Int64
        var readySince: C.Instant
    }

    /// What a look at the outbox (the probe) leads to.
    enum ProbeAction: Sendable, Equatable {
        /// Still unavailable: probe again after the retry interval.
        case stillUnavailable(problem: String)
        /// Writable again: intake resumes.
        case resumed
        /// Nothing to say (the state changed meanwhile).
        case none
    }

    /// What a free-space check before starting jobs leads to.
    enum StartAction: Sendable, Equatable {
        /// Start these files now.
        case start([ReadyFile])
        /// The outbox cannot take output: intake paused (log it).
        case paused(problem: String)
        /// Nothing to start (or already paused).
        case none
    }

    /// What a `--once` run does when asked whether it is stuck.
    enum StallAction: Sendable, Equatable {
        /// Jobs may still finish or start: keep going.
        case keepGoing
        /// Paused with nothing in progress: end, leaving `waiting` files where they are.
        case end(waiting: Int, problem: String)
    }

    let clock: C
    var rules: Rules
    private(set) var state: CoordinatorState = .recovering
    var candidates: [String: SettlingFile<C.Instant>] = [:]
    var ready: [ReadyFile] = []
    /// Files being processed, with their size when taken (a large file counts against `workers - 1`).
    private(set) var inFlight: [String: Int64] = [:]
    /// Names seen created (`IN_CREATE`) and not yet closed: still being written.
    var beingWritten: Set<String> = []
    /// Inbox names without an input extension already logged (once each while they stay).
    var unsupportedNamesLogged: Set<String> = []
    /// Work-directory files whose job was deferred: when to try again, and their size, so a large file comes back
    /// counted as large.
    private(set) var parked: [String: (retryAt: C.Instant, size: Int64)] = [:]
    /// How many times in a row each work-directory file was deferred, for the retry back-off.
    private(set) var deferrals: [String: Int] = [:]
    private(set) var recoveryPending: Set<String> = []
    private(set) var nextOutboxProbe: C.Instant?
    /// Outcome counts of this run, by ``JobOutcome/word``.
    private(set) var tally: [String: Int] = [:]
    /// When this run and each job started, and the last files settled: what the status document reports.
    private(set) var history: RunHistory<C>

    /// Makes a machine; `wallClockAtStart` is the wall-clock time now (tests pass a fixed one).
    init(clock: C, rules: Rules, wallClockAtStart: Date = Date()) {
        self.clock = clock
        self.rules = rules
        history = RunHistory(startedAt: clock.now, wallClockAtStart: wallClockAtStart)
    }

    /// True when jobs may start.
    var isTaking: Bool { state == .running || state == .recovering }

    /// Queues the files found in the work directory at start, with their sizes; they go before inbox files.
    mutating func enqueueRecovered(_ files: [(name: String, size: Int64)]) {
        let now = clock.now
        for file in files where inFlight[file.name] == nil {
            ready.append(ReadyFile(source: .work(name: file.name), size: file.size, readySince: now))
            recoveryPending.insert(file.name)
        }
        if recoveryPending.isEmpty, state == .recovering { state = .running }
    }

    /// True once every file recovered at start has been handled.
    var recoveryFinished: Bool { recoveryPending.isEmpty && state != .recovering }

    /// True when paused and the retry interval since the last probe has passed.
    var outboxProbeDue: Bool {
        guard case .paused = state, let due = nextOutboxProbe else { return false }
        return due <= clock.now
    }

    /// The outbox probe's answer while paused (nil: writable).
    mutating func outboxProbed(problem: String?) -> ProbeAction {
        guard case .paused = state else { return .none }
        if let problem {
            nextOutboxProbe = clock.now.advanced(by: rules.outboxRetryInterval)
            return .stillUnavailable(problem: problem)
        }
        state = recoveryPending.isEmpty ? .running : .recovering
        nextOutboxProbe = nil
        // Deferred files keep their back-off: one whose output does not fit even an empty outbox would otherwise be
        // retried, fill the outbox and pause intake again at every resume, starving the new files.
        return .resumed
    }

    /// Moves the deferred files whose back-off has passed to the ready queue, with the size they were taken with.
    mutating func releaseParked() {
        guard !parked.isEmpty, isTaking else { return }
        let now = clock.now
        for (name, file) in parked where file.retryAt <= now {
            parked[name] = nil
            ready.append(ReadyFile(source: .work(name: name), size: file.size, readySince: now))
        }
    }

    /// True when a file is ready and a worker free: the coordinator then checks the outbox's free space (a file
    /// taken with too little room would fill the outbox and be deferred anyway) and reports it to ``start(problem:)``.
    var mayStartJobs: Bool {
        isTaking && !ready.isEmpty && inFlight.count < rules.workers
    }

    /// Files to start now, given the free-space check's answer: as many as free workers allow, oldest first,
    /// work-directory files before inbox files, and large files on at most `workers - 1` workers so that small
    /// files always keep one.
    mutating func start(problem: String?) -> StartAction {
        if let problem { return pause(problem) ? .paused(problem: problem) : .none }
        guard mayStartJobs else { return .none }
        let workers = rules.workers
        let largeLimit = max(1, workers - 1)
        var largeRunning = inFlight.values.filter { $0 >= rules.largeFileBytes }.count
        var started: [ReadyFile] = []
        ready.sort { first, second in
            if first.source.isWork != second.source.isWork { return first.source.isWork }
            return first.readySince < second.readySince
        }
        var remaining: [ReadyFile] = []
        for file in ready {
            let isLarge = file.size >= rules.largeFileBytes
            let canStart =
                inFlight.count < workers && inFlight[file.source.name] == nil && (!isLarge || largeRunning < largeLimit)
            guard canStart else {
                remaining.append(file)
                continue
            }
            inFlight[file.source.name] = file.size
            history.jobStarted(file.source.name, at: clock.now)
            if isLarge { largeRunning += 1 }
            started.append(file)
        }
        ready = remaining
        return .start(started)
    }

    /// A job ended; returns the problem to log when its deferral paused intake.
    mutating func finished(_ source: JobSource, outcome: JobOutcome) -> String? {
        let size = inFlight.removeValue(forKey: source.name) ?? 0
        tally[outcome.word, default: 0] += 1
        let name = source.name
        history.jobEnded(name, outcome: outcome, at: clock.now)
        var paused: String?
        switch outcome {
        case .deferred(let problem, let outboxUnavailable):
            let attempts = deferrals[name, default: 0] + 1
            deferrals[name] = attempts
            // Back off up to 64 retry intervals, so a persistent problem is not retried (and logged) every few seconds.
            parked[name] = (clock.now.advanced(by: rules.outboxRetryInterval * (1 << min(attempts - 1, 6))), size)
            if outboxUnavailable, pause(problem) { paused = problem }
        case .skipped:
            if case .inbox = source {
                candidates[name] = SettlingFile(name: name, minAge: rules.minAge, now: clock.now)
            }
        case .scored, .duplicate, .completedEarlier, .failed:
            deferrals[name] = nil
        }
        if case .work = source {
            recoveryPending.remove(name)
        }
        if state == .recovering, recoveryPending.isEmpty { state = .running }
        return paused
    }

    /// Stops taking files until the outbox probe passes again (probed every `outbox_retry_interval`); true when
    /// intake was taking files until now.
    private mutating func pause(_ problem: String) -> Bool {
        guard isTaking else { return false }
        state = .paused(problem: problem)
        nextOutboxProbe = clock.now.advanced(by: rules.outboxRetryInterval)
        return true
    }

    /// For a `--once` run: ends when intake is paused and no job is left that could finish, so waiting would only
    /// wait for the outbox. The files not taken stay where they are and count as deferred.
    mutating func endIfStalled() -> StallAction {
        guard case .paused(let problem) = state, inFlight.isEmpty else { return .keepGoing }
        let waiting = ready.count + candidates.count
        if waiting > 0 { tally["deferred", default: 0] += waiting }
        return .end(waiting: waiting, problem: problem)
    }

    /// Stops handing out jobs; those in progress go on.
    mutating func beginDrain() {
        state = .draining
    }

    /// True when nothing is settling, waiting or in progress. Files parked after a deferral are not counted:
    /// a `--once` run reports them as deferred and leaves them in the work directory for the next run.
    var isIdle: Bool {
        candidates.isEmpty && ready.isEmpty && inFlight.isEmpty
    }
}

extension JobSource {
    /// True for a file already in the work directory.
    var isWork: Bool {
        if case .work = self { return true }
        return false
    }
}
