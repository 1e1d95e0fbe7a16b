/// Exact mean silhouette coefficients (Euclidean), for several labelings of the same points at once.
package enum Silhouette {
    /// The mean silhouette of every labeling of the rows of `x`, as scikit-learn's `silhouette_score`
    /// computes it.
    ///
    /// For a point in cluster A, a is its mean distance to the other points of A and b the smallest mean
    /// distance to the points of another non-empty cluster; its silhouette is (b − a) / max(a, b), and 0 when
    /// it is alone in A or when a and b are both 0. Every pairwise distance is computed once, in parallel
    /// blocks, and added to per-cluster sums of all labelings; the result is the same on any number of
    /// threads. Time grows with the square of the row count, memory with rows × joint clusters (points that
    /// share a label in every labeling; a few hundred for k = 2…10): score a sample
    /// (``sampleIndices(count:sampleSize:seed:)``) of large inputs.
    ///
    /// - Parameters:
    ///   - labelings: one label per row of `x` in each; labels of labeling `i` lie in `0..<clusterCounts[i]`.
    ///   - clusterCounts: the number of clusters of every labeling.
    /// - Returns: one score in [−1, 1] per labeling, or NaN for a labeling whose silhouette is undefined
    ///   (fewer than 2 or more than `x.rows − 1` non-empty clusters).
    package static func scores(_ x: Matrix, labelings: [[Int32]], clusterCounts: [Int]) -> [Double] {
        precondition(labelings.count == clusterCounts.count, "One cluster count per labeling is needed")
        precondition(x.columns > 0, "Silhouettes need at least one feature")
        for (labels, count) in zip(labelings, clusterCounts) {
            precondition(labels.count == x.rows, "A labeling has \(labels.count) labels for \(x.rows) rows")
            precondition(labels.allSatisfy { $0 >= 0 && Int($0) < count }, "Labels must lie in 0..<\(count)")
        }
        let sizes = zip(labelings, clusterCounts).map { labels, count in
            labels.reduce(into: [Int](repeating: 0, count: count)) { $0[Int($1)] += 1 }
        }
        let defined = sizes.map { sizes in
            let nonEmpty = sizes.count { $0 > 0 }
            return nonEmpty >= 2 && nonEmpty <= x.rows - 1
        }
        guard defined.contains(true) else { return [Double](repeating: .nan, count: labelings.count) }
        let cells = SilhouetteCells(labelings: labelings, pointCount: x.rows)
        let distanceSums = SilhouetteDistanceSums(points: x, cells: cells)
        let means = SilhouettePointScores(cells: cells, distanceSums: distanceSums, labelings: labelings, sizes: sizes)
            .meanScores()
        return zip(means, defined).map { $1 ? $0 : .nan }
    }

    /// Every row's silhouette coefficient under one labeling, as scikit-learn's `silhouette_samples` computes it
    /// (the values ``scores(_:labelings:clusterCounts:)`` averages); empty when the silhouette is undefined (fewer
    /// than 2 or more than `x.rows - 1` non-empty clusters). Quadratic in the row count: pass a sample.
    package static func pointScores(_ x: Matrix, labels: [Int32], clusterCount: Int) -> [Double] {
        precondition(labels.count == x.rows, "A labeling has \(labels.count) labels for \(x.rows) rows")
        precondition(labels.allSatisfy { $0 >= 0 && Int($0) < clusterCount }, "Labels must lie in 0..<\(clusterCount)")
        let sizes = labels.reduce(into: [Int](repeating: 0, count: clusterCount)) { $0[Int($1)] += 1 }
        let nonEmpty = sizes.count { $0 > 0 }
        guard x.columns > 0, nonEmpty >= 2, nonEmpty <= x.rows - 1 else { return [] }
        let cells = SilhouetteCells(labelings: [labels], pointCount: x.rows)
        let distanceSums = SilhouetteDistanceSums(points: x, cells: cells)
        return SilhouettePointScores(cells: cells, distanceSums: distanceSums, labelings: [labels], sizes: [sizes])
            .pointScores(labeling: 0)
    }

    /// `sampleSize` distinct row indices from `0..<count`, ascending, drawn uniformly with a generator seeded
    /// by `seed` (all of `0..<count` when `sampleSize >= count`), for scoring a sample of a large input.
    package static func sampleIndices(count n: Int, sampleSize: Int, seed: UInt64) -> [Int] {
        RowSampling.indices(count: n, sampleSize: sampleSize, seed: seed)
    }
}
