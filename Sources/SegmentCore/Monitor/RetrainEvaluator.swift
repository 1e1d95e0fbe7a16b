package import Foundation

/// The guide's four retrain rules as one pure function: the same model, window, sample, time and thresholds give the
/// same advice, whether `segmentd check` asks or the daemon does.
///
/// - age: the model's `created_at` is more than `max_model_age_days` before `now`.
/// - drift: the largest feature PSI of the window's merged counts is above `max_psi`.
/// - quality: the silhouette of a sample of recent rows under the model is below `min_silhouette_ratio` times the
///   training silhouette. The guide's absolute "performance < 0.7" is not used: this data's silhouette is about 0.34
///   at training, so an absolute 0.7 would advise retraining from the first day, every day.
/// - distribution: some segment's share changed by more than `max_share_change` relative to its training share.
///
/// The count rules (drift, distribution) need a window of at least `min_rows` rows; with fewer they say "not enough
/// data" and do not advise. A format-1 model has no drift reference: the drift and distribution rules are off, with
/// a warning.
package enum RetrainEvaluator {
    /// Evaluates the four rules.
    /// - Parameters:
    ///   - model: the model judged (the champion).
    ///   - window: its counts, merged backwards until `min_rows` (``RetrainWindow/latest(of:minRows:)``).
    ///   - sample: recent raw input rows (one value per input column, in the model's order); nil or empty when none
    ///     is available: the quality rule is then not evaluated.
    ///   - now: the time the age is measured at.
    package static func evaluate(
        model: SegmentModel, window: RetrainWindow, sample: [[Double]]?, now: Date, thresholds: RetrainThresholds
    ) -> RetrainAdvice {
        var warnings: [String] = []
        if model.drift == nil {
            warnings.append(
                "model \(model.modelVersion) has format version \(model.formatVersion) and no drift reference: the "
                    + "drift and distribution rules are off; train a new model to turn them on")
        }
        let report = model.drift.flatMap { reference in
            window.hasEnoughRows
                ? window.counts.driftReport(reference: reference, inputColumnCount: model.pipeline.columns.count) : nil
        }
        let rules = [
            age(model, now: now, thresholds: thresholds),
            drift(model, window: window, report: report, thresholds: thresholds),
            quality(model, sample: sample, thresholds: thresholds),
            distribution(model, window: window, report: report, thresholds: thresholds),
        ]
        return RetrainAdvice(rules: rules, window: window, modelVersion: model.modelVersion, warnings: warnings)
    }

    static func age(_ model: SegmentModel, now: Date, thresholds: RetrainThresholds) -> RetrainRule {
        let threshold = thresholds.maxModelAgeDays
        guard let created = try? Date(model.createdAt, strategy: .iso8601) else {
            return RetrainRule(
                reason: .age, verdict: .notEvaluated, value: nil, threshold: threshold,
                detail: "created_at \"\(model.createdAt)\" is not an ISO 8601 time")
        }
        let days = now.timeIntervalSince(created) / 86_400
        return RetrainRule(
            reason: .age, verdict: days > threshold ? .advised : .fine, value: days, threshold: threshold,
            detail: "trained \(model.createdAt)")
    }

    static func drift(
        _ model: SegmentModel, window: RetrainWindow, report: DriftReport?, thresholds: RetrainThresholds
    ) -> RetrainRule {
        let threshold = thresholds.maxPSI
        if let off = unavailable(.drift, model, window, threshold, thresholds) { return off }
        guard let maximum = report?.maximum else {
            return RetrainRule(
                reason: .drift, verdict: .notEvaluated, value: nil, threshold: threshold, detail: "no feature")
        }
        var detail = "largest PSI: \(maximum.name)"
        // A derived feature moves with the columns it is computed from; the column is what to look at.
        if let column = report?.topInputColumns(1).first, column.name != maximum.name {
            detail += "; of the input columns: \(column.name) \(format(column.psi))"
        }
        return RetrainRule(
            reason: .drift, verdict: maximum.psi > threshold ? .advised : .fine, value: maximum.psi,
            threshold: threshold, detail: detail)
    }

    static func quality(_ model: SegmentModel, sample: [[Double]]?, thresholds: RetrainThresholds) -> RetrainRule {
        let threshold = thresholds.minSilhouetteRatio
        let training = model.drift?.silhouette ?? model.kmeans.silhouette
        guard let sample, !sample.isEmpty else {
            return RetrainRule(
                reason: .quality, verdict: .notEvaluated, value: nil, threshold: threshold, detail: "no recent rows")
        }
        guard training > 0, let scorer = try? SegmentScorer(model: model),
            let recent = RecentQuality.silhouette(of: sample, scorer: scorer)
        else {
            return RetrainRule(
                reason: .quality, verdict: .notEvaluated, value: nil, threshold: threshold,
                detail: "the silhouette of the \(sample.count) recent rows is undefined")
        }
        let ratio = recent / training
        return RetrainRule(
            reason: .quality, verdict: ratio < threshold ? .advised : .fine, value: ratio, threshold: threshold,
            detail: "silhouette \(format(recent)) of \(min(sample.count, RecentQuality.maximumRows)) recent rows "
                + "against \(format(training)) at training")
    }

    static func distribution(
        _ model: SegmentModel, window: RetrainWindow, report: DriftReport?, thresholds: RetrainThresholds
    ) -> RetrainRule {
        let threshold = thresholds.maxShareChange
        if let off = unavailable(.distribution, model, window, threshold, thresholds) { return off }
        guard let largest = report?.largestShareChange, let change = largest.relativeChange else {
            return RetrainRule(
                reason: .distribution, verdict: .notEvaluated, value: nil, threshold: threshold,
                detail: "no segment had training rows")
        }
        let name = model.segments.first { $0.id == largest.id }?.name ?? "segment \(largest.id)"
        return RetrainRule(
            reason: .distribution, verdict: abs(change) > threshold ? .advised : .fine, value: abs(change),
            threshold: threshold,
            detail: "\(name): share \(format(largest.share)) against \(format(largest.trainingShare)) at training")
    }

    /// The outcome of a count rule that cannot be evaluated: off without a reference, not enough data in a small
    /// window; nil when it can be.
    private static func unavailable(
        _ reason: RetrainReason, _ model: SegmentModel, _ window: RetrainWindow, _ threshold: Double,
        _ thresholds: RetrainThresholds
    ) -> RetrainRule? {
        if model.drift == nil {
            return RetrainRule(
                reason: reason, verdict: .off, value: nil, threshold: threshold,
                detail: "the model has no drift reference (format 1)")
        }
        guard window.hasEnoughRows else {
            return RetrainRule(
                reason: reason, verdict: .notEnoughData, value: nil, threshold: threshold,
                detail: "\(window.counts.rows) rows scored by \(model.modelVersion) in all days kept, fewer than "
                    + "min_rows = \(thresholds.minRows)")
        }
        return nil
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.4f", value)
    }
}
