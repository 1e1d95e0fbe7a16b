import Foundation

/// xoshiro256** seeded through SplitMix64, with the few distributions the synthetic data needs.
///
/// Each (seed, stream) pair gives an independent-looking sequence, so row `i` of a data set can be generated on its
/// own (stream = i) in any order or thread and still come out the same.
struct SyntheticRandom: RandomNumberGenerator {
    private var state0: UInt64
    private var state1: UInt64
    private var state2: UInt64
    private var state3: UInt64
    private var spareNormal: Double?

    init(seed: UInt64, stream: UInt64 = 0) {
        var mixer = Self.splitMix(seed) &+ stream &* 0x9E37_79B9_7F4A_7C15
        state0 = Self.splitMix(&mixer)
        state1 = Self.splitMix(&mixer)
        state2 = Self.splitMix(&mixer)
        state3 = Self.splitMix(&mixer)
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = (state1 &* 5).rotatedLeft(by: 7) &* 9
        let shifted = state1 << 17
        state2 ^= state0
        state3 ^= state1
        state1 ^= state2
        state0 ^= state3
        state2 ^= shifted
        state3 = state3.rotatedLeft(by: 45)
        return result
    }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        uniform() < probability
    }

    /// Uniform integer in `range`.
    mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(uniform() * Double(range.count))
    }

    /// Standard normal (Marsaglia's polar method; the second value of each pair is kept for the next call).
    mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * Foundation.log(s) / s).squareRoot()
                spareNormal = v * factor
                return u * factor
            }
        }
    }

    /// Log-normal with the given median and log-scale spread.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * Foundation.exp(sigma * normal())
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func splitMix(_ value: UInt64) -> UInt64 {
        var state = value
        return splitMix(&state)
    }
}

extension UInt64 {
    @inline(__always)
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 {
        (self << count) | (self >> (64 - count))
    }
}
