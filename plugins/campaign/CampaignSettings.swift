import SegmentPlugin

/// The campaign plugin's settings, decoded once from `sample.toml` overlaid by the operator's file.
struct CampaignSettings: Sendable, Equatable {
    /// A segment's campaign, channel and own rules.
    struct SegmentCampaign: Sendable, Equatable {
        let campaign: String
        let channel: String
        let rules: [CampaignRule]
    }

    /// `[default]`: what segments not listed under `[segments]` get.
    let fallback: SegmentCampaign
    /// `[all].rules`: rules tried for every segment after its own.
    let everySegmentRules: [CampaignRule]
    /// `[segments."<name>"]`, by segment name.
    let segments: [String: SegmentCampaign]

    /// Decodes and checks `settings`; segment names are checked against `context.segmentNames` (see
    /// `PluginSettings.rejectUnknownSegments`).
    init(_ settings: PluginSettings, context: PluginContext, shippedSegments: Set<String>) throws(PluginError) {
        let fallbackTable = try settings.table("default") ?? PluginSettings(source: settings.source)
        fallback = SegmentCampaign(
            campaign: try Self.requiredNonEmptyString("campaign", in: fallbackTable),
            channel: try Self.requiredNonEmptyString("channel", in: fallbackTable),
            rules: try CampaignRule.list(in: fallbackTable))

        if let all = try settings.table("all") {
            everySegmentRules = try CampaignRule.list(in: all)
        } else {
            everySegmentRules = []
        }

        var segments: [String: SegmentCampaign] = [:]
        if let table = try settings.table("segments") {
            try table.rejectUnknownSegments(of: context, allowing: shippedSegments)
            for name in table.keys {
                guard let segment = try table.table(name) else { continue }
                segments[name] = SegmentCampaign(
                    campaign: try Self.nonEmptyString("campaign", in: segment) ?? fallback.campaign,
                    channel: try Self.nonEmptyString("channel", in: segment) ?? fallback.channel,
                    rules: try CampaignRule.list(in: segment))
            }
        }
        self.segments = segments
    }

    /// The campaign settings of the segment called `name`: its own entry, else `[default]`.
    func campaign(forSegment name: String) -> SegmentCampaign {
        segments[name] ?? fallback
    }

    /// The string at `key`, nil when absent; throws when it is empty.
    static func nonEmptyString(_ key: String, in settings: PluginSettings) throws(PluginError) -> String? {
        guard let text = try settings.string(key) else { return nil }
        return try nonEmpty(text, key, in: settings)
    }

    /// The string at `key`; throws when it is absent or empty.
    static func requiredNonEmptyString(_ key: String, in settings: PluginSettings) throws(PluginError) -> String {
        try nonEmpty(try settings.requiredString(key), key, in: settings)
    }

    private static func nonEmpty(_ text: String, _ key: String, in settings: PluginSettings) throws(PluginError)
        -> String
    {
        guard !text.isEmpty else {
            throw settings.invalidValue(key, problem: "\(key) is empty", fix: "write a non-empty name")
        }
        return text
    }
}
