/// Column means and variances of a matrix, summed in fixed row blocks so results never depend on
/// thread scheduling.
enum ColumnStatistics {
    /// Mean of every column; throws if a value is NaN or infinite, or if the sums overflow.
    static func means(of x: Matrix, operation: String) throws(NumericError) -> [Double] {
        let d = x.columns
        let blocks = ParallelBlocks(count: x.rows)
        var partials = [Double](repeating: 0, count: blocks.blockCount * d)
        x.withUnsafeBufferPointer { data in
            partials.withUnsafeMutableBufferPointer { partials in
                blocks.forEach { block, rows in
                    let sums = partials.baseAddress! + block * d
                    for row in rows {
                        let values = data.baseAddress! + row * d
                        for column in 0..<d {
                            sums[column] += values[column]
                        }
                    }
                }
            }
        }
        var means = [Double](repeating: 0, count: d)
        for block in 0..<blocks.blockCount {
            for column in 0..<d {
                means[column] += partials[block * d + column]
            }
        }
        if means.contains(where: { !$0.isFinite }) {
            throw firstNonFiniteError(in: x, operation: operation)
        }
        let count = Double(x.rows)
        return means.map { $0 / count }
    }

    /// Population variance (divided by n) of every column around `means`.
    static func variances(of x: Matrix, means: [Double]) -> [Double] {
        let d = x.columns
        precondition(means.count == d)
        let blocks = ParallelBlocks(count: x.rows)
        var partials = [Double](repeating: 0, count: blocks.blockCount * d)
        x.withUnsafeBufferPointer { data in
            means.withUnsafeBufferPointer { means in
                partials.withUnsafeMutableBufferPointer { partials in
                    blocks.forEach { block, rows in
                        let sums = partials.baseAddress! + block * d
                        for row in rows {
                            let values = data.baseAddress! + row * d
                            for column in 0..<d {
                                let centered = values[column] - means[column]
                                sums[column] += centered * centered
                            }
                        }
                    }
                }
            }
        }
        var variances = [Double](repeating: 0, count: d)
        for block in 0..<blocks.blockCount {
            for column in 0..<d {
                variances[column] += partials[block * d + column]
            }
        }
        let count = Double(x.rows)
        return variances.map { $0 / count }
    }

    /// The error for the first NaN or infinity in row-major order, or an overflow error when all
    /// values are finite but too large to sum.
    private static func firstNonFiniteError(in x: Matrix, operation: String) -> NumericError {
        let index = x.values.firstIndex { !$0.isFinite }
        guard let index else { return .valueTooLarge(operation) }
        return .nonFinite(operation, value: x.values[index], row: index / x.columns, column: index % x.columns)
    }
}
