import Foundation
import Testing

@testable import SegmentCore

@Suite("Fast log1p")
struct FastLog1pTests {
    /// Distance between two doubles in units in the last place of the expected value.
    private func ulps(_ actual: Double, _ expected: Double) -> Double {
        abs(actual - expected) / expected.ulp
    }

    @Test("agrees with the C library within 1 ulp from 1e-300 to 1e300")
    func accuracy() {
        var state: UInt64 = 0x1234_5678
        var worst = 0.0
        for _ in 0..<2_000_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let exponent = Double(state >> 11) * 0x1p-53 * 600 - 300
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let x = Foundation.pow(10, exponent) * (1 + Double(state >> 11) * 0x1p-53)
            worst = max(worst, ulps(FastLog1p.ofNonNegative(x), Foundation.log1p(x)))
        }
        #expect(worst <= 1)
    }

    @Test("is exact or within 1 ulp around the reduction boundaries and typical feature values")
    func boundaries() {
        let values: [Double] = [
            0.41421356237309503, 0.4142135623730951, 0.41421353816986084, 1, 2, 3, 0.999999, 1.000001,
            0x1p53 - 1, 0x1p53, 0x1p53 + 2, 12, 3000, 312.343947, 0.083333, 1e-20, Double.leastNonzeroMagnitude,
        ]
        for x in values {
            #expect(ulps(FastLog1p.ofNonNegative(x), Foundation.log1p(x)) <= 1, "x = \(x)")
        }
        #expect(FastLog1p.ofNonNegative(0) == 0)
        #expect(FastLog1p.ofNonNegative(.infinity) == .infinity)
        #expect(FastLog1p.ofNonNegative(.nan).isNaN)
        #expect(FastLog1p.ofNonNegative(.greatestFiniteMagnitude) == Foundation.log(Double.greatestFiniteMagnitude))
    }
}
