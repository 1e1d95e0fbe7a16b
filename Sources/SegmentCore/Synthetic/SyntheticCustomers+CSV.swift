extension SyntheticCustomers {
    /// How many decimals the written numbers carry (`segmentd generate --precision`).
    package enum CSVPrecision: String, Sendable, CaseIterable {
        /// Each column's own decimals (`decimalPlaces`) with trailing zeros dropped, like CC_GENERAL (the default).
        case trimmed
        /// Six decimals on every number, trailing zeros kept (`12.000000`, `0.083333`), as a database export or
        /// pandas' `to_csv(float_format="%.6f")` writes them: the same values in about 75% more bytes.
        case full
    }

    /// Decimals of every number in a `.full` precision file.
    package static let fullPrecisionPlaces = 6

    /// Decimal places of each numeric column when written: amounts and frequencies 6 (purchase amounts 2, as
    /// they are whole cents), counts, limits and tenure 0. Trailing zeros are dropped, as in the real file.
    package static let decimalPlaces: [Int] = [6, 6, 2, 2, 2, 6, 6, 6, 6, 6, 0, 0, 0, 6, 6, 6, 0]

    /// `columns` joined by commas, without a line break.
    package static var csvHeader: String { columns.joined(separator: ",") }

    /// Longest possible line: id, then 17 fields of sign, 20 integer digits, point and 6 decimals, then `\n`.
    private static let maximumLineLength = 21 + numericColumnCount * 29 + 1

    /// Appends row `row` as one CSV line (id, 17 values, `\n`) in UTF-8, without intermediate strings.
    /// Blanks are written as empty fields.
    package func appendCSVLine(ofRow row: Int, precision: CSVPrecision = .trimmed, to line: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.numericColumnCount) { values in
            _ = generate(row: row, into: values)
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maximumLineLength) { bytes in
                guard let start = bytes.baseAddress else { return }
                var cursor = start
                cursor.initialize(to: UInt8(ascii: "S"))
                cursor += 1
                cursor = Self.writeDigits(of: UInt64(row + 1), minimumLength: 7, at: cursor)
                cursor = Self.writeFields(UnsafeBufferPointer(values), precision: precision, at: cursor)
                cursor.initialize(to: UInt8(ascii: "\n"))
                cursor += 1
                line.append(contentsOf: UnsafeBufferPointer(start: start, count: cursor - start))
            }
        }
    }

    /// Appends `,value` for each of the 17 values, using `decimalPlaces` (or six decimals at `.full` precision);
    /// NaN becomes an empty field.
    package static func appendCSVFields(
        _ values: UnsafeBufferPointer<Double>, precision: CSVPrecision = .trimmed, to line: inout [UInt8]
    ) {
        precondition(values.count >= numericColumnCount, "values must hold 17 numbers")
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumLineLength) { bytes in
            guard let start = bytes.baseAddress else { return }
            let end = writeFields(values, precision: precision, at: start)
            line.append(contentsOf: UnsafeBufferPointer(start: start, count: end - start))
        }
    }

    /// Writes `,value` for each of the 17 values at `cursor`; returns the position after the last byte.
    private static func writeFields(
        _ values: UnsafeBufferPointer<Double>, precision: CSVPrecision, at start: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        var cursor = start
        let full = precision == .full
        decimalPlaces.withUnsafeBufferPointer { places in
            for column in 0..<numericColumnCount {
                cursor.initialize(to: UInt8(ascii: ","))
                cursor = writeDecimal(
                    values[column], places: full ? fullPrecisionPlaces : places[column], keepZeros: full,
                    at: cursor + 1)
            }
        }
        return cursor
    }

    /// Writes `value` rounded to `places` decimals, with trailing zeros dropped (`95.4`, `0`, `0.083333`) unless
    /// `keepZeros` (`95.400000`, `0.000000`); nothing for NaN, infinities and magnitudes beyond 2^63.
    private static func writeDecimal(
        _ value: Double, places: Int, keepZeros: Bool, at start: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        guard value.isFinite else { return start }
        let scaled = roundToInteger(Swift.abs(value) * decimalScales[places])
        guard scaled < 0x1p63 else { return start }
        let units = UInt64(scaled)
        var cursor = start
        if value < 0 && units > 0 {
            cursor.initialize(to: UInt8(ascii: "-"))
            cursor += 1
        }
        guard places > 0 else { return writeDigits(of: units, at: cursor) }
        // All digits with at least one before the point, the point after `places` digits from the right.
        let digits = max(digitCount(of: units), places + 1)
        let end = cursor + digits + 1
        var remaining = units
        var position = end
        for _ in 0..<places {
            position -= 1
            position.initialize(to: UInt8(ascii: "0") + UInt8(remaining % 10))
            remaining /= 10
        }
        position -= 1
        position.initialize(to: UInt8(ascii: "."))
        _ = writeDigits(of: remaining, minimumLength: digits - places, at: cursor)
        if keepZeros { return end }
        // Drop trailing zeros of the fraction, and the point if nothing is left after it.
        var last = end - 1
        while last.pointee == UInt8(ascii: "0") { last -= 1 }
        return last.pointee == UInt8(ascii: ".") ? last : last + 1
    }

    /// Number of decimal digits of `number` (1 for 0).
    private static func digitCount(of number: UInt64) -> Int {
        var count = 1
        var bound: UInt64 = 10
        while count < 20 && number >= bound {
            count += 1
            bound = bound &* 10
        }
        return count
    }

    /// Writes the decimal digits of `number` at `start`, zero-padded to `minimumLength`; returns the position
    /// after the last digit.
    private static func writeDigits(
        of number: UInt64, minimumLength: Int = 1, at start: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        let length = max(digitCount(of: number), minimumLength)
        var remaining = number
        var position = start + length
        while position > start {
            position -= 1
            position.initialize(to: UInt8(ascii: "0") + UInt8(remaining % 10))
            remaining /= 10
        }
        return start + length
    }
}
