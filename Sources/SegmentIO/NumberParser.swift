#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Correctly rounded decimal-to-`Double` conversion for record fields.
///
/// Accepts an optional `+`/`-` sign, digits with an optional decimal point (`5`, `5.`, `.5`, `5.25`), and an optional
/// exponent (`e`/`E`, optional sign, at least one digit). Rejects everything else, including surrounding spaces,
/// `nan`, `inf`, hexadecimal, thousands separators and decimal commas. Values that overflow a `Double` are rejected;
/// values that underflow become zero or a subnormal, exactly as `strtod` rounds them.
///
/// Numbers with at most 19 significant digits and a small decimal exponent take an exact fast path
/// (one integer-to-double conversion and one multiplication or division by an exact power of ten);
/// the rest fall back to the C library's `strtod`.
package enum NumberParser {
    /// Parses the whole buffer as one number; `nil` if it is not exactly one valid, finite number.
    package static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let start = base.assumingMemoryBound(to: UInt8.self)
        let end = start + bytes.count
        let scan = scanPrefix(start, end)
        guard scan.status == .ok, scan.next == end else { return nil }
        return scan.value
    }

    /// Parses the whole string as one number; `nil` if it is not exactly one valid, finite number.
    package static func parse(_ text: some StringProtocol) -> Double? {
        var string = String(text)
        return string.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }
}

/// Outcome of scanning the longest number at the start of a byte range.
struct NumberScan {
    enum Status: Equatable {
        /// `value` holds the number spelled by the bytes before `next`.
        case ok
        /// The bytes do not start with a well-formed number.
        case invalid
        /// Well-formed, but too large in magnitude for a `Double`.
        case outOfRange
    }

    var value: Double
    var next: UnsafePointer<UInt8>
    var status: Status
}

extension NumberParser {
    /// Exact powers of ten representable as `Double`.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Powers of ten that fit in a `UInt64` without rounding.
    private static let integerPowersOfTen: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000,
    ]

    /// Scans the longest well-formed number starting at `start`, stopping at the first byte that cannot continue it.
    ///
    /// The caller decides whether the byte at `next` is an acceptable terminator.
    @inline(__always)
    static func scanPrefix(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> NumberScan {
        var p = start
        var negative = false
        if p < end {
            if p.pointee == UInt8(ascii: "-") {
                negative = true
                p += 1
            } else if p.pointee == UInt8(ascii: "+") {
                p += 1
            }
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var sawDigit = false
        var droppedNonZero = false

        while p < end {
            let digit = p.pointee &- 48
            if digit > 9 { break }
            sawDigit = true
            if significantDigits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                if mantissa != 0 { significantDigits += 1 }
            } else {
                exponent += 1
                droppedNonZero = droppedNonZero || digit != 0
            }
            p += 1
        }
        if p < end && p.pointee == UInt8(ascii: ".") {
            p += 1
            while p < end {
                let digit = p.pointee &- 48
                if digit > 9 { break }
                sawDigit = true
                if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    if mantissa != 0 { significantDigits += 1 }
                    exponent -= 1
                } else {
                    droppedNonZero = droppedNonZero || digit != 0
                }
                p += 1
            }
        }
        guard sawDigit else { return NumberScan(value: .nan, next: p, status: .invalid) }

        if p < end && (p.pointee | 0x20) == UInt8(ascii: "e") {
            p += 1
            var exponentNegative = false
            if p < end {
                if p.pointee == UInt8(ascii: "-") {
                    exponentNegative = true
                    p += 1
                } else if p.pointee == UInt8(ascii: "+") {
                    p += 1
                }
            }
            var written = 0
            var sawExponentDigit = false
            while p < end {
                let digit = p.pointee &- 48
                if digit > 9 { break }
                sawExponentDigit = true
                if written < 1_000_000 { written = written * 10 + Int(digit) }
                p += 1
            }
            guard sawExponentDigit else { return NumberScan(value: .nan, next: p, status: .invalid) }
            exponent += exponentNegative ? -written : written
        }

        if mantissa == 0 {
            return NumberScan(value: negative ? -0.0 : 0.0, next: p, status: .ok)
        }
        if !droppedNonZero, let exact = exactValue(mantissa: mantissa, exponent: exponent) {
            return NumberScan(value: negative ? -exact : exact, next: p, status: .ok)
        }
        let value = libraryValue(start, p)
        return NumberScan(value: value, next: p, status: value.isFinite ? .ok : .outOfRange)
    }

    /// The value of a whole field: NaN (missing) when empty, otherwise the number it spells, if it is exactly one.
    static func fieldValue(_ text: UnsafeRawBufferPointer) -> (value: Double, status: NumberScan.Status) {
        guard let start = text.baseAddress?.assumingMemoryBound(to: UInt8.self), !text.isEmpty else {
            return (.nan, .ok)
        }
        let scan = scanPrefix(start, start + text.count)
        guard scan.next == start + text.count else { return (.nan, .invalid) }
        return (scan.value, scan.status)
    }

    /// Clinger's fast path: exact when both the mantissa and the power of ten are exact doubles.
    @inline(__always)
    private static func exactValue(mantissa: UInt64, exponent: Int) -> Double? {
        guard mantissa <= 1 << 53 else { return nil }
        if exponent >= 0 {
            if exponent <= 22 {
                return Double(Int64(bitPattern: mantissa)) * powersOfTen[exponent]
            }
            let shift = exponent - 22
            guard shift < integerPowersOfTen.count else { return nil }
            let (scaled, overflow) = mantissa.multipliedReportingOverflow(by: integerPowersOfTen[shift])
            guard !overflow, scaled <= 1 << 53 else { return nil }
            return Double(Int64(bitPattern: scaled)) * 1e22
        }
        guard exponent >= -22 else { return nil }
        return Double(Int64(bitPattern: mantissa)) / powersOfTen[-exponent]
    }

    /// Converts an already validated number with the C library, which rounds correctly for any length.
    private static func libraryValue(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double {
        let count = end - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
            guard let base = buffer.baseAddress else { return .nan }
            UnsafeMutableRawPointer(base).copyMemory(from: start, byteCount: count)
            base[count] = 0
            return strtod(base, nil)
        }
    }
}
