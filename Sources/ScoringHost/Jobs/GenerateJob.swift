package import SegmentCore
import SegmentIO
import SegmentSupport

/// Writes synthetic credit-card customers to a CSV file: `segmentd generate`.
package enum GenerateJob {
    /// - Parameters:
    ///   - shifts: `COLUMN=FACTOR` texts (`--shift`): each multiplies a numeric column in every row.
    ///   - precision: the decimals written (`--precision`): each column's own, or six on every number.
    package static func run(
        rows: Int, seed: UInt64, output: String, shifts: [String] = [],
        precision: SyntheticCustomers.CSVPrecision = .trimmed,
        progress: (@Sendable (Double) -> Void)? = nil
    ) throws {
        guard rows >= 0 else { throw JobError.invalidArgument("--rows must be zero or more, got \(rows).") }
        let parsed = try shifts.map(columnShift)
        let factors = parsed.isEmpty ? nil : SyntheticCustomers.ColumnShift.factors(parsed)
        let customers = SyntheticCustomers(seed: seed)
        let file = try OutputFile(path: output)
        let flushBytes = 1 << 20
        var buffer: [UInt8] = Array((SyntheticCustomers.csvHeader + "\n").utf8)
        buffer.reserveCapacity(flushBytes + 4096)
        let step = max(1, rows / 100)
        for row in 0..<rows {
            if let factors {
                customers.appendCSVLine(ofRow: row, scaledBy: factors, precision: precision, to: &buffer)
            } else {
                customers.appendCSVLine(ofRow: row, precision: precision, to: &buffer)
            }
            if buffer.count >= flushBytes {
                try file.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
            if row % step == 0 { progress?(Double(row) / Double(rows)) }
        }
        try file.write(buffer)
    }

    /// Parses one `--shift COLUMN=FACTOR`: a numeric column of the generated file (letter case ignored) and a
    /// finite factor of at least 0.
    package static func columnShift(_ text: String) throws -> SyntheticCustomers.ColumnShift {
        let numeric = Array(SyntheticCustomers.columns.dropFirst())
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let factor = Double(parts[1]), factor.isFinite, factor >= 0 else {
            throw JobError.invalidArgument(
                "--shift \(text): write COLUMN=FACTOR with a number FACTOR of 0 or more, e.g. --shift PURCHASES=3.")
        }
        let name = String(parts[0])
        guard let column = numeric.firstIndex(where: { $0.uppercased() == name.uppercased() }) else {
            let hint =
                NameSuggestion.closest(to: name.uppercased(), among: numeric).map { " Did you mean \($0)?" } ?? ""
            throw JobError.invalidArgument(
                "--shift \(text): \(name) is not a numeric column of the generated file.\(hint) The columns are "
                    + numeric.joined(separator: ", ") + ".")
        }
        return SyntheticCustomers.ColumnShift(column: column, factor: factor)
    }
}
