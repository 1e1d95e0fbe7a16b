package import Foundation
package import Logging
package import SegmentCore
import Synchronization

/// The daemon's side of the retrain checks: counts every scored file into the per-day windows
/// (``MonitorStore``), evaluates the four rules once per window (``RetrainSchedule``) with the same evaluator as
/// `segmentd check`, keeps the last advice for `/v1/status`, sets the gauges, and logs a warning when the advice
/// changes. One per daemon run, shared by every processor a reload builds.
///
/// `now` is injected: the daemon passes the wall clock, a test any date, so nothing here sleeps or reads the clock.
package final class RetrainMonitor: Sendable {
    /// The last evaluation: its advice and when it was made.
    package struct Evaluation: Sendable {
        package var advice: RetrainAdvice
        package var at: Date
    }

    private struct State {
        var schedule = RetrainSchedule()
        var last: Evaluation?
        var store: MonitorStore?
        /// An evaluation ``record(_:sha256:model:thresholds:)`` found due, for ``evaluatePending()``.
        var pending: (model: SegmentModel, thresholds: RetrainThresholds, at: Date)?
    }

    /// Where the windows are kept (`<state_dir>/monitor.sqlite`).
    package let storePath: String
    private let logger: Logger
    private let now: @Sendable () -> Date
    /// Recent raw input rows for the quality rule (one value per input column of the model, in its order), given the
    /// model, its window and the time (the daemon passes the reservoir's sample of the window's days); nil, or a
    /// provider answering nil, leaves the rule "not evaluated: no recent rows".
    private let recentRows: RecentRows?

    /// A provider of the quality rule's recent rows.
    package typealias RecentRows = @Sendable (SegmentModel, RetrainWindow, Date) -> [[Double]]?
    private let state = Mutex(State())

    /// A monitor over the store at `storePath`, opened (and created) when the first file is counted: after the
    /// daemon has made its state directory and taken its lock.
    package init(
        storePath: String, logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
        recentRows: RecentRows? = nil
    ) {
        self.storePath = storePath
        self.logger = logger
        self.now = now
        self.recentRows = recentRows
    }

    /// The store, opened on first use. Opened under the lock: two workers counting the first two files at once
    /// would otherwise both create the schema, and the second fail ("table day_counts already exists").
    package func store() throws(MonitorError) -> MonitorStore {
        let result = state.withLock { state -> Result<MonitorStore, MonitorError> in
            if let store = state.store { return .success(store) }
            do throws(MonitorError) {
                let opened = try MonitorStore(path: storePath)
                state.store = opened
                return .success(opened)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The last evaluation; nil before the first.
    package var last: Evaluation? { state.withLock { $0.last } }

    /// Counts one scored file (content `sha256`, scored by `model`) into today's window. When the schedule says the
    /// rules are due, their evaluation is left pending for ``evaluatePending()``, which the daemon runs after the
    /// file's manifest is published: the quality rule's silhouette takes tens of milliseconds, and a file's manifest
    /// should not wait for advice about the model. A content counted before changes nothing. Returns whether an
    /// evaluation is pending.
    /// - Throws: ``MonitorError`` when the count cannot be recorded (the daemon then keeps the file for a retry).
    @discardableResult
    package func record(
        _ counts: WindowCounts, sha256: String, model: SegmentModel, thresholds: RetrainThresholds
    ) throws(MonitorError) -> Bool {
        let time = now()
        let day = DayCounts.day(secondsSinceEpoch: time.timeIntervalSince1970)
        guard let today = try store().add(counts, sha256: sha256, modelVersion: model.modelVersion, day: day) else {
            return false
        }
        RetrainGauges.recordDay(today, model: model)
        return state.withLock { state in
            let due = state.schedule.counted(
                rows: counts.rows, day: day, modelVersion: model.modelVersion, minRows: thresholds.minRows)
            if due { state.pending = (model, thresholds, time) }
            return state.pending != nil
        }
    }

    /// Evaluates the rules a counted file left pending (see ``record(_:sha256:model:thresholds:)``), as of the time it
    /// was counted; nothing when none is. A failure is logged, never thrown: the file was counted.
    ///
    /// On this thread alone (``ParallelBlocks/serially(_:)``): the next file is scored meanwhile, and a silhouette
    /// of 4,000 rows spread over every core made that file wait for a core.
    package func evaluatePending() {
        let pending = state.withLock { state in
            defer { state.pending = nil }
            return state.pending
        }
        guard let pending else { return }
        ParallelBlocks.serially {
            do throws(MonitorError) {
                _ = try evaluate(model: pending.model, thresholds: pending.thresholds, at: pending.at)
            } catch {
                logger.error("retrain rules not evaluated", metadata: ["error": .string(error.message)])
            }
        }
    }

    /// The rules for `model` over its latest window at `time`, neither kept nor published.
    private func currentAdvice(
        model: SegmentModel, thresholds: RetrainThresholds, at time: Date
    ) throws(MonitorError) -> RetrainAdvice {
        let days = try store().days(modelVersion: model.modelVersion)
        let window = RetrainWindow.latest(of: days, minRows: thresholds.minRows)
        return RetrainEvaluator.evaluate(
            model: model, window: window, sample: recentRows?(model, window, time), now: time,
            thresholds: thresholds)
    }

    /// The report's `--history` section for `model`: its days and the rules over its latest window now (evaluated
    /// for the page only: the published advice and its gauges stay the daemon's last evaluation).
    package func reportHistory(model: SegmentModel, thresholds: RetrainThresholds) throws(MonitorError)
        -> ReportHistory
    {
        let time = now()
        let days = HistoryReport(try store().days(modelVersion: model.modelVersion)) { _ in model }.days
        return ReportHistory(
            days: days, modelVersion: model.modelVersion, psiThreshold: thresholds.maxPSI,
            advice: try currentAdvice(model: model, thresholds: thresholds, at: time))
    }

    /// Evaluates the rules for `model` over its window at `time`, keeps and publishes the advice, and logs a warning
    /// when the reasons differ from the last evaluation's.
    @discardableResult
    package func evaluate(model: SegmentModel, thresholds: RetrainThresholds, at time: Date) throws(MonitorError)
        -> RetrainAdvice
    {
        let advice = try currentAdvice(model: model, thresholds: thresholds, at: time)
        let previous = state.withLock { state in
            defer { state.last = Evaluation(advice: advice, at: time) }
            return state.last?.advice
        }
        RetrainGauges.recordAdvice(advice)
        if previous?.reasons != advice.reasons, previous != nil || advice.advised {
            let reasons = advice.reasons.map(\.rawValue)
            logger.warning(
                advice.advised ? "retrain advised" : "retrain no longer advised",
                metadata: [
                    "model": .string(advice.modelVersion),
                    "reasons": .array(reasons.map { .string($0) }),
                    "was": .array((previous?.reasons ?? []).map { .string($0.rawValue) }),
                    "rules": .string(advice.rules.map(RetrainText.sentence).joined(separator: "; ")),
                ])
        }
        return advice
    }
}
