import SegmentCore
import SegmentIO

/// Writes synthetic credit-card customers to a CSV file: `segmentd generate`.
package enum GenerateJob {
    package static func run(rows: Int, seed: UInt64, output: String, progress: (@Sendable (Double) -> Void)? = nil)
        throws
    {
        guard rows >= 0 else { throw JobError.invalidArgument("--rows must be zero or more, got \(rows).") }
        let customers = SyntheticCustomers(seed: seed)
        let file = try OutputFile(path: output)
        let flushBytes = 1 << 20
        var buffer: [UInt8] = Array((SyntheticCustomers.csvHeader + "\n").utf8)
        buffer.reserveCapacity(flushBytes + 4096)
        let step = max(1, rows / 100)
        for row in 0..<rows {
            customers.appendCSVLine(ofRow: row, to: &buffer)
            if buffer.count >= flushBytes {
                try file.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
            if row % step == 0 { progress?(Double(row) / Double(rows)) }
        }
        try file.write(buffer)
    }
}
