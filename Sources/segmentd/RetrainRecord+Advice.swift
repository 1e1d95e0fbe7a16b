import Foundation
import ScoringHost
import SegmentCore
import SegmentDaemon

extension RetrainConfiguration {
    /// The thresholds the evaluator takes (the configuration keeps the defaults).
    var thresholds: RetrainThresholds {
        RetrainThresholds(
            maxModelAgeDays: maxModelAgeDays, maxPSI: maxPSI, minSilhouetteRatio: minSilhouetteRatio,
            maxShareChange: maxShareChange, minRows: minRows)
    }
}

extension RetrainRecord {
    /// `advice` evaluated at `time`, as `/v1/status` and `segmentd check --json` show it; values rounded to six
    /// decimals like the manifest's drift section.
    init(_ advice: RetrainAdvice, at time: Date) {
        self.init(
            evaluatedAt: time.formatted(.iso8601), modelVersion: advice.modelVersion,
            advised: advice.advised, reasons: advice.reasons.map(\.rawValue), windowDays: advice.window.days,
            windowRows: advice.window.counts.rows, windowHasEnoughRows: advice.window.hasEnoughRows,
            rules: advice.rules.map { rule in
                Rule(
                    reason: rule.reason.rawValue, verdict: rule.verdict.rawValue,
                    value: rule.value.map(DriftRecord.rounded), threshold: rule.threshold, detail: rule.detail,
                    text: RetrainText.sentence(rule))
            },
            warnings: advice.warnings)
    }
}
