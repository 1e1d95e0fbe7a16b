import Foundation
import Testing
@testable import SegmentIO

@Suite("Number parser")
struct NumberParserTests {
    private static func libraryValue(_ text: String) -> Double {
        text.withCString { strtod($0, nil) }
    }

    @Test(arguments: [
        "0", "-0", "+1.5", "-.5", "5.", "1e5", "1E-5", "00012", "3.14159", "-2.5e+10",
        "123456789012345678901234567890", "0.000000000000000000000000001", "4.9e-324", "1.7976931348623157e308",
        "9007199254740993", "0.1", "2.2250738585072011e-308",
    ])
    func acceptsWellFormedNumbersExactlyAsStrtod(_ text: String) {
        let parsed = NumberParser.parse(text)
        #expect(parsed?.bitPattern == Self.libraryValue(text).bitPattern)
    }

    @Test(arguments: [
        "12abc", "nan", "NaN", "inf", "-inf", "Infinity", "1,5", "", "+", "-", ".", "e5", "1e", "1e+",
        "0x10", " 1", "1 ", "1..2", "--1", "1e5.5", "1e400", "-1e400", "١٢",
    ])
    func rejectsAnythingElse(_ text: String) {
        #expect(NumberParser.parse(text) == nil)
    }

    @Test func matchesStrtodOnRandomWellFormedNumbers() {
        var generator = SplitMix(seed: 42)
        for _ in 0..<200_000 {
            let text = Self.randomNumber(&generator)
            let expected = Self.libraryValue(text)
            let parsed = NumberParser.parse(text)
            if expected.isFinite {
                #expect(parsed?.bitPattern == expected.bitPattern, "\(text)")
            } else {
                #expect(parsed == nil, "\(text)")
            }
        }
    }

    @Test func acceptsExactlyTheGrammarOnRandomStrings() throws {
        let grammar = try Regex("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")
        var generator = SplitMix(seed: 7)
        let alphabet = Array("0123456789+-.eE x")
        for _ in 0..<100_000 {
            let length = Int(generator.next() % 8) + 1
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            let wellFormed = (try? grammar.wholeMatch(in: text)) != nil
            let parsed = NumberParser.parse(text)
            let expected = Self.libraryValue(text)
            if wellFormed && expected.isFinite {
                #expect(parsed?.bitPattern == expected.bitPattern, "\(text)")
            } else {
                #expect(parsed == nil, "\(text)")
            }
        }
    }

    @Test func plainDecimalFastPathMatchesStrtod() {
        var generator = SplitMix(seed: 99)
        for _ in 0..<200_000 {
            let whole = String(generator.next() % 10_000_000)
            let fraction = String(generator.next() % 10_000_000).prefix(Int(generator.next() % 8))
            let sign = ["", "-", "+"][Int(generator.next() % 3)]
            let text = sign + whole + (fraction.isEmpty && generator.next() % 2 == 0 ? "" : "." + fraction)
            var bytes = Array(text.utf8) + [UInt8(ascii: ",")] + [UInt8](repeating: 0, count: 32)
            let scanned = bytes.withUnsafeMutableBufferPointer { buffer -> (Double, Int)? in
                guard let base = buffer.baseAddress,
                    let result = NumberParser.scanPlainDecimal(UnsafePointer(base))
                else { return nil }
                return (result.value, result.next - UnsafePointer(base))
            }
            #expect(scanned?.0.bitPattern == Self.libraryValue(text).bitPattern, "\(text)")
            #expect(scanned?.1 == text.utf8.count, "\(text)")
        }
    }

    /// `scanPlainDecimal` on `text` followed by `tail`, and where it stopped (nil when it declined).
    private static func scanWithTail(_ text: String, _ tail: [UInt8]) -> (value: Double, length: Int)? {
        var bytes = Array(text.utf8) + tail + [UInt8](repeating: 0, count: 32)
        return bytes.withUnsafeMutableBufferPointer { buffer -> (Double, Int)? in
            guard let base = buffer.baseAddress, let result = NumberParser.scanPlainDecimal(UnsafePointer(base))
            else { return nil }
            return (result.value, result.next - UnsafePointer(base))
        }
    }

    @Test("six-decimal numbers of full-precision files: strtod's exact value, the end whatever bytes follow")
    func sixDecimalNumbersMatchStrtodWhateverFollows() {
        var generator = SplitMix(seed: 2026)
        // Bytes after the number: delimiters, digits, a point, bytes above 0x7F and below "0" (the ones a borrow
        // or carry between bytes would misjudge).
        let tailBytes: [UInt8] = Array(",\n\r.0123456789-+ e\"".utf8) + [0x00, 0x2F, 0x3A, 0x7F, 0x80, 0xB9, 0xFF]
        for round in 0..<300_000 {
            let whole = String(generator.next() % [10, 1_000, 100_000, 10_000_000][round % 4])
            let places = round % 5 == 0 ? Int(generator.next() % 8) : 6
            let fraction = String(String(generator.next() % 10_000_000).reversed()).padding(
                toLength: places, withPad: "0", startingAt: 0)
            let sign = ["", "", "-", "+"][Int(generator.next() % 4)]
            let text = sign + whole + (places == 0 && generator.next() % 2 == 0 ? "" : "." + fraction)
            let delimiter = [UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r")][round % 3]
            let tail =
                [delimiter]
                + (0..<Int(generator.next() % 16)).map { _ in
                    tailBytes[Int(generator.next() % UInt64(tailBytes.count))]
                }
            let scanned = Self.scanWithTail(text, tail)
            #expect(scanned?.value.bitPattern == Self.libraryValue(text).bitPattern, "\(text)")
            #expect(scanned?.length == text.utf8.count, "\(text)")
        }
    }

    @Test("the plain-decimal path declines what it cannot do exactly: 8 digits in a run, an exponent, no digit")
    func plainDecimalPathDeclines() {
        for text in ["12345678", "12345678.5", "1.12345678", "0.000000001", "1e5", "1.5E3", ".", "-", "+.", ""] {
            #expect(Self.scanWithTail(text, [UInt8(ascii: ",")]) == nil, "\(text)")
        }
        #expect(Self.scanWithTail("1234567.1234567", [UInt8(ascii: "\n")])?.length == 15)
        #expect(Self.scanWithTail("-1234567.1234567", [UInt8(ascii: ",")])?.value == -1234567.1234567)
        #expect(Self.scanWithTail("5.", [UInt8(ascii: ",")])?.value == 5)
        #expect(Self.scanWithTail(".5", [UInt8(ascii: ",")])?.value == 0.5)
    }

    private static func randomNumber(_ generator: inout SplitMix) -> String {
        var text = ["", "-", "+"][Int(generator.next() % 3)]
        let digits = Int(generator.next() % 25)
        for _ in 0..<digits { text.append(Character(String(generator.next() % 10))) }
        if generator.next() % 2 == 0 || digits == 0 {
            text.append(".")
            let fraction = Int(generator.next() % 20) + (digits == 0 ? 1 : 0)
            for _ in 0..<fraction { text.append(Character(String(generator.next() % 10))) }
        }
        if generator.next() % 3 == 0 {
            text.append(generator.next() % 2 == 0 ? "e" : "E")
            text.append(["", "-", "+"][Int(generator.next() % 3)])
            text.append(String(generator.next() % 340))
        }
        return text
    }
}

/// A small deterministic random number generator for reproducible tests.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
