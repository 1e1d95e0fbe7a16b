import Foundation
import SegmentSupport
import SegmentdTestSupport
import Testing

/// The trimmed form of plugin columns and `migrations.jsonl`, and the signed integer writer, checked against
/// printf and against the writers they replaced.
@Suite("Trimmed numbers and integers")
struct TrimmedNumberTests {
    static func trimmed(_ value: Double, _ digits: Int = 6) -> String {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: FixedPointFormatter.maxLength)
        defer { buffer.deallocate() }
        let count = FixedPointFormatter.writeTrimmed(value, fractionDigits: digits, to: buffer)
        return String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
    }

    static func integer(_ value: Int) -> String {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 32)
        defer { buffer.deallocate() }
        let count = FixedPointFormatter.writeInteger(value, to: buffer)
        return String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
    }

    /// printf's `%.Nf`, trailing zeros and point dropped, a zero without its sign: the documented rule.
    static func printedTrimmed(_ value: Double, _ digits: Int = 6) -> String {
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    @Test("the trimmed form is printf's digits without trailing zeros, for values of every magnitude")
    func trimmedMatchesPrintf() {
        var generator = SeededGenerator(seed: 14)
        for _ in 0..<200_000 {
            let magnitude = pow(10, Double(Int(generator.next() % 24)) - 9)
            let value = (Double(generator.next() % 1_000_000_007) / 1_000_000_007 - 0.3) * magnitude
            #expect(Self.trimmed(value) == Self.printedTrimmed(value), "\(value)")
        }
        for value in [0.5, 12, 3.141_592_653, -0.0, -1e-9, 1e15, -4.6e15, 1e300, 0.000_000_5, 0.000_001_5, 2.5e-7] {
            #expect(Self.trimmed(value) == Self.printedTrimmed(value), "\(value)")
        }
    }

    @Test("examples: integral values as integers, six decimals at most, no negative zero, nothing for NaN")
    func trimmedExamples() {
        #expect(Self.trimmed(0.5) == "0.5")
        #expect(Self.trimmed(12) == "12")
        #expect(Self.trimmed(-12) == "-12")
        #expect(Self.trimmed(3.141_592_653) == "3.141593")
        #expect(Self.trimmed(-0.000_000_1) == "0")
        #expect(Self.trimmed(-0.0) == "0")
        #expect(Self.trimmed(0.999_999_9) == "1")
        #expect(Self.trimmed(.nan).isEmpty)
        #expect(Self.trimmed(-.infinity).isEmpty)
        #expect(Self.trimmed(2.5, 0) == "2")
        #expect(Self.trimmed(3.5, 0) == "4")
    }

    @Test("signed integers are written like Swift's description, extremes included")
    func integersMatchDescription() {
        var generator = SeededGenerator(seed: 15)
        var values = [0, 1, -1, 9, 10, 99_999_999, 100_000_000, -100_000_000, Int.max, Int.min]
        for _ in 0..<100_000 {
            let bits = Int(generator.next() % 64)
            values.append(Int(truncatingIfNeeded: generator.next() >> UInt64(bits)))
        }
        for value in values { #expect(Self.integer(value) == value.description) }
    }

    /// The number writer `migrations.jsonl` used before the shared one: the value times 10^6 rounded half away
    /// from zero, in double arithmetic; Swift's description from 10^12 up.
    static func formerMigrationNumber(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        guard value.magnitude < 1e12 else { return "\(value)" }
        let units = UInt64((value.magnitude * 1_000_000).rounded())
        var text = value < 0 && units != 0 ? "-" : ""
        text += String(units / 1_000_000)
        var fraction = String(units % 1_000_000)
        guard fraction != "0" else { return text }
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return text + "." + fraction
    }

    /// Whether value × 10^6, rounded to a double, lands exactly halfway between two integers.
    static func isTie(_ value: Double) -> Bool {
        let product = value.magnitude * 1_000_000
        return product - product.rounded(.down) == 0.5
    }

    @Test("migrations' confidences come out as before; only an exact tie of value × 10^6 may differ, as printf")
    func sameAsFormerMigrationWriter() {
        var generator = SeededGenerator(seed: 16)
        var values: [Double] = [0, 1, 0.25, 0.125, 0.1234567, -0.0000001, 0.75, 0.5, 1e-7, 0.999_999_5]
        for _ in 0..<1_000_000 { values.append(Double(generator.next() >> 11) / Double(1 << 53)) }
        for _ in 0..<100_000 { values.append(Double(generator.next() % 100_000_000) / 10_000_000) }
        for value in values {
            let now = Self.trimmed(value)
            let before = Self.formerMigrationNumber(value)
            if now != before {
                #expect(Self.isTie(value), "\(value): \(before) before, \(now) now")
                #expect(now == Self.printedTrimmed(value), "\(value)")
            }
        }
    }

    static func trimmedFloat(_ value: Double) -> String {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: FixedPointFormatter.maxLength)
        defer { buffer.deallocate() }
        let count = FixedPointFormatter.writeTrimmedFloat(value, fractionDigits: 6, to: buffer)
        return String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
    }

    @Test("the float form is the trimmed form with one decimal kept for whole values")
    func trimmedFloatKeepsAPoint() {
        var generator = SeededGenerator(seed: 15)
        for _ in 0..<50_000 {
            let magnitude = pow(10, Double(Int(generator.next() % 24)) - 9)
            var value = (Double(generator.next() % 1_000_000_007) / 1_000_000_007 - 0.3) * magnitude
            if generator.next() % 4 == 0 { value = value.rounded() }
            let trimmed = Self.printedTrimmed(value)
            #expect(Self.trimmedFloat(value) == (trimmed.contains(".") ? trimmed : trimmed + ".0"), "\(value)")
        }
        #expect(Self.trimmedFloat(5) == "5.0")
        #expect(Self.trimmedFloat(-0.0) == "0.0")
        #expect(Self.trimmedFloat(.nan) == "")
    }
}
