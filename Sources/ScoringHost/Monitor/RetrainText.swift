package import SegmentCore
import Foundation

/// The retrain rules in words, as `segmentd check` prints them and `/v1/status` carries them: each rule with its
/// value, threshold and verdict.
package enum RetrainText {
    /// One rule as a sentence: "drift: largest PSI 0.4312 (largest PSI: PURCHASES), limit 0.15: retrain advised".
    package static func sentence(_ rule: RetrainRule) -> String {
        let name = rule.reason.rawValue
        switch rule.verdict {
        case .off: return "\(name): off, \(rule.detail)"
        case .notEnoughData: return "\(name): not enough data (\(rule.detail)); no advice"
        case .notEvaluated: return "\(name): not evaluated: \(rule.detail)"
        case .fine, .advised:
            let verdict = rule.verdict == .advised ? "retrain advised" : "no retrain needed"
            return "\(name): \(measure(rule)) (\(rule.detail)), \(limit(rule)): \(verdict)"
        }
    }

    /// The whole advice: the model and window, one line per rule, the warnings, then the conclusion.
    package static func text(_ advice: RetrainAdvice) -> String {
        let window = advice.window
        let days =
            window.days.isEmpty
            ? "no day counted yet"
            : window.days.count == 1
                ? "day \(window.days[0])" : "days \(window.days.last ?? "") to \(window.days.first ?? "")"
        var text = "model \(advice.modelVersion); window: \(window.counts.rows) rows, \(days)\n"
        for rule in advice.rules { text += "  " + sentence(rule) + "\n" }
        for warning in advice.warnings { text += "warning: \(warning)\n" }
        let reasons = advice.reasons.map(\.rawValue).joined(separator: ", ")
        text += advice.advised ? "retrain advised: \(reasons)\n" : "no retrain needed\n"
        return text
    }

    private static func measure(_ rule: RetrainRule) -> String {
        let value = rule.value ?? 0
        switch rule.reason {
        case .age: return "model age \(fixed(value, 1)) days"
        case .drift: return "largest PSI \(fixed(value, 4))"
        case .quality: return "silhouette ratio \(fixed(value, 3))"
        case .distribution: return "largest share change \(fixed(value * 100, 1))%"
        }
    }

    private static func limit(_ rule: RetrainRule) -> String {
        switch rule.reason {
        case .age: return "limit \(fixed(rule.threshold, 0)) days"
        case .drift: return "limit \(fixed(rule.threshold, 2))"
        case .quality: return "minimum \(fixed(rule.threshold, 2)) x the training silhouette"
        case .distribution: return "limit \(fixed(rule.threshold * 100, 0))%"
        }
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
