import SegmentPlugin

/// A confidence condition and what a matching row gets instead of its segment's campaign.
///
/// Written in TOML as `{ confidence_below = 0.2, campaign = "review", channel = "analyst_queue" }`.
struct CampaignRule: Sendable, Equatable {
    /// The rule matches rows with confidence at least this (−∞ when the rule sets no lower bound).
    let confidenceAtLeast: Double
    /// The rule matches rows with confidence below this (+∞ when the rule sets no upper bound).
    let confidenceBelow: Double
    /// The campaign for matching rows; nil keeps the segment's.
    let campaign: String?
    /// The channel for matching rows; nil keeps the segment's.
    let channel: String?

    /// Whether a row with `confidence` matches; a NaN confidence matches no rule.
    func matches(_ confidence: Double) -> Bool {
        confidence >= confidenceAtLeast && confidence < confidenceBelow
    }

    /// Reads one rule table, checking that it has a condition that some confidence in 0...1 can meet.
    init(_ settings: PluginSettings) throws(PluginError) {
        let below = try Self.confidence("confidence_below", in: settings)
        let atLeast = try Self.confidence("confidence_at_least", in: settings)
        guard below != nil || atLeast != nil else {
            throw settings.invalidTable(
                problem: "the rule has no condition",
                fix: "add confidence_below = <0...1> and/or confidence_at_least = <0...1> to it")
        }
        confidenceBelow = below ?? .infinity
        confidenceAtLeast = atLeast ?? -.infinity
        guard confidenceAtLeast < confidenceBelow else {
            throw settings.invalidValue(
                "confidence_at_least",
                problem: "the rule never matches: confidence_at_least (\(confidenceAtLeast)) "
                    + "is not below confidence_below (\(confidenceBelow))",
                fix: "make confidence_at_least smaller than confidence_below")
        }
        campaign = try CampaignSettings.nonEmptyString("campaign", in: settings)
        channel = try CampaignSettings.nonEmptyString("channel", in: settings)
    }

    private static func confidence(_ key: String, in settings: PluginSettings) throws(PluginError) -> Double? {
        guard let value = try settings.number(key) else { return nil }
        guard (0.0...1.0).contains(value) else {
            throw settings.invalidValue(
                key, problem: "\(key) is \(value), outside 0...1",
                fix: "write a confidence between 0 and 1")
        }
        return value
    }
}

extension CampaignRule {
    /// Reads the `rules` array of `settings` (absent means none).
    static func list(in settings: PluginSettings) throws(PluginError) -> [CampaignRule] {
        var rules: [CampaignRule] = []
        for table in try settings.tables("rules") ?? [] {
            rules.append(try CampaignRule(table))
        }
        return rules
    }
}
