import Dispatch

extension SyntheticCustomers {
    /// Rows per parallel block.
    static let rowsPerBlock = 8192

    /// The values of `rows`, row-major (17 per row, NaN for blanks), generated in parallel over fixed blocks.
    /// Identical to calling `values(ofRow:)` row by row.
    package func values(rows: Range<Int>) -> [Double] {
        let width = Self.numericColumnCount
        var result = [Double](repeating: 0, count: rows.count * width)
        result.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let output = FeaturePipeline.SharedAddress(base)
            let blocks = (rows.count + Self.rowsPerBlock - 1) / Self.rowsPerBlock
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                let first = block * Self.rowsPerBlock
                for offset in first..<min(rows.count, first + Self.rowsPerBlock) {
                    _ = generate(
                        row: rows.lowerBound + offset,
                        into: UnsafeMutableBufferPointer(start: output.base + offset * width, count: width))
                }
            }
        }
        return result
    }

    /// The CSV lines of `rows` in UTF-8, one per row with its `\n`, rendered in parallel over fixed blocks.
    /// Identical to calling `appendCSVLine(ofRow:to:)` row by row. Lines take about 160 bytes each, so stream
    /// large data sets in chunks (say 100,000 rows per call).
    package func csvLines(rows: Range<Int>) -> [UInt8] {
        let blocks = (rows.count + Self.rowsPerBlock - 1) / Self.rowsPerBlock
        var pieces = [[UInt8]](repeating: [], count: blocks)
        pieces.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let output = FeaturePipeline.SharedAddress(base)
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                let first = rows.lowerBound + block * Self.rowsPerBlock
                var piece: [UInt8] = []
                piece.reserveCapacity(Self.rowsPerBlock * 160)
                for row in first..<min(rows.upperBound, first + Self.rowsPerBlock) {
                    appendCSVLine(ofRow: row, to: &piece)
                }
                output.base[block] = piece
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { result.append(contentsOf: piece) }
        return result
    }
}
