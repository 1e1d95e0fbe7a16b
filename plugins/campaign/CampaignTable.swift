import SegmentPlugin

/// The campaign settings resolved for one model's segments, indexed by segment id, so a row costs an array
/// lookup and a scan of its segment's few rules.
///
/// Every possible outcome is a "choice": choice `s` (for `s` below the segment count) is segment `s`'s own
/// campaign; the choices after them belong to rules. Their output values are built once here.
struct CampaignTable: Sendable {
    /// The segment names this table was built for, by id.
    let segmentNames: [String]
    /// The `campaign` column value of each choice.
    let campaigns: [PluginValue]
    /// The `channel` column value of each choice.
    let channels: [PluginValue]
    /// Rules of segment `s` are `rules[ruleStart[s]..<ruleStart[s + 1]]`, in the order they are tried.
    private let ruleStart: [Int]
    private let rules: [ResolvedRule]

    private struct ResolvedRule: Sendable {
        let atLeast: Double
        let below: Double
        let choice: Int
    }

    /// Resolves `settings` for the segments `segmentNames` (by id).
    init(settings: CampaignSettings, segmentNames: [String]) {
        self.segmentNames = segmentNames
        var campaigns: [PluginValue] = []
        var channels: [PluginValue] = []
        var ruleStart: [Int] = [0]
        var rules: [ResolvedRule] = []
        let entries = segmentNames.map(settings.campaign(forSegment:))
        for entry in entries {
            campaigns.append(.text(entry.campaign))
            channels.append(.text(entry.channel))
        }
        for entry in entries {
            for rule in entry.rules + settings.everySegmentRules {
                rules.append(
                    ResolvedRule(
                        atLeast: rule.confidenceAtLeast, below: rule.confidenceBelow,
                        choice: campaigns.count))
                campaigns.append(.text(rule.campaign ?? entry.campaign))
                channels.append(.text(rule.channel ?? entry.channel))
            }
            ruleStart.append(rules.count)
        }
        self.campaigns = campaigns
        self.channels = channels
        self.ruleStart = ruleStart
        self.rules = rules
    }

    /// Whether choice `choice` came from a rule rather than a segment's own campaign.
    func isRule(_ choice: Int) -> Bool { choice >= segmentNames.count }

    /// The choice for a row of segment `segment` with `confidence`; nil when the model names no such segment.
    @inline(__always)
    func choice(segment: Int, confidence: Double) -> Int? {
        guard segment >= 0, segment < segmentNames.count else { return nil }
        var index = ruleStart[segment]
        let end = ruleStart[segment + 1]
        while index < end {
            let rule = rules[index]
            if confidence >= rule.atLeast && confidence < rule.below { return rule.choice }
            index += 1
        }
        return segment
    }
}
