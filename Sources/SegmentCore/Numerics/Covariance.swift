/// Sample covariance (divided by n − 1) of the columns of a matrix.
enum Covariance {
    /// The p × p covariance matrix of `x` around `means`, row-major and fully symmetric.
    ///
    /// Each fixed block of rows accumulates its own upper triangle of centred cross products; the
    /// blocks are then added in block order, so the result is the same on any number of threads.
    /// - Precondition: `x.rows >= 2` and `means.count == x.columns`.
    static func matrix(of x: Matrix, means: [Double]) -> [Double] {
        let p = x.columns
        precondition(x.rows >= 2 && means.count == p)
        let blocks = ParallelBlocks(count: x.rows)
        var partials = [Double](repeating: 0, count: blocks.blockCount * p * p)
        x.withUnsafeBufferPointer { data in
            means.withUnsafeBufferPointer { means in
                partials.withUnsafeMutableBufferPointer { partials in
                    blocks.forEach { block, rows in
                        accumulate(
                            rows: rows,
                            data: data.baseAddress!,
                            means: means.baseAddress!,
                            columns: p,
                            into: partials.baseAddress! + block * p * p
                        )
                    }
                }
            }
        }
        var covariance = [Double](repeating: 0, count: p * p)
        for block in 0..<blocks.blockCount {
            for i in 0..<p {
                for j in i..<p {
                    covariance[i * p + j] += partials[block * p * p + i * p + j]
                }
            }
        }
        let divisor = Double(x.rows - 1)
        for i in 0..<p {
            for j in i..<p {
                covariance[i * p + j] /= divisor
                covariance[j * p + i] = covariance[i * p + j]
            }
        }
        return covariance
    }

    /// Adds the centred cross products of `rows` to the upper triangle of `sums` (p × p).
    private static func accumulate(
        rows: Range<Int>,
        data: UnsafePointer<Double>,
        means: UnsafePointer<Double>,
        columns p: Int,
        into sums: UnsafeMutablePointer<Double>
    ) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: p) { centered in
            let centered = centered.baseAddress!
            for row in rows {
                let values = data + row * p
                for column in 0..<p {
                    centered[column] = values[column] - means[column]
                }
                for i in 0..<p {
                    let factor = centered[i]
                    let sumsRow = sums + i * p
                    for j in i..<p {
                        sumsRow[j] += factor * centered[j]
                    }
                }
            }
        }
    }
}
