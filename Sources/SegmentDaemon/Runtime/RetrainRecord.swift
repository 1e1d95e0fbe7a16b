/// The retrain rules' last verdict as `/v1/status` (`retrain`) and `segmentd check --json` show it: one shape for
/// both. The daemon knows nothing of models; the CLI fills this in from the evaluator's advice.
package struct RetrainRecord: Codable, Sendable, Equatable {
    /// One rule's outcome.
    package struct Rule: Codable, Sendable, Equatable {
        /// `age`, `drift`, `quality` or `distribution`.
        package var reason: String
        /// `ok`, `retrain`, `not_enough_data`, `not_evaluated` or `off`.
        package var verdict: String
        /// The measured value; null when the rule was not evaluated.
        package var value: Double?
        package var threshold: Double
        /// What was measured, or why not.
        package var detail: String
        /// The rule, its value, threshold and verdict as one sentence.
        package var text: String

        package init(reason: String, verdict: String, value: Double?, threshold: Double, detail: String, text: String) {
            self.reason = reason
            self.verdict = verdict
            self.value = value
            self.threshold = threshold
            self.detail = detail
            self.text = text
        }

        enum CodingKeys: String, CodingKey {
            case reason, verdict, value, threshold, detail, text
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reason, forKey: .reason)
            try container.encode(verdict, forKey: .verdict)
            try container.encode(value, forKey: .value)
            try container.encode(threshold, forKey: .threshold)
            try container.encode(detail, forKey: .detail)
            try container.encode(text, forKey: .text)
        }
    }

    /// When the rules were evaluated (ISO 8601 UTC).
    package var evaluatedAt: String
    /// The model judged: the champion.
    package var modelVersion: String
    /// True when any rule advises retraining.
    package var advised: Bool
    /// The reasons of the rules that advise.
    package var reasons: [String]
    /// The UTC days of the window, most recent first.
    package var windowDays: [String]
    package var windowRows: Int
    /// False when the window has fewer than `min_rows` rows (the count rules then say "not enough data").
    package var windowHasEnoughRows: Bool
    package var rules: [Rule]
    package var warnings: [String]

    package init(
        evaluatedAt: String, modelVersion: String, advised: Bool, reasons: [String], windowDays: [String],
        windowRows: Int, windowHasEnoughRows: Bool, rules: [Rule], warnings: [String]
    ) {
        self.evaluatedAt = evaluatedAt
        self.modelVersion = modelVersion
        self.advised = advised
        self.reasons = reasons
        self.windowDays = windowDays
        self.windowRows = windowRows
        self.windowHasEnoughRows = windowHasEnoughRows
        self.rules = rules
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case advised, reasons, rules, warnings
        case evaluatedAt = "evaluated_at"
        case modelVersion = "model_version"
        case windowDays = "window_days"
        case windowRows = "window_rows"
        case windowHasEnoughRows = "window_has_enough_rows"
    }
}
