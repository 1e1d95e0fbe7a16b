/// Exact, order-independent summation of `Double`s in fixed point.
///
/// Values are scaled by the power of two that maps the largest magnitude in the data just below 2⁴⁹ and
/// truncated to `Int64`, so each keeps 49 bits relative to that magnitude (finer than the rounding of a
/// floating-point sum of many rows). Up to 2¹³ such values (one row block) add up in `Int64` without
/// overflow; totals over all rows are kept in `Int128`. Integer sums do not depend on the order of
/// additions, so cluster sums can be updated incrementally, row by row, by any thread, and still equal a
/// fresh summation bit for bit.
struct FixedPointScale: Sendable {
    /// Largest number of fixed-point values a single `Int64` accumulator may receive.
    static let maximumTermsPerAccumulator = 1 << 13

    /// Multiplier from values to fixed point (a power of two).
    let scale: Double
    /// Its exact reciprocal.
    let inverse: Double

    /// A scale for values whose magnitude is at most `largestMagnitude` (finite).
    init(largestMagnitude: Double) {
        let exponent = largestMagnitude > 0 ? Int(largestMagnitude.exponent) : 0
        let shift = min(max(48 - exponent, -1000), 1000)
        scale = Double(sign: .plus, exponent: shift, significand: 1)
        inverse = Double(sign: .plus, exponent: -shift, significand: 1)
    }

    /// `value` in fixed point, truncated toward zero.
    @inline(__always)
    func fixed(_ value: Double) -> Int64 {
        Int64(value * scale)
    }

    /// `sum / count` back in floating point, for a fixed-point `sum` of `count` values.
    func mean(_ sum: Int128, count: Int) -> Double {
        Double(sum) / Double(count) * inverse
    }
}
