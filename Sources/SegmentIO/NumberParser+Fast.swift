extension NumberParser {
    /// Exact powers of ten as integers, for joining the whole and fraction digits.
    private static let integerScales: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000]
    /// Exact powers of ten as doubles, for placing the decimal point.
    private static let doubleScales: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7]

    /// Parses the plain decimals that fill most files (`[sign] digits [. digits]`, each run shorter than eight
    /// digits, no exponent) reading eight bytes at a time; `nil` means "use `scanPrefix`", not "invalid".
    ///
    /// Reads up to 16 bytes past the number's last byte: the caller's buffer must allow that.
    @inline(__always)
    static func scanPlainDecimal(_ start: UnsafePointer<UInt8>) -> (value: Double, next: UnsafePointer<UInt8>)? {
        guard let parts = scanPlainDecimalParts(start) else { return nil }
        return (parts.numerator / parts.divisor, parts.next)
    }

    /// `scanPlainDecimal` without its final step: the value is `numerator / divisor`, both exact doubles, so that
    /// one correctly rounded division (which callers may do two at a time) gives the correctly rounded number.
    @inline(__always)
    static func scanPlainDecimalParts(_ start: UnsafePointer<UInt8>)
        -> (numerator: Double, divisor: Double, next: UnsafePointer<UInt8>)?
    {
        var p = start
        let negative = p[0] == UInt8(ascii: "-")
        if negative || p[0] == UInt8(ascii: "+") { p += 1 }
        let whole = digitRun(p)
        guard whole.count < 8 else { return nil }
        p += whole.count
        var mantissa = whole.value
        var fractionDigits = 0
        if p[0] == UInt8(ascii: ".") {
            let fraction = digitRun(p + 1)
            guard fraction.count < 8, whole.count + fraction.count > 0 else { return nil }
            mantissa = whole.value &* integerScales[fraction.count] &+ fraction.value
            fractionDigits = fraction.count
            p += 1 + fraction.count
        } else if whole.count == 0 {
            return nil
        }
        guard p[0] | 0x20 != UInt8(ascii: "e") else { return nil }
        // At most 14 digits: the mantissa converts exactly.
        let magnitude = Double(Int64(bitPattern: mantissa))
        return (negative ? -magnitude : magnitude, doubleScales[fractionDigits], p)
    }

    /// The JSON number at `base[start]` when it is a plain one (`[-] digits [. digits]`, no leading zero, each run
    /// shorter than eight digits, not zero) ending before `end` at a delimiter (space, tab, CR, `,`, `}`, `]`), and
    /// the offset after it; nil for anything else, which the careful path then decides. The value is the one
    /// `fieldValue` gives (both divide the exact digits by an exact power of ten once).
    ///
    /// Reads up to 16 bytes past the number's last byte: the caller's buffer must allow that.
    @inline(__always)
    static func plainJSONNumber(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (value: Double, next: Int)? {
        let first = base[start]
        guard first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else {
            return nil
        }
        let digits = first == UInt8(ascii: "-") ? start + 1 : start
        guard let parts = scanPlainDecimalParts(base + start), parts.numerator != 0 else { return nil }
        let next = parts.next - base
        guard next <= end, base[digits] >= UInt8(ascii: "0"), base[digits] <= UInt8(ascii: "9") else { return nil }
        // JSON has no leading zero ("01"), no "5." and no ".5".
        if base[digits] == UInt8(ascii: "0") && digits + 1 < next && base[digits + 1] != UInt8(ascii: ".") {
            return nil
        }
        if base[next - 1] == UInt8(ascii: ".") { return nil }
        if next < end {
            switch base[next] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: ","), UInt8(ascii: "}"),
                UInt8(ascii: "]"):
                break
            default: return nil
            }
        }
        return (parts.numerator / parts.divisor, next)
    }

    /// The value and length of the run of ASCII digits at `p`, looking at eight bytes at once (count 8 = maybe more).
    @inline(__always)
    private static func digitRun(_ p: UnsafePointer<UInt8>) -> (value: UInt64, count: Int) {
        let word = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self).littleEndian
        // Byte minus "0" is 0...9 exactly for digits. A byte above "9" sets the high bit once 0x76 is added; one
        // below "0" (or above 0xAF) already has it. Borrows and carries only reach bytes after the first non-digit.
        let offsets = word &- 0x3030_3030_3030_3030
        let flags = (offsets | (offsets &+ 0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080
        let count = flags == 0 ? 8 : flags.trailingZeroBitCount >> 3
        guard count > 0 else { return (0, 0) }
        var digits = offsets << UInt64((8 - count) << 3)
        digits = ((digits & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
        digits = ((digits & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        digits = ((digits & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
        return (digits, count)
    }
}
