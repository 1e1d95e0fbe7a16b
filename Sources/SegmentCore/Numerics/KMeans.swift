/// k-means clustering that follows scikit-learn's `KMeans` (k-means++ seeding, Lloyd iterations, best of
/// several seeded runs) and is deterministic: the same data and options give a bit-identical result on any
/// number of threads.
package enum KMeans {
    /// Clusters the rows of `x` into `options.k` clusters.
    ///
    /// Runs `options.nInit` times, each seeded by greedy k-means++ on all rows (`2 + ⌊ln k⌋` candidates per
    /// centre, keeping the one that minimises the potential) from a seed derived from `options.seed`. Each
    /// run iterates until no label changes, the summed squared centroid shift falls to `options.tolerance` ×
    /// the mean column variance, or `options.maxIterations` is reached, and ends with a final assignment so
    /// labels match centroids. On large inputs a run first converges on a sample (see
    /// ``KMeansOptions/warmStartRows``). The run with the lowest inertia wins; as in scikit-learn, a later run
    /// that only finds the same clustering does not replace an earlier one.
    ///
    /// - Throws: ``NumericError`` when `x` is empty, holds NaN or infinity, or an option is out of range.
    package static func fit(_ x: Matrix, options: KMeansOptions) throws(NumericError) -> KMeansResult {
        let operation = "k-means"
        guard x.columns > 0 else { throw .noColumns(operation) }
        guard x.rows > 0 else { throw .tooFewRows(operation, found: 0, needed: 1) }
        try options.validate(rows: x.rows)
        let means = try ColumnStatistics.means(of: x, operation: operation)
        let variances = ColumnStatistics.variances(of: x, means: means)
        return KMeansRestarts(data: x, means: means, variances: variances, options: options).best()
    }

    /// Labels of the rows of `x` (nearest centroid, lowest index on ties) and the inertia, computed in parallel.
    ///
    /// - Precondition: `centroids` has at least one row and as many columns as `x`.
    package static func assign(_ x: Matrix, centroids: Matrix) -> (labels: [Int32], inertia: Double) {
        precondition(centroids.rows > 0 && centroids.columns == x.columns, "Centroids must match the data's columns")
        guard x.rows > 0 else { return ([], 0) }
        var labels = [Int32](repeating: 0, count: x.rows)
        let inertia = x.withUnsafeBufferPointer { data in
            centroids.withUnsafeBufferPointer { centers in
                labels.withUnsafeMutableBufferPointer { labels in
                    NearestCentroid.assign(
                        data: data.baseAddress!, rows: x.rows, dimensions: x.columns,
                        centers: centers.baseAddress!, count: centroids.rows, labels: labels.baseAddress!
                    )
                }
            }
        }
        return (labels, inertia)
    }
}
