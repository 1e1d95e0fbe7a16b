import Dispatch

extension DriftReference {
    /// The reference of a model about to be sealed: the feature bins computed from the training rows' profile
    /// values (``featureBins(profile:rowCount:columns:)``), the segment shares and silhouette of `draft`, and the
    /// confidence of the training rows scored by `draft` itself, exactly as scoring computes it.
    /// - Parameters:
    ///   - draft: the trained model with its segments assigned (centroids in segment-id order).
    ///   - raw: `rowCount` rows of the raw input values, NaN for blanks.
    static func training(
        draft: SegmentModel, featureBins: [FeatureBins], raw: [Double], rowCount: Int
    ) throws -> DriftReference {
        let scorer = try SegmentScorer(model: draft)
        var confidenceCounts = [Int](repeating: 0, count: confidenceBounds.count)
        var confidenceSum = 0.0
        for confidence in confidences(scorer: scorer, raw: raw, rowCount: rowCount) {
            confidenceSum += confidence
            confidenceCounts[min(bin(of: confidence, edges: confidenceBounds), confidenceBounds.count - 1)] += 1
        }
        let rows = Double(max(rowCount, 1))
        return DriftReference(
            features: featureBins,
            segmentShares: draft.segments.sorted { $0.id < $1.id }.map(\.share),
            confidence: ConfidenceDistribution(
                mean: confidenceSum / rows, bounds: confidenceBounds,
                proportions: confidenceCounts.map { Double($0) / rows }),
            silhouette: draft.kmeans.silhouette)
    }

    /// The bins of every column: its deciles (linear interpolation between order statistics, numpy's default) with
    /// duplicates collapsed, and the share of the rows in each bin. Columns are independent: they are done in
    /// parallel, each into its own slot, so the result does not depend on scheduling.
    package static func featureBins(profile: [Double], rowCount: Int, columns: [String]) -> [FeatureBins] {
        let width = columns.count
        precondition(profile.count >= rowCount * width, "profile must hold rowCount × columns values")
        var results = [FeatureBins?](repeating: nil, count: width)
        results.withUnsafeMutableBufferPointer { slots in
            profile.withUnsafeBufferPointer { values in
                guard let slotBase = slots.baseAddress, let valueBase = values.baseAddress else { return }
                let output = FeaturePipeline.SharedAddress(slotBase)
                let input = FeaturePipeline.SharedAddress(valueBase)
                DispatchQueue.concurrentPerform(iterations: width) { column in
                    var columnValues = [Double](repeating: 0, count: rowCount)
                    for row in 0..<rowCount { columnValues[row] = input.base[row * width + column] }
                    output.base[column] = bins(of: columnValues, name: columns[column])
                }
            }
        }
        return results.enumerated().map { $1 ?? FeatureBins(name: columns[$0], edges: [0], proportions: [1, 0]) }
    }

    /// One column's bins: see ``featureBins(profile:rowCount:columns:)``.
    package static func bins(of values: [Double], name: String) -> FeatureBins {
        let edges = decileEdges(values)
        var counts = [Int](repeating: 0, count: edges.count + 1)
        for value in values { counts[bin(of: value, edges: edges)] += 1 }
        let total = Double(max(values.count, 1))
        return FeatureBins(name: name, edges: edges, proportions: counts.map { Double($0) / total })
    }

    /// The nine deciles of the finite values, duplicates collapsed; `[0]` when there is no finite value.
    package static func decileEdges(_ values: [Double]) -> [Double] {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first else { return [0] }
        var edges: [Double] = []
        let last = Double(sorted.count - 1)
        for tenth in 1...9 {
            let position = Double(tenth) / 10 * last
            let lower = Int(position.rounded(.down))
            let upper = min(lower + 1, sorted.count - 1)
            let fraction = position - Double(lower)
            let edge = sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
            if edges.last.map({ edge > $0 }) ?? true { edges.append(edge) }
        }
        return edges.isEmpty ? [first] : edges
    }

    /// The confidence of every raw row under `scorer`, in parallel over fixed blocks (each row written once).
    private static func confidences(scorer: SegmentScorer, raw: [Double], rowCount: Int) -> [Double] {
        let width = scorer.inputColumns.count
        let scratchCount = scorer.scratchCount
        var result = [Double](repeating: 0, count: rowCount)
        result.withUnsafeMutableBufferPointer { output in
            raw.withUnsafeBufferPointer { input in
                guard let outputBase = output.baseAddress, let inputBase = input.baseAddress else { return }
                let confidences = FeaturePipeline.SharedAddress(outputBase)
                let values = FeaturePipeline.SharedAddress(inputBase)
                FeaturePipeline.forEachBlock(rowCount: rowCount) { _, rows in
                    let row = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(width, 1))
                    let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(scratchCount, 1))
                    scratch.initialize(repeating: 0)
                    defer {
                        row.deallocate()
                        scratch.deallocate()
                    }
                    for index in rows {
                        for column in 0..<width { row[column] = values.base[index * width + column] }
                        confidences.base[index] = scorer.assign(row, scratch: scratch).confidence
                    }
                }
            }
        }
        return result
    }
}
