import SegmentPlugin

/// The pricing settings resolved for one model's segments: the three output values of segment `s` are
/// `values[3 * s ..< 3 * s + 3]`, built once, so a row costs one array lookup.
struct PricingTable: Sendable {
    /// The segment names this table was built for, by id.
    let segmentNames: [String]
    /// `discount_pct`, `cashback_pct`, `installment_months` of each segment, segment after segment.
    let values: [PluginValue]

    /// Resolves `settings` for the segments `segmentNames` (by id).
    init(settings: PricingSettings, segmentNames: [String]) {
        self.segmentNames = segmentNames
        var values: [PluginValue] = []
        values.reserveCapacity(3 * segmentNames.count)
        for name in segmentNames {
            let terms = settings.terms(forSegment: name)
            values.append(.number(terms.discountPct))
            values.append(.number(terms.cashbackPct))
            values.append(.integer(terms.installmentMonths))
        }
        self.values = values
    }
}
