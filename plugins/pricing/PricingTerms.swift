import SegmentPlugin

/// The price terms offered to one segment.
struct PricingTerms: Sendable, Equatable {
    /// Discount in percent, 0...100.
    var discountPct: Double
    /// Cashback in percent, 0...100.
    var cashbackPct: Double
    /// Instalment plan length in months, 0 for none.
    var installmentMonths: Int

    /// Reads the terms in `settings`, taking absent keys from `fallback`; all must be present when it is nil.
    init(_ settings: PluginSettings, fallback: PricingTerms?) throws(PluginError) {
        guard let discount = try Self.percent("discount_pct", in: settings) ?? fallback?.discountPct else {
            throw Self.missing("discount_pct", in: settings, expected: "percent")
        }
        guard let cashback = try Self.percent("cashback_pct", in: settings) ?? fallback?.cashbackPct else {
            throw Self.missing("cashback_pct", in: settings, expected: "percent")
        }
        guard let months = try Self.months("installment_months", in: settings) ?? fallback?.installmentMonths else {
            throw Self.missing("installment_months", in: settings, expected: "months")
        }
        discountPct = discount
        cashbackPct = cashback
        installmentMonths = months
    }

    private static func missing(_ key: String, in settings: PluginSettings, expected: String) -> PluginError {
        settings.missing(key, expected: expected)
    }

    /// A percentage at `key`: a number in 0...100, nil when absent.
    static func percent(_ key: String, in settings: PluginSettings) throws(PluginError) -> Double? {
        guard let value = try settings.number(key) else { return nil }
        guard (0.0...100.0).contains(value) else {
            throw settings.invalidValue(
                key, problem: "\(key) is \(value), outside 0...100",
                fix: "write a percentage between 0 and 100")
        }
        return value
    }

    /// A month count at `key`: an integer >= 0, nil when absent.
    static func months(_ key: String, in settings: PluginSettings) throws(PluginError) -> Int? {
        guard let value = try settings.integer(key) else { return nil }
        guard value >= 0 else {
            throw settings.invalidValue(
                key, problem: "\(key) is \(value), a negative number of months",
                fix: "write 0 (no instalment plan) or a positive number of months")
        }
        return value
    }
}
