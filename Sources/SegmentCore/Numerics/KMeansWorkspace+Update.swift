extension KMeansWorkspace {
    /// Centroid update: the mean of every cluster's rows, after re-seeding empty clusters.
    ///
    /// An empty cluster takes the row farthest from its current centroid (`centers`, the centroids the
    /// labels were assigned to), as scikit-learn does; the row's contribution moves from its cluster's sum
    /// to the empty cluster's for this update, while its label stays until the next assignment step. Rows
    /// are taken farthest first (lowest index on ties), skipping rows whose cluster they alone hold, so
    /// re-seeding never empties another cluster. A cluster that stays empty (fewer distinct rows than k)
    /// keeps its centroid.
    func updatedCenters(from centers: [Double]) -> [Double] {
        var sums = clusterSums
        var counts = clusterCounts
        if counts.contains(0) {
            reseedEmptyClusters(sums: &sums, counts: &counts, centers: centers)
        }
        var updated = centers
        for cluster in 0..<k where counts[cluster] > 0 {
            for feature in 0..<d {
                updated[cluster * d + feature] = fixedPoint.mean(sums[cluster * d + feature], count: counts[cluster])
            }
        }
        return updated
    }

    private func reseedEmptyClusters(sums: inout [Int128], counts: inout [Int], centers: [Double]) {
        var distances = [Double](repeating: 0, count: n)
        centers.withUnsafeBufferPointer { centers in
            distances.withUnsafeMutableBufferPointer { distances in
                blocks.forEach { _, rows in
                    for row in rows {
                        distances[row] = squaredDistance(
                            data + row * d, centers.baseAddress! + Int(labels[row]) * d, dimensions: d
                        )
                    }
                }
            }
        }
        for empty in 0..<k where counts[empty] == 0 {
            var farthest: Int?
            for row in 0..<n where distances[row] >= 0 && counts[Int(labels[row])] > 1 {
                if let best = farthest, distances[row] <= distances[best] { continue }
                farthest = row
            }
            guard let row = farthest else { return }
            let source = Int(labels[row])
            for feature in 0..<d {
                let fixed = Int128(fixedPoint.fixed(data[row * d + feature]))
                sums[source * d + feature] -= fixed
                sums[empty * d + feature] = fixed
            }
            counts[source] -= 1
            counts[empty] = 1
            distances[row] = -1
        }
    }
}
