#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes doubles with a fixed number of decimals, byte-for-byte as C's `printf("%.Nf")` does,
/// without going through `printf` for ordinary magnitudes.
///
/// For |value| × 10^digits below 2^52 the digits come from one multiplication; when the product lands exactly
/// halfway, its rounding error (from a fused multiply-add) decides, so the digits equal the correctly rounded
/// decimal (ties to even), as glibc prints them.
/// Larger magnitudes fall back to `snprintf`.
enum FixedPointFormatter {
    /// Largest number of fraction digits supported.
    static let maxFractionDigits = 9
    /// Room a caller must provide: more than the largest finite double printed with nine decimals, plus a NUL.
    static let maxLength = 340

    private static let scales: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]
    private static let integerScales: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
    ]

    /// Writes `value` with `fractionDigits` decimals at `out` and returns the byte count; writes nothing for NaN
    /// or ±∞.
    /// - Precondition: `0 <= fractionDigits <= maxFractionDigits` and `out` has room for `maxLength` bytes.
    @inline(__always)
    static func write(_ value: Double, fractionDigits: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard value.isFinite else { return 0 }
        let magnitude = value.magnitude
        let scale = scales[fractionDigits]
        let product = magnitude * scale
        guard product < 4_503_599_627_370_496 else {
            return libraryWrite(value, fractionDigits: fractionDigits, to: out)
        }
        // Truncation, not `rounded(.down)`: it compiles to one instruction, while floor and fma are library calls
        // on baseline x86-64. The fused multiply-add is needed only to settle an exact tie, which is rare.
        var units = UInt64(Int64(product))
        let fraction = product - Double(Int64(units))
        if fraction > 0.5 {
            units += 1
        } else if fraction == 0.5 {
            let error = (-product).addingProduct(magnitude, scale)
            if error > 0 || (error == 0 && units & 1 == 1) { units += 1 }
        }

        // Split without a division instruction: the truncated input is the integer part or one less.
        let integerScale = integerScales[fractionDigits]
        var integerPart = UInt64(Int64(magnitude))
        var fractionPart = units &- integerPart &* integerScale
        if fractionPart >= integerScale {
            integerPart += 1
            fractionPart -= integerScale
        }

        var length = 0
        if value.sign == .minus {
            out[0] = UInt8(ascii: "-")
            length = 1
        }
        length += writeInteger(integerPart, to: out + length)
        if fractionDigits > 0 {
            out[length] = UInt8(ascii: ".")
            writeFraction(fractionPart, digits: fractionDigits, to: out + length + 1)
            length += fractionDigits + 1
        }
        return length
    }

    /// Writes the decimal digits of `number` at `out` and returns how many it wrote; may scribble on the next
    /// eight bytes.
    @inline(__always)
    static func writeInteger(_ number: UInt64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard number < 100_000_000 else { return writeDigitsSlowly(number, to: out) }
        let digits = eightDigits(number)
        let leadingZeros = digits == 0 ? 7 : digits.trailingZeroBitCount >> 3
        UnsafeMutableRawPointer(out).storeBytes(
            of: (digits | 0x3030_3030_3030_3030) >> UInt64(leadingZeros << 3),
            as: UInt64.self)
        return 8 - leadingZeros
    }

    /// Writes `number` (below 10^count) as exactly `count` digits, with leading zeros; may scribble on the next
    /// eight bytes.
    @inline(__always)
    private static func writeFraction(_ number: UInt64, digits count: Int, to out: UnsafeMutablePointer<UInt8>) {
        guard count <= 8 else {
            var rest = number
            for index in stride(from: count - 1, through: 0, by: -1) {
                out[index] = UInt8(truncatingIfNeeded: rest % 10) &+ 48
                rest /= 10
            }
            return
        }
        let digits = eightDigits(number) | 0x3030_3030_3030_3030
        UnsafeMutableRawPointer(out).storeBytes(of: digits >> UInt64((8 - count) << 3), as: UInt64.self)
    }

    /// The eight decimal digits of `number` (below 10^8), one per byte, most significant in the lowest byte.
    ///
    /// Splits 4+4 digits in 32-bit lanes, then 2+2 in 16-bit lanes, then 1+1 in bytes, dividing by 100 and 10
    /// with multiply-and-shift steps that are exact in those ranges.
    @inline(__always)
    private static func eightDigits(_ number: UInt64) -> UInt64 {
        var lanes = (number / 10_000) | (number % 10_000) << 32
        let hundreds = ((lanes &* 10_486) >> 20) & 0x0000_007F_0000_007F
        lanes = (lanes &- hundreds &* 100) << 16 | hundreds
        let tens = ((lanes &* 103) >> 10) & 0x000F_000F_000F_000F
        return (lanes &- tens &* 10) << 8 | tens
    }

    private static func writeDigitsSlowly(_ number: UInt64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var digits = 1
        var probe = number
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        var rest = number
        for index in stride(from: digits - 1, through: 0, by: -1) {
            out[index] = UInt8(truncatingIfNeeded: rest % 10) &+ 48
            rest /= 10
        }
        return digits
    }

    private static func libraryWrite(_ value: Double, fractionDigits: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let written = withVaList([Int32(fractionDigits), value]) { arguments in
            out.withMemoryRebound(to: CChar.self, capacity: maxLength) { characters in
                vsnprintf(characters, maxLength, "%.*f", arguments)
            }
        }
        return Int(min(max(written, 0), Int32(maxLength - 1)))
    }
}
