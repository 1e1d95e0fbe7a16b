import Foundation

/// What `/v1/status` tells about the files this run handled: when the run and each job in progress started, and the
/// last files settled, kept by the ``CoordinatorStateMachine`` on its clock so that tests drive the times.
///
/// Wall-clock times are the run's start time plus the time elapsed on the coordinator's clock since: one reading of
/// the wall clock at start, then only the (monotonic) coordinator clock, so a status never goes back in time when the
/// wall clock is stepped.
struct RunHistory<C: Clock>: Sendable where C.Duration == Duration {
    /// One settled file, as `recent_files` lists it.
    struct Entry: Sendable, Equatable {
        var name: String
        var outcome: DaemonStatus.Outcome
        var duration: Duration
        var finishedAt: C.Instant
        var rowsScored: Int?
        var rowsRejected: Int?
    }

    /// How many settled files are kept.
    static var limit: Int { 20 }

    /// When the run started on the coordinator's clock.
    let startedAt: C.Instant
    /// The wall-clock time at `startedAt`.
    let wallClockAtStart: Date
    /// When each job in progress started.
    private(set) var jobStarts: [String: C.Instant] = [:]
    /// The last settled files, oldest first, at most ``limit``.
    private(set) var recent: [Entry] = []

    init(startedAt: C.Instant, wallClockAtStart: Date) {
        self.startedAt = startedAt
        self.wallClockAtStart = wallClockAtStart
    }

    mutating func jobStarted(_ name: String, at now: C.Instant) {
        jobStarts[name] = now
    }

    /// Records how a job ended. A skipped job (nothing was done) settles nothing and is not listed.
    mutating func jobEnded(_ name: String, outcome: JobOutcome, at now: C.Instant) {
        let started = jobStarts.removeValue(forKey: name) ?? now
        var entry = Entry(
            name: name, outcome: .scored, duration: started.duration(to: now), finishedAt: now, rowsScored: nil,
            rowsRejected: nil)
        switch outcome {
        case .scored(let counts, _):
            (entry.rowsScored, entry.rowsRejected) = (counts.rowsScored, counts.rowsRejected)
        case .duplicate:
            (entry.outcome, entry.rowsScored, entry.rowsRejected) = (.duplicate, 0, 0)
        case .completedEarlier:
            // Scored by an earlier run that crashed before the archive move; its counts are in its manifest.
            entry.outcome = .scored
        case .failed:
            entry.outcome = .failed
        case .deferred:
            entry.outcome = .deferred
        case .skipped:
            return
        }
        recent.append(entry)
        if recent.count > Self.limit { recent.removeFirst(recent.count - Self.limit) }
    }

    /// The wall-clock time at `instant`.
    func wallClock(at instant: C.Instant) -> Date {
        wallClockAtStart.addingTimeInterval(DaemonStatus.seconds(startedAt.duration(to: instant)))
    }
}
