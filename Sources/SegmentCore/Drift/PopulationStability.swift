import Foundation

/// The population stability index: how far a distribution over bins has moved from a reference one.
///
/// PSI = Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ) over the bins, aᵢ the actual and eᵢ the expected (training) share of
/// bin i. A bin empty on either side counts with ``epsilon`` instead of 0 there, so one empty bin gives a large but
/// finite term. Usual reading: below 0.1 no shift, 0.1–0.25 a moderate one, above 0.25 a large one.
package enum PopulationStability {
    /// The share an empty bin counts with.
    package static let epsilon = 1e-4

    /// The PSI of `actual` shares against `expected` shares (the same bins, in the same order).
    package static func index(actual: [Double], expected: [Double]) -> Double {
        precondition(actual.count == expected.count, "actual and expected need the same bins")
        var sum = 0.0
        for (observed, reference) in zip(actual, expected) {
            let a = observed == 0 ? epsilon : observed
            let e = reference == 0 ? epsilon : reference
            sum += (a - e) * log(a / e)
        }
        return sum
    }

    /// The PSI of bin `counts` (shares = count / total) against `expected` shares; 0 when nothing was counted.
    package static func index(counts: [Int], expected: [Double]) -> Double {
        let total = counts.reduce(0, +)
        guard total > 0 else { return 0 }
        return index(actual: counts.map { Double($0) / Double(total) }, expected: expected)
    }
}
