import Dispatch
import Glibc
import SegmentPlugin
import Synchronization

/// The one child process of an exec plugin instance, shared by every file the plugin works on.
///
/// The child answers one batch at a time, so batches take turns (``turn``); the lock on ``State`` is only held to
/// read or change the state, never across an exchange or a back-off wait, so opening another file's session (which
/// reads the start count) never waits behind a batch. The child starts with the first batch, and after it died,
/// hung, could not be started or fell out of step it is replaced by a new one, no sooner than ``RestartBackoff``
/// allows. Every failure rejects only the rows it concerns; nothing here throws.
final class ChildSupervisor: Sendable {
    private struct State {
        var backoff: RestartBackoff
        /// Why the last child ended or could not start, for the reasons of rows rejected during a backoff.
        var lastFailure = "no child has run yet"
    }

    private let settings: ExecSettings
    private let encoder: RowEncoder
    private let decoder: AnswerDecoder
    private let log: @Sendable (PluginLogLevel, String) -> Void
    private let state: Mutex<State>
    /// Children started so far.
    private let startCount = Atomic<Int>(0)
    /// Held by the batch talking to the child (or starting one): the child's pipes carry one batch at a time.
    private let turn = DispatchSemaphore(value: 1)
    /// The running child; read and replaced only by the batch holding ``turn`` (and by `deinit`).
    private nonisolated(unsafe) var child: ChildProcess?

    init(settings: ExecSettings, log: @escaping @Sendable (PluginLogLevel, String) -> Void) {
        self.settings = settings
        self.log = log
        encoder = RowEncoder(sendInputs: settings.sendInputs)
        decoder = AnswerDecoder(columns: settings.columns)
        state = Mutex(
            State(
                backoff: RestartBackoff(
                    initial: settings.restartBackoffInitial,
                    max: settings.restartBackoffMax)))
    }

    /// Closes the child's stdin, gives it `stop_grace` seconds to exit, then kills it.
    deinit {
        child?.stop(grace: settings.stopGrace, terminate: false)
        child = nil
    }

    /// Number of children started so far.
    var starts: Int { startCount.load(ordering: .relaxed) }

    /// Has the child compute `batch`'s columns into `output`, failing the rows it could not answer; returns
    /// whether the batch was rejected whole because the child's answers were out of step.
    @discardableResult
    func process(_ batch: ScoredBatch, into output: inout PluginColumns) -> Bool {
        guard batch.count > 0 else { return false }
        let request = encoder.encode(batch)
        turn.wait()
        defer { turn.signal() }
        guard let child = readyChild(rows: batch.count, into: &output) else { return false }
        var matcher = AnswerMatcher(lines: batch.lines, settings: settings, decoder: decoder)
        let end = child.exchange(request, matcher: &matcher, timeout: settings.batchTimeout, into: &output)
        return conclude(end, child: child, matcher: matcher, into: &output)
    }

    /// A running, idle child, starting one if needed; nil after failing every row when none can run now.
    /// Called with the turn held; a back-off wait gives the turn up while it sleeps.
    private func readyChild(rows: Int, into output: inout PluginColumns) -> ChildProcess? {
        while true {
            if let child {
                if child.isIdle { return child }
                let diedAlone = child.reap(waiting: false) != nil
                let status = child.stop(grace: settings.stopGrace, terminate: true)
                replace(
                    because: diedAlone
                        ? "the child \(status) between batches"
                        : "the child wrote output nobody asked for and was stopped (\(status))")
                continue
            }
            let (wait, lastFailure) = state.withLock { ($0.backoff.remainingDelay(), $0.lastFailure) }
            if wait > settings.batchTimeout {
                failAll(
                    rows,
                    "the child is not running (\(lastFailure)); the next start is tried in "
                        + "\(Self.seconds(wait)) s", into: &output)
                return nil
            }
            if wait > 0 {
                turn.signal()
                _ = usleep(UInt32(min(wait * 1e6, Double(UInt32.max))))
                turn.wait()
                continue
            }
            return startChild(rows: rows, into: &output)
        }
    }

    /// Starts a child; nil after failing every row when it cannot be started.
    private func startChild(rows: Int, into output: inout PluginColumns) -> ChildProcess? {
        do {
            let log = log
            let child = try ChildProcess.spawn(settings) { level, message in log(level, "child \(message)") }
            self.child = child
            startCount.add(1, ordering: .relaxed)
            log(.info, "started child pid \(child.pid): \(settings.command.joined(separator: " "))")
            return child
        } catch {
            let failure = "cannot start \(settings.command) in \(settings.workingDirectory): \(error)"
            let delay = state.withLock { state in
                state.lastFailure = failure
                return state.backoff.recordFailure()
            }
            log(.error, "\(failure); retrying in \(Self.seconds(delay)) s")
            failAll(rows, "\(failure); retrying in \(Self.seconds(delay)) s", into: &output)
            return nil
        }
    }

    /// Fails the unanswered rows of a batch that did not complete, or all its rows when its answers were out of
    /// step, and replaces the child; returns whether the batch was out of step.
    private func conclude(
        _ end: ChildProcess.ExchangeEnd, child: ChildProcess, matcher: AnswerMatcher, into output: inout PluginColumns
    ) -> Bool {
        let rows = matcher.lines.count
        var outOfStep = false
        switch end {
        case .complete:
            state.withLock { $0.backoff.recordSuccess() }
        case .outOfStep(let detail):
            let status = child.stop(grace: settings.stopGrace, terminate: true)
            rejectOutOfStep(rows, detail, into: &output)
            outOfStep = true
            replace(
                because: "the child's answers were out of step with the rows (\(detail)); it was stopped "
                    + "(\(status))")
        case .timedOut:
            let status = child.stop(grace: settings.stopGrace, terminate: true)
            let cause =
                "no answer from the child within batch_timeout (\(Self.seconds(settings.batchTimeout)) s); "
                + "it was stopped (\(status)) and will be restarted"
            if let detail = matcher.incompleteVerdict {
                rejectOutOfStep(rows, "\(detail); then \(cause)", into: &output)
                outOfStep = true
            } else {
                fail(matcher.unansweredRows, cause, into: &output)
            }
            replace(because: "the child hung and was stopped (\(status))")
        case .closedOutput:
            let status = child.stop(grace: settings.stopGrace, terminate: false)
            if let detail = matcher.incompleteVerdict {
                rejectOutOfStep(rows, "\(detail); then the child ended (\(status))", into: &output)
                outOfStep = true
            } else {
                fail(
                    matcher.unansweredRows,
                    "the child ended before answering this row (\(status)); it will be "
                        + "restarted", into: &output)
            }
            replace(because: "the child ended (\(status))")
        }
        return outOfStep
    }

    /// Rejects every row of a batch whose answers were out of step, whatever answers they got.
    private func rejectOutOfStep(_ rows: Int, _ detail: String, into output: inout PluginColumns) {
        failAll(
            rows,
            "the child's answers are out of step with the rows sent (\(detail)); the whole batch is "
                + "rejected and the child restarted", into: &output)
    }

    /// Forgets the stopped child and starts the back-off before the next one.
    private func replace(because reason: String) {
        child = nil
        let delay = state.withLock { state in
            state.lastFailure = reason
            return state.backoff.recordFailure()
        }
        log(.warning, "\(reason); restarting it in \(Self.seconds(delay)) s or later")
    }

    private func failAll(_ rows: Int, _ reason: String, into output: inout PluginColumns) {
        fail(0..<rows, reason, into: &output)
    }

    private func fail<Rows: Sequence<Int>>(_ rows: Rows, _ reason: String, into output: inout PluginColumns) {
        for row in rows { output.fail(row: row, reason: reason) }
    }

    /// Seconds rounded to milliseconds, e.g. `0.5` or `5.0`.
    private static func seconds(_ value: Double) -> String {
        "\((value * 1000).rounded() / 1000)"
    }
}
