/// Keeps segment ids stable across retraining by matching new centroids to old ones.
package enum CentroidMatcher {
    /// The old id each new cluster should take.
    ///
    /// New and old centroids are paired one to one so that the total Euclidean distance is minimal
    /// (Hungarian algorithm). When there are more new clusters than old ones, the unpaired new clusters take the
    /// ids after the old ones (`oldCentroids.count`, then the next), largest cluster first when `newSizes` is given,
    /// otherwise in index order. When there are fewer, every new cluster takes an old id and the ids of the
    /// old clusters that found no partner stay unused, so the returned ids need not be `0..<newCentroids.count`.
    ///
    /// - Parameters:
    ///   - newCentroids: centroids of the retrained model, all in the same space as `oldCentroids`.
    ///   - oldCentroids: centroids of the previous model, indexed by their segment id.
    ///   - newSizes: optional row count of each new cluster, used to order the unpaired ones.
    /// - Returns: for each new cluster index, the id it should take.
    /// - Precondition: every centroid has the same dimension; `newSizes`, when given, has one entry per new centroid.
    package static func permutation(
        newCentroids: [[Double]], oldCentroids: [[Double]], newSizes: [Int]? = nil
    ) -> [Int] {
        let dimension = newCentroids.first?.count ?? oldCentroids.first?.count ?? 0
        precondition(
            (newCentroids + oldCentroids).allSatisfy { $0.count == dimension },
            "all centroids must have the same dimension (\(dimension))")
        precondition(
            newSizes.map { $0.count == newCentroids.count } ?? true, "newSizes needs one entry per new centroid")
        var distances = [Double]()
        distances.reserveCapacity(newCentroids.count * oldCentroids.count)
        for new in newCentroids {
            for old in oldCentroids {
                distances.append(euclideanDistance(new, old))
            }
        }
        var ids = Hungarian.minimumCostAssignment(
            cost: distances, rows: newCentroids.count, columns: oldCentroids.count)
        let unpaired = ids.indices.filter { ids[$0] < 0 }.sorted { left, right in
            let leftSize = newSizes?[left] ?? 0
            let rightSize = newSizes?[right] ?? 0
            return leftSize != rightSize ? leftSize > rightSize : left < right
        }
        let taken = Set(ids)
        var candidate = 0
        for cluster in unpaired {
            while taken.contains(candidate) { candidate += 1 }
            ids[cluster] = candidate
            candidate += 1
        }
        return ids
    }

    private static func euclideanDistance(_ left: [Double], _ right: [Double]) -> Double {
        var sum = 0.0
        for index in left.indices {
            let difference = left[index] - right[index]
            sum += difference * difference
        }
        return sum.squareRoot()
    }
}
