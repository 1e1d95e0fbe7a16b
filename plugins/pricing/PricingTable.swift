import SegmentPlugin

/// The pricing settings resolved for one model's segments, built once: column `c`'s value for segment `s` is
/// `columns[c][s]`, so each column is a palette indexed by segment id and a row costs three index stores.
struct PricingTable: Sendable {
    /// The segment names this table was built for, by id.
    let segmentNames: [String]
    /// `discount_pct`, `cashback_pct` and `installment_months`, each by segment id.
    let columns: [[PluginValue]]

    /// Resolves `settings` for the segments `segmentNames` (by id).
    init(settings: PricingSettings, segmentNames: [String]) {
        self.segmentNames = segmentNames
        let terms = segmentNames.map { settings.terms(forSegment: $0) }
        columns = [
            terms.map { .number($0.discountPct) }, terms.map { .number($0.cashbackPct) },
            terms.map { .integer($0.installmentMonths) },
        ]
    }
}
