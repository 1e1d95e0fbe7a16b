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
///
/// The one number writer of segmentd: fixed decimals (scored files), integers, and the trimmed form plugin columns
/// and `migrations.jsonl` use (``writeTrimmed(_:fractionDigits:to:)``).
///
/// `public` and `@inlinable`, not `package`: Swift 6.3 does not inline an `@inlinable package` function into another
/// module (a call remains, checked with `swiftc -O`), and the scoring loop in SegmentIO needs these compiled in place
/// as they were when this type lived beside it (callgrind: +106 instructions per scored row as a call).
public enum FixedPointFormatter {
    /// Largest number of fraction digits supported.
    public static let maxFractionDigits = 9
    /// Room a caller must provide: more than the largest finite double printed with nine decimals, plus a NUL.
    public static let maxLength = 340

    /// 10^digits as a double (a switch the compiler turns into a constant table in the caller).
    @inlinable @inline(__always)
    static func scale(_ digits: Int) -> Double {
        switch digits {
        case 0: 1
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        default: 1e9
        }
    }

    /// 10^digits as an integer.
    @inlinable @inline(__always)
    static func integerScale(_ digits: Int) -> UInt64 {
        switch digits {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1_000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        case 8: 100_000_000
        default: 1_000_000_000
        }
    }

    /// Writes `value` with `fractionDigits` decimals at `out` and returns the byte count; writes nothing for NaN
    /// or ±∞.
    /// - Precondition: `0 <= fractionDigits <= maxFractionDigits` and `out` has room for `maxLength` bytes.
    @inlinable @inline(__always)
    public static func write(_ value: Double, fractionDigits: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard value.isFinite else { return 0 }
        let magnitude = value.magnitude
        let scale = scale(fractionDigits)
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
        let integerScale = integerScale(fractionDigits)
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
    @inlinable @inline(__always)
    public static func writeInteger(_ number: UInt64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard number < 100_000_000 else { return writeDigitsSlowly(number, to: out) }
        let digits = eightDigits(number)
        let leadingZeros = digits == 0 ? 7 : digits.trailingZeroBitCount >> 3
        UnsafeMutableRawPointer(out).storeBytes(
            of: (digits | 0x3030_3030_3030_3030) >> UInt64(leadingZeros << 3),
            as: UInt64.self)
        return 8 - leadingZeros
    }

    /// Writes `number` in decimal, with a minus sign when negative, and returns the byte count; may scribble on the
    /// next eight bytes (room for 28 bytes is enough).
    @inlinable @inline(__always)
    public static func writeInteger(_ number: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard number < 0 else { return writeInteger(UInt64(number), to: out) }
        out[0] = UInt8(ascii: "-")
        return 1 + writeInteger(UInt64(number.magnitude), to: out + 1)
    }

    /// Writes `value` with at most `fractionDigits` decimals, trailing zeros and a trailing point dropped
    /// (`0.5`, `12`, `3.141593`), and returns the byte count; writes nothing for NaN or ±∞. The digits are those of
    /// ``write(_:fractionDigits:to:)`` (printf's correctly rounded `%.Nf`); a value that rounds to zero is `0`,
    /// without a sign. Plugin columns and `migrations.jsonl` write numbers this way, with six decimals.
    /// - Precondition: `0 <= fractionDigits <= maxFractionDigits` and `out` has room for `maxLength` bytes.
    @inlinable
    public static func writeTrimmed(_ value: Double, fractionDigits: Int, to out: UnsafeMutablePointer<UInt8>)
        -> Int
    {
        if value.magnitude < 1e15, value == value.rounded(.towardZero) {
            return writeInteger(Int(value), to: out)
        }
        var length = write(value, fractionDigits: fractionDigits, to: out)
        guard length > 0, fractionDigits > 0 else { return length }
        // The fixed form always ends with the point and `fractionDigits` digits.
        let dot = length - fractionDigits - 1
        while length > dot + 1 && out[length - 1] == UInt8(ascii: "0") { length -= 1 }
        if length == dot + 1 { length = dot }
        if length == 2 && out[0] == UInt8(ascii: "-") && out[1] == UInt8(ascii: "0") {
            out[0] = UInt8(ascii: "0")
            length = 1
        }
        return length
    }

    /// ``writeTrimmed(_:fractionDigits:to:)`` keeping one decimal when the value is whole (`5.0`, `12.5`, `0.333333`,
    /// a value that rounds to zero as `0.0`), and returns the byte count; writes nothing for NaN or ±∞. The form of
    /// float columns: a reader types the column as floating point even in a file whose values are all whole.
    /// - Precondition: as for ``writeTrimmed(_:fractionDigits:to:)``.
    @inlinable
    public static func writeTrimmedFloat(_ value: Double, fractionDigits: Int, to out: UnsafeMutablePointer<UInt8>)
        -> Int
    {
        let length = writeTrimmed(value, fractionDigits: fractionDigits, to: out)
        guard length > 0 else { return 0 }
        for index in 0..<length where out[index] == UInt8(ascii: ".") { return length }
        out[length] = UInt8(ascii: ".")
        out[length + 1] = UInt8(ascii: "0")
        return length + 2
    }

    /// Writes `number` (below 10^count) as exactly `count` digits, with leading zeros; may scribble on the next
    /// eight bytes.
    @inlinable @inline(__always)
    static func writeFraction(_ number: UInt64, digits count: Int, to out: UnsafeMutablePointer<UInt8>) {
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
    @inlinable @inline(__always)
    static func eightDigits(_ number: UInt64) -> UInt64 {
        var lanes = (number / 10_000) | (number % 10_000) << 32
        let hundreds = ((lanes &* 10_486) >> 20) & 0x0000_007F_0000_007F
        lanes = (lanes &- hundreds &* 100) << 16 | hundreds
        let tens = ((lanes &* 103) >> 10) & 0x000F_000F_000F_000F
        return (lanes &- tens &* 10) << 8 | tens
    }

    @usableFromInline
    static func writeDigitsSlowly(_ number: UInt64, to out: UnsafeMutablePointer<UInt8>) -> Int {
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

    @usableFromInline
    static func libraryWrite(_ value: Double, fractionDigits: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let written = withVaList([Int32(fractionDigits), value]) { arguments in
            out.withMemoryRebound(to: CChar.self, capacity: maxLength) { characters in
                vsnprintf(characters, maxLength, "%.*f", arguments)
            }
        }
        return Int(min(max(written, 0), Int32(maxLength - 1)))
    }
}
