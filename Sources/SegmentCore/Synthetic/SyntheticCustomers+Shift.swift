extension SyntheticCustomers {
    /// One numeric column multiplied by a factor in every generated row (`segmentd generate --shift`): drifted data
    /// for tests and demos. The other columns are left alone, so a shifted PURCHASES no longer equals ONEOFF +
    /// INSTALLMENTS, as drifted real data would not either.
    package struct ColumnShift: Sendable, Equatable {
        /// Index among the 17 numeric columns (`columns` without `CUST_ID`).
        package var column: Int
        package var factor: Double

        package init(column: Int, factor: Double) {
            self.column = column
            self.factor = factor
        }

        /// The 17 per-column factors of a list of shifts (1 where none; two shifts of one column multiply).
        package static func factors(_ shifts: [ColumnShift]) -> [Double] {
            var factors = [Double](repeating: 1, count: numericColumnCount)
            for shift in shifts where factors.indices.contains(shift.column) { factors[shift.column] *= shift.factor }
            return factors
        }
    }

    /// `appendCSVLine(ofRow:to:)` with each value multiplied by its column's factor (17 factors) before writing.
    package func appendCSVLine(
        ofRow row: Int, scaledBy factors: [Double], precision: CSVPrecision = .trimmed, to line: inout [UInt8]
    ) {
        precondition(factors.count == Self.numericColumnCount, "one factor per numeric column")
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.numericColumnCount) { values in
            _ = generate(row: row, into: values)
            for column in 0..<Self.numericColumnCount { values[column] *= factors[column] }
            line.append(contentsOf: id(ofRow: row).utf8)
            Self.appendCSVFields(UnsafeBufferPointer(values), precision: precision, to: &line)
            line.append(UInt8(ascii: "\n"))
        }
    }
}
