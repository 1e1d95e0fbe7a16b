import SegmentPlugin

/// Upper bounds on every segment's terms (`[caps]`); a bound left out is no bound.
struct PricingCaps: Sendable, Equatable {
    var maxDiscountPct: Double?
    var maxCashbackPct: Double?
    var maxInstallmentMonths: Int?

    /// Reads `[caps]`; each cap obeys the same limits as the value it bounds.
    init(_ settings: PluginSettings) throws(PluginError) {
        maxDiscountPct = try PricingTerms.percent("max_discount_pct", in: settings)
        maxCashbackPct = try PricingTerms.percent("max_cashback_pct", in: settings)
        maxInstallmentMonths = try PricingTerms.months("max_installment_months", in: settings)
    }

    /// `terms` with every value above its cap lowered to the cap, and one phrase per value lowered.
    func apply(to terms: PricingTerms) -> (terms: PricingTerms, lowered: [String]) {
        var result = terms
        var lowered: [String] = []
        if let cap = maxDiscountPct, terms.discountPct > cap {
            result.discountPct = cap
            lowered.append("discount_pct \(terms.discountPct) to \(cap)")
        }
        if let cap = maxCashbackPct, terms.cashbackPct > cap {
            result.cashbackPct = cap
            lowered.append("cashback_pct \(terms.cashbackPct) to \(cap)")
        }
        if let cap = maxInstallmentMonths, terms.installmentMonths > cap {
            result.installmentMonths = cap
            lowered.append("installment_months \(terms.installmentMonths) to \(cap)")
        }
        return (result, lowered)
    }
}
