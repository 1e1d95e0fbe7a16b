extension PrincipalComponents {
    /// Projects every row of `x` onto the kept components: `(x − mean) · componentsᵀ`, in parallel.
    ///
    /// - Precondition: `x.columns == featureCount`.
    package func project(_ x: Matrix) -> Matrix {
        precondition(x.columns == featureCount, "PCA expects \(featureCount) columns, got \(x.columns)")
        let p = featureCount
        let kept = keptCount
        var projected = [Double](repeating: 0, count: x.rows * kept)
        x.withUnsafeBufferPointer { data in
            projected.withUnsafeMutableBufferPointer { output in
                ParallelBlocks(count: x.rows).forEach { _, rows in
                    for row in rows {
                        project(
                            row: UnsafeBufferPointer(start: data.baseAddress! + row * p, count: p),
                            into: UnsafeMutableBufferPointer(start: output.baseAddress! + row * kept, count: kept)
                        )
                    }
                }
            }
        }
        return Matrix(rows: x.rows, columns: kept, values: projected)
    }

    /// Projects one row onto the kept components without allocating; for scoring hot loops.
    ///
    /// - Parameters:
    ///   - row: `featureCount` input values.
    ///   - output: receives `keptCount` coordinates in its first elements.
    package func project(row: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        precondition(row.count == featureCount && output.count >= keptCount)
        let p = featureCount
        mean.withUnsafeBufferPointer { mean in
            components.withUnsafeBufferPointer { loadings in
                for component in 0..<keptCount {
                    let weights = loadings.baseAddress! + component * p
                    var sum = 0.0
                    for feature in 0..<p {
                        sum += (row[feature] - mean[feature]) * weights[feature]
                    }
                    output[component] = sum
                }
            }
        }
    }
}
