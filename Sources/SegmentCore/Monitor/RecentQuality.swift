/// The quality rule's measure: the silhouette of a sample of recent rows as the model assigns them, in the model's
/// PCA space, where training measured the silhouette the model stores. A model that still fits its data separates
/// recent rows about as well as it separated the training rows; a falling ratio means the clusters blur.
package enum RecentQuality {
    /// The most rows scored: the silhouette costs the square of the rows, and 4,000 take well under a second.
    package static let maximumRows = 4_000

    /// The mean silhouette of `rows` (raw input rows, one value per input column of `scorer`) under `scorer`'s
    /// assignment; a seeded sample of ``maximumRows`` when there are more. Nil when it is undefined (fewer than two
    /// rows or segments among them) or a row has the wrong width.
    package static func silhouette(of rows: [[Double]], scorer: SegmentScorer, seed: UInt64 = 0) -> Double? {
        guard rows.count >= 2, rows.allSatisfy({ $0.count == scorer.inputColumns.count }) else { return nil }
        let chosen =
            rows.count > maximumRows
            ? Silhouette.sampleIndices(count: rows.count, sampleSize: maximumRows, seed: seed) : Array(rows.indices)
        var values: [Double] = []
        var labels: [Int32] = []
        var width = 0
        for index in chosen {
            let (point, assignment) = scorer.projection(of: rows[index])
            width = point.count
            values += point
            labels.append(Int32(assignment.segment))
        }
        let k = scorer.segmentNames.count
        guard width > 0, k >= 2, labels.allSatisfy({ $0 >= 0 && Int($0) < k }) else { return nil }
        let score = Silhouette.scores(
            Matrix(rows: labels.count, columns: width, values: values), labelings: [labels], clusterCounts: [k])[0]
        return score.isNaN ? nil : score
    }
}
