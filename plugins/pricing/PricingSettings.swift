import SegmentPlugin

/// The pricing plugin's settings, decoded once from `sample.toml` overlaid by the operator's file, with the caps
/// already applied to every segment's terms.
struct PricingSettings: Sendable, Equatable {
    /// `[default]`: the terms of segments not listed under `[segments]`.
    let fallback: PricingTerms
    /// `[segments."<name>"]`, by segment name.
    let segments: [String: PricingTerms]

    /// Decodes and checks `settings`, lowers values above the caps (logging each at info level), and checks the
    /// segment names against the model's (see `PluginSettings.rejectUnknownSegments`).
    init(_ settings: PluginSettings, context: PluginContext, shippedSegments: Set<String>) throws(PluginError) {
        let caps = try PricingCaps(try settings.table("caps") ?? PluginSettings(source: settings.source))
        let fallbackTable = try settings.table("default") ?? PluginSettings(source: settings.source)
        let fallback = try PricingTerms(fallbackTable, fallback: nil)
        self.fallback = Self.capped(fallback, by: caps, label: "[default]", context: context)

        var segments: [String: PricingTerms] = [:]
        if let table = try settings.table("segments") {
            try table.rejectUnknownSegments(of: context, allowing: shippedSegments)
            for name in table.keys {
                guard let segment = try table.table(name) else { continue }
                let terms = try PricingTerms(segment, fallback: fallback)
                segments[name] = Self.capped(terms, by: caps, label: "segment \"\(name)\"", context: context)
            }
        }
        self.segments = segments
    }

    /// The terms of the segment called `name`: its own entry, else `[default]`.
    func terms(forSegment name: String) -> PricingTerms {
        segments[name] ?? fallback
    }

    private static func capped(
        _ terms: PricingTerms, by caps: PricingCaps, label: String,
        context: PluginContext
    ) -> PricingTerms {
        let (result, lowered) = caps.apply(to: terms)
        if !lowered.isEmpty {
            context.log(.info, "pricing: \(label): capped " + lowered.joined(separator: ", "))
        }
        return result
    }
}
