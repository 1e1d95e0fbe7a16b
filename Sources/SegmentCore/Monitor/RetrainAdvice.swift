/// The thresholds of the four retrain rules (the `[retrain]` table; its defaults are the configuration's).
package struct RetrainThresholds: Sendable, Equatable {
    /// Age rule: advise when the model is older than this many days.
    package var maxModelAgeDays: Double
    /// Drift rule: advise when any feature's PSI over the window is above this.
    package var maxPSI: Double
    /// Quality rule: advise when the recent rows' silhouette is below this share of the training silhouette.
    package var minSilhouetteRatio: Double
    /// Distribution rule: advise when any segment's share moved by more than this, relative to its training share.
    package var maxShareChange: Double
    /// The count rules need a window of at least this many rows.
    package var minRows: Int

    package init(
        maxModelAgeDays: Double, maxPSI: Double, minSilhouetteRatio: Double, maxShareChange: Double, minRows: Int
    ) {
        self.maxModelAgeDays = maxModelAgeDays
        self.maxPSI = maxPSI
        self.minSilhouetteRatio = minSilhouetteRatio
        self.maxShareChange = maxShareChange
        self.minRows = minRows
    }
}

/// Why a retrain is advised: the guide's four rules.
package enum RetrainReason: String, Sendable, CaseIterable, Codable {
    case age, drift, quality, distribution
}

/// One rule's outcome over one window.
package struct RetrainRule: Sendable, Equatable {
    /// What the rule came to.
    package enum Verdict: String, Sendable, Equatable, Codable {
        /// Evaluated, within its threshold.
        case fine = "ok"
        /// Evaluated, past its threshold: retrain advised.
        case advised = "retrain"
        /// The window has fewer than `min_rows` rows: not evaluated, no advice.
        case notEnoughData = "not_enough_data"
        /// Not evaluated for another reason (no recent rows for the quality rule, an unreadable `created_at`).
        case notEvaluated = "not_evaluated"
        /// Switched off: the model has no drift reference (format 1).
        case off
    }

    package var reason: RetrainReason
    package var verdict: Verdict
    /// The measured value (age in days, PSI, silhouette ratio, relative share change); nil when not evaluated.
    package var value: Double?
    package var threshold: Double
    /// What was measured or why not, in words: "PURCHASES has the largest PSI", "no recent rows".
    package var detail: String

    package init(reason: RetrainReason, verdict: Verdict, value: Double?, threshold: Double, detail: String) {
        self.reason = reason
        self.verdict = verdict
        self.value = value
        self.threshold = threshold
        self.detail = detail
    }

    package var advises: Bool { verdict == .advised }
}

/// The four rules over one window: what `segmentd check` prints and the daemon exposes.
package struct RetrainAdvice: Sendable, Equatable {
    /// Age, drift, quality, distribution, in that order.
    package var rules: [RetrainRule]
    /// The window the count rules looked at.
    package var window: RetrainWindow
    /// The model judged.
    package var modelVersion: String
    /// Things the operator should know (a format-1 model's drift rules are off).
    package var warnings: [String]

    package init(rules: [RetrainRule], window: RetrainWindow, modelVersion: String, warnings: [String]) {
        self.rules = rules
        self.window = window
        self.modelVersion = modelVersion
        self.warnings = warnings
    }

    /// True when any rule advises retraining.
    package var advised: Bool { rules.contains(where: \.advises) }

    /// The reasons of the rules that advise, in rule order.
    package var reasons: [RetrainReason] { rules.filter(\.advises).map(\.reason) }

    /// The rule for `reason`.
    package func rule(_ reason: RetrainReason) -> RetrainRule? { rules.first { $0.reason == reason } }
}
