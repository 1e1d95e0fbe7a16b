import Foundation
import SegmentSupport
import SegmentdTestSupport
import Testing

@Suite("Fixed-point formatter")
struct FixedPointFormatterTests {
    private static func formatted(_ value: Double, _ digits: Int) -> String {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: FixedPointFormatter.maxLength)
        defer { buffer.deallocate() }
        let count = FixedPointFormatter.write(value, fractionDigits: digits, to: buffer)
        return String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
    }

    private static func printed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    @Test func matchesPrintfOnRandomValuesOfEveryMagnitude() {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<200_000 {
            let magnitude = pow(10, Double(Int(generator.next() % 24)) - 9)
            let value = (Double(generator.next() % 1_000_000_007) / 1_000_000_007 - 0.3) * magnitude
            let digits = Int(generator.next() % 10)
            #expect(Self.formatted(value, digits) == Self.printed(value, digits), "\(value) \(digits)")
        }
    }

    @Test func exactHalfwayValuesRoundToEvenLikePrintf() {
        for digits in 0...9 {
            let scale = pow(2, Double(digits + 1))
            for odd in stride(from: 1, to: 4001, by: 2) {
                let value = Double(odd) / scale
                #expect(Self.formatted(value, digits) == Self.printed(value, digits), "\(value) \(digits)")
                #expect(Self.formatted(-value, digits) == Self.printed(-value, digits), "\(-value) \(digits)")
            }
        }
    }

    @Test func largeMagnitudesFallBackToPrintf() {
        for value in [4.6e15, 1e300, -1.7976931348623157e308, 123_456_789_012.345_678] {
            #expect(Self.formatted(value, 6) == Self.printed(value, 6))
        }
    }

    @Test func negativeZeroAndTinyNegativesKeepTheirSignLikePrintf() {
        #expect(Self.formatted(-0.0, 6) == "-0.000000")
        #expect(Self.formatted(-1e-9, 6) == "-0.000000")
    }

    @Test func nonFiniteValuesWriteNothing() {
        #expect(Self.formatted(.nan, 6).isEmpty)
        #expect(Self.formatted(.infinity, 6).isEmpty)
        #expect(Self.formatted(-.infinity, 3).isEmpty)
    }
}
