import Glibc
import SegmentPlugin
import Synchronization

/// The one child process of an exec plugin instance, shared by every file the plugin works on.
///
/// Batch exchanges are serialised by a lock. The child starts with the first batch, and after it died, hung, could
/// not be started or fell out of step it is replaced by a new one, no sooner than ``RestartBackoff`` allows. Every
/// failure rejects only the rows it concerns; nothing here throws.
final class ChildSupervisor: Sendable {
    private struct State {
        var child: ChildProcess?
        var backoff: RestartBackoff
        /// Why the last child ended or could not start, for the reasons of rows rejected during a backoff.
        var lastFailure = "no child has run yet"
        /// Children started so far.
        var starts = 0
    }

    private let settings: ExecSettings
    private let encoder: RowEncoder
    private let decoder: AnswerDecoder
    private let log: @Sendable (PluginLogLevel, String) -> Void
    private let state: Mutex<State>

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
        state.withLock { state in
            state.child?.stop(grace: settings.stopGrace, terminate: false)
            state.child = nil
        }
    }

    /// Number of children started so far.
    var starts: Int { state.withLock { $0.starts } }

    /// Has the child compute `batch`'s columns into `output`, failing the rows it could not answer; returns
    /// whether the batch was rejected whole because the child's answers were out of step.
    @discardableResult
    func process(_ batch: ScoredBatch, into output: inout PluginColumns) -> Bool {
        guard batch.count > 0 else { return false }
        let request = encoder.encode(batch)
        return state.withLock { state in
            guard let child = readyChild(&state, rows: batch.count, into: &output) else { return false }
            var matcher = AnswerMatcher(lines: batch.lines, settings: settings, decoder: decoder)
            let end = child.exchange(request, matcher: &matcher, timeout: settings.batchTimeout, into: &output)
            return conclude(end, child: child, matcher: matcher, state: &state, into: &output)
        }
    }

    /// A running, idle child, starting one if needed; nil after failing every row when none can run now.
    private func readyChild(_ state: inout State, rows: Int, into output: inout PluginColumns) -> ChildProcess? {
        if let child = state.child {
            if child.isIdle { return child }
            let diedAlone = child.reap(waiting: false) != nil
            let status = child.stop(grace: settings.stopGrace, terminate: true)
            replace(
                &state,
                because: diedAlone
                    ? "the child \(status) between batches"
                    : "the child wrote output nobody asked for and was stopped (\(status))")
        }
        let wait = state.backoff.remainingDelay()
        if wait > settings.batchTimeout {
            failAll(
                rows,
                "the child is not running (\(state.lastFailure)); the next start is tried in "
                    + "\(Self.seconds(wait)) s", into: &output)
            return nil
        }
        if wait > 0 { _ = usleep(UInt32(min(wait * 1e6, Double(UInt32.max)))) }
        do {
            let log = log
            let child = try ChildProcess.spawn(settings) { level, message in log(level, "child \(message)") }
            state.child = child
            state.starts += 1
            log(.info, "started child pid \(child.pid): \(settings.command.joined(separator: " "))")
            return child
        } catch {
            let delay = state.backoff.recordFailure()
            state.lastFailure = "cannot start \(settings.command) in \(settings.workingDirectory): \(error)"
            log(.error, "\(state.lastFailure); retrying in \(Self.seconds(delay)) s")
            failAll(rows, "\(state.lastFailure); retrying in \(Self.seconds(delay)) s", into: &output)
            return nil
        }
    }

    /// Fails the unanswered rows of a batch that did not complete, or all its rows when its answers were out of
    /// step, and replaces the child; returns whether the batch was out of step.
    private func conclude(
        _ end: ChildProcess.ExchangeEnd, child: ChildProcess, matcher: AnswerMatcher,
        state: inout State, into output: inout PluginColumns
    ) -> Bool {
        let rows = matcher.lines.count
        var outOfStep = false
        switch end {
        case .complete:
            state.backoff.recordSuccess()
        case .outOfStep(let detail):
            let status = child.stop(grace: settings.stopGrace, terminate: true)
            rejectOutOfStep(rows, detail, into: &output)
            outOfStep = true
            replace(
                &state,
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
            replace(&state, because: "the child hung and was stopped (\(status))")
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
            replace(&state, because: "the child ended (\(status))")
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

    private func replace(_ state: inout State, because reason: String) {
        state.child = nil
        let delay = state.backoff.recordFailure()
        state.lastFailure = reason
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
