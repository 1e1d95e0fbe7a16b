import Dispatch

/// Standard scaling of the leading (numeric) feature columns: (x − mean) / scale, with the population standard
/// deviation as scale, as scikit-learn's `StandardScaler`. Trailing columns (one-hot) are left as they are.
package struct StandardScaler: Sendable, Equatable, Codable {
    /// Mean of each scaled column.
    package var mean: [Double]
    /// Population standard deviation of each scaled column; 1 for a constant column, which therefore scales to 0.
    package var scale: [Double]

    /// Creates a scaler from known means and scales (one per scaled column).
    package init(mean: [Double], scale: [Double]) {
        precondition(mean.count == scale.count, "one scale per mean")
        self.mean = mean
        self.scale = scale
    }

    /// Number of leading columns this scaler scales.
    package var scaledColumns: Int { mean.count }

    /// Fits means and scales of the first `scaledColumns` columns of a row-major matrix.
    ///
    /// Sums run over fixed blocks of rows in parallel and are combined in block order, so the result is the same
    /// bit for bit on every run. The variance uses scikit-learn's two-pass formula with its correction term.
    package static func fit(features: [Double], rowCount: Int, columns: Int, scaledColumns: Int) -> StandardScaler {
        precondition(scaledColumns >= 0 && scaledColumns <= columns, "scaledColumns must be within columns")
        precondition(rowCount >= 0 && features.count >= rowCount * columns, "features must hold rowCount × columns")
        guard rowCount > 0 else {
            return StandardScaler(
                mean: [Double](repeating: 0, count: scaledColumns), scale: [Double](repeating: 1, count: scaledColumns))
        }
        let count = Double(rowCount)
        let mean = blockSums(features, rowCount: rowCount, columns: columns, width: scaledColumns, center: nil).sums.map
        { $0 / count }
        let (deviations, squares) = blockSums(
            features, rowCount: rowCount, columns: columns, width: scaledColumns, center: mean)
        let epsilon = Double.ulpOfOne
        let scale = (0..<scaledColumns).map { column in
            let variance = (squares[column] - deviations[column] * deviations[column] / count) / count
            let bound = count * epsilon * variance + (count * mean[column] * epsilon) * (count * mean[column] * epsilon)
            return variance <= bound ? 1 : variance.squareRoot()
        }
        return StandardScaler(mean: mean, scale: scale)
    }

    /// Scales one row in place; `row` must hold at least `scaledColumns` values.
    package func transform(row: UnsafeMutableBufferPointer<Double>) {
        precondition(row.count >= mean.count, "row is shorter than the scaled columns")
        mean.withUnsafeBufferPointer { mean in
            scale.withUnsafeBufferPointer { scale in
                for column in mean.indices {
                    row[column] = (row[column] - mean[column]) / scale[column]
                }
            }
        }
    }

    /// Scales every row of a row-major matrix in place, in parallel over fixed blocks of rows.
    package func transform(_ features: inout [Double], rowCount: Int, columns: Int) {
        precondition(
            columns >= mean.count && features.count >= rowCount * columns, "features must hold rowCount × columns")
        features.withUnsafeMutableBufferPointer { matrix in
            guard let base = matrix.baseAddress else { return }
            let shared = FeaturePipeline.SharedAddress(base)
            FeaturePipeline.forEachBlock(rowCount: rowCount) { _, rows in
                for row in rows {
                    transform(row: UnsafeMutableBufferPointer(start: shared.base + row * columns, count: columns))
                }
            }
        }
    }

    /// Sums over the first `width` columns, per fixed block in parallel and then added in block order.
    /// Without `center`: sums of the values. With it: sums of `value − center` and of its square.
    private static func blockSums(
        _ features: [Double], rowCount: Int, columns: Int, width: Int, center: [Double]?
    ) -> (sums: [Double], squares: [Double]) {
        let blocks = (rowCount + FeaturePipeline.rowsPerBlock - 1) / FeaturePipeline.rowsPerBlock
        var partials = [Double](repeating: 0, count: blocks * width * 2)
        features.withUnsafeBufferPointer { matrix in
            partials.withUnsafeMutableBufferPointer { partials in
                guard let matrixBase = matrix.baseAddress, let partialBase = partials.baseAddress else { return }
                let input = FeaturePipeline.SharedAddress(matrixBase)
                let output = FeaturePipeline.SharedAddress(partialBase)
                FeaturePipeline.forEachBlock(rowCount: rowCount) { block, rows in
                    let sums = output.base + block * width * 2
                    let squares = sums + width
                    for row in rows {
                        let values = input.base + row * columns
                        if let center {
                            for column in 0..<width {
                                let deviation = values[column] - center[column]
                                sums[column] += deviation
                                squares[column] += deviation * deviation
                            }
                        } else {
                            for column in 0..<width { sums[column] += values[column] }
                        }
                    }
                }
            }
        }
        var sums = [Double](repeating: 0, count: width)
        var squares = [Double](repeating: 0, count: width)
        for block in 0..<blocks {
            for column in 0..<width {
                sums[column] += partials[block * width * 2 + column]
                squares[column] += partials[block * width * 2 + width + column]
            }
        }
        return (sums, squares)
    }
}
