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
