import Foundation

/// log1p for non-negative arguments, eight lanes at a time, branch-free: the signed_log1p transform runs 16 times
/// per row on the hot path, where the C library's scalar log1p alone would cost most of the row budget.
///
/// Method (after fdlibm): u = 1 + x with its exact rounding error c (Knuth's TwoSum); u = 2^k · m with
/// √2/2 ≤ m < √2; log1p(x) = k·ln2 + log(m) + c/u, where log(m) uses the degree-14 minimax series in
/// s = f / (2 + f), f = m − 1.
/// Agrees with the C library within 1 ulp, and being pure Swift gives the same bits on every platform.
enum FastLog1p {
    private static let ln2High = 6.93147180369123816490e-01
    private static let ln2Low = 1.90821492927058770002e-10
    private static let c1 = 6.666666666666735130e-01
    private static let c2 = 3.999999999940941908e-01
    private static let c3 = 2.857142874366239149e-01
    private static let c4 = 2.222219843214978396e-01
    private static let c5 = 1.818357216161805012e-01
    private static let c6 = 1.531383769920937332e-01
    private static let c7 = 1.479819860511658591e-01

    /// log(1 + x) for x ≥ 0; +∞ and NaN pass through. Same bits as the eight-lane version.
    @inline(__always)
    static func ofNonNegative(_ x: Double) -> Double {
        ofNonNegative(SIMD8(repeating: x))[0]
    }

    /// sign(x)·log1p(|x|) in each lane. The sign is moved with bit operations, so no lane takes a branch.
    @inline(__always)
    static func signed(_ x: SIMD8<Double>) -> SIMD8<Double> {
        let bits = unsafeBitCast(x, to: SIMD8<UInt64>.self)
        let magnitude = unsafeBitCast(bits & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD8<Double>.self)
        let result = unsafeBitCast(ofNonNegative(magnitude), to: SIMD8<UInt64>.self)
        return unsafeBitCast(result | (bits & 0x8000_0000_0000_0000), to: SIMD8<Double>.self)
    }

    /// log(1 + x) in each lane, for x ≥ 0; +∞ and NaN pass through.
    @inline(__always)
    static func ofNonNegative(_ x: SIMD8<Double>) -> SIMD8<Double> {
        guard all(x .< 0x1p1000) else {
            return SIMD8(
                Foundation.log1p(x[0]), Foundation.log1p(x[1]), Foundation.log1p(x[2]), Foundation.log1p(x[3]),
                Foundation.log1p(x[4]), Foundation.log1p(x[5]), Foundation.log1p(x[6]), Foundation.log1p(x[7]))
        }
        let one = SIMD8<Double>(repeating: 1)
        let u = one + x
        let xPart = u - one
        let correction = ((one - (u - xPart)) + (x - xPart)) / u

        // u = 2^k · m with m in [√2/2, √2): m in [1, 2) from the mantissa bits, halved (and k raised)
        // when ≥ √2.
        let bits = unsafeBitCast(u, to: SIMD8<UInt64>.self)
        let unit = unsafeBitCast((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000, to: SIMD8<Double>.self)
        let halveMask = unsafeBitCast(unit .>= SIMD8(repeating: 1.4142135623730951), to: SIMD8<UInt64>.self)
        let halve = unsafeBitCast(halveMask & 0x3FF0_0000_0000_0000, to: SIMD8<Double>.self)
        let f = unit * (one - 0.5 * halve) - one
        // The exponent converts exactly through the 1.5·2^52 bias.
        let exponent =
            unsafeBitCast((bits &>> 52) &+ (0x4338_0000_0000_0000 &- 1023), to: SIMD8<Double>.self)
            - SIMD8(repeating: 0x1.8p52)
        let k = exponent + halve
        let s = f / (2 + f)

        let halfSquare = 0.5 * f * f
        let z = s * s
        var r = c6 + z * c7
        r = c5 + z * r
        r = c4 + z * r
        r = c3 + z * r
        r = c2 + z * r
        r = c1 + z * r
        r = z * r
        return k * ln2High - ((halfSquare - (s * (halfSquare + r) + (k * ln2Low + correction))) - f)
    }
}
