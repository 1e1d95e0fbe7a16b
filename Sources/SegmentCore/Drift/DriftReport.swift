/// How the rows of one scored file compare with the model's training data: the PSI of every raw and derived
/// feature, the segment shares against the training shares, and the confidence (a manifest's `drift` section).
package struct DriftReport: Sendable, Equatable {
    /// One feature's population stability index against its training bins.
    package struct Feature: Sendable, Equatable {
        package var name: String
        package var psi: Double
    }

    /// One segment's share of the scored rows beside its training share.
    package struct Segment: Sendable, Equatable {
        package var id: Int
        package var share: Double
        package var trainingShare: Double
        /// (share − training share) / training share; nil when the segment had no training rows.
        package var relativeChange: Double?
    }

    /// Rows compared (the rows the model scored).
    package var rows: Int
    /// Every feature, in the reference's order (input columns, then derived features).
    package var features: [Feature]
    /// How many leading ``features`` are input columns; the rest are derived features.
    package var inputColumnCount: Int
    /// Every segment, by id.
    package var segments: [Segment]
    package var meanConfidence: Double
    package var trainingMeanConfidence: Double
    /// Share of the rows below ``lowConfidenceThreshold``.
    package var lowConfidenceShare: Double
    package var lowConfidenceThreshold: Double
    /// Every feature's bin counts, in the reference's order (empty for a feature not counted): the raw counts the
    /// daemon's per-day windows add up (``WindowCounts``), kept because shares alone cannot be merged across files.
    package var binCounts: [[Int]]

    /// Compares counts made while scoring with `reference`.
    /// - Parameters:
    ///   - stridedCounts: the bin counts as ``DriftBinning`` lays them out: ``DriftBinning/stride`` per reference
    ///     feature, its bins first.
    ///   - inputColumnCount: how many leading reference features are input columns (the model's).
    ///   - segmentRows: rows per segment id.
    package init(
        reference: DriftReference, stridedCounts: [Int], inputColumnCount: Int, segmentRows: [Int],
        confidenceSum: Double, lowConfidenceRows: Int, lowConfidenceThreshold: Double
    ) {
        let binCounts = reference.features.enumerated().map { index, bins in
            let start = index * DriftBinning.stride
            let end = start + bins.proportions.count
            return end <= stridedCounts.count ? Array(stridedCounts[start..<end]) : []
        }
        self.init(
            reference: reference, binCounts: binCounts, inputColumnCount: inputColumnCount, segmentRows: segmentRows,
            confidenceSum: confidenceSum, lowConfidenceRows: lowConfidenceRows,
            lowConfidenceThreshold: lowConfidenceThreshold)
    }

    /// Compares per-feature bin counts (`binCounts[i]` holds feature `i`'s bins; one array per reference feature)
    /// with `reference`: a scored file's, or a window of files added up.
    package init(
        reference: DriftReference, binCounts: [[Int]], inputColumnCount: Int, segmentRows: [Int],
        confidenceSum: Double, lowConfidenceRows: Int, lowConfidenceThreshold: Double
    ) {
        self.inputColumnCount = min(max(inputColumnCount, 0), reference.features.count)
        let rows = segmentRows.reduce(0, +)
        let total = Double(max(rows, 1))
        self.rows = rows
        self.binCounts = binCounts
        features = reference.features.enumerated().map { index, bins in
            let counts =
                index < binCounts.count && binCounts[index].count == bins.proportions.count
                ? binCounts[index] : []
            return Feature(
                name: bins.name,
                psi: counts.isEmpty ? 0 : PopulationStability.index(counts: counts, expected: bins.proportions))
        }
        segments = reference.segmentShares.enumerated().map { id, trainingShare in
            let share = id < segmentRows.count ? Double(segmentRows[id]) / total : 0
            return Segment(
                id: id, share: share, trainingShare: trainingShare,
                relativeChange: trainingShare > 0 ? (share - trainingShare) / trainingShare : nil)
        }
        meanConfidence = confidenceSum / total
        trainingMeanConfidence = reference.confidence.mean
        lowConfidenceShare = Double(lowConfidenceRows) / total
        self.lowConfidenceThreshold = lowConfidenceThreshold
    }

    /// The `count` features with the largest PSI, largest first; equal values keep the reference's order (input
    /// columns before the features derived from them).
    package func topFeatures(_ count: Int = 5) -> [Feature] {
        Self.top(features, count)
    }

    /// The `count` input columns with the largest PSI, largest first: what moved in the data. They are ranked apart
    /// from the derived features because a derived feature moves with the columns it is computed from (PURCHASES
    /// tripled moves `PURCHASES / TENURE` as much, sometimes a little more), and the column is what to look at.
    package func topInputColumns(_ count: Int = 5) -> [Feature] {
        Self.top(Array(features.prefix(inputColumnCount)), count)
    }

    /// The `count` derived features with the largest PSI, largest first.
    package func topDerivedFeatures(_ count: Int = 5) -> [Feature] {
        Self.top(Array(features.dropFirst(inputColumnCount)), count)
    }

    private static func top(_ features: [Feature], _ count: Int) -> [Feature] {
        Array(
            features.enumerated().sorted { left, right in
                left.element.psi != right.element.psi
                    ? left.element.psi > right.element.psi : left.offset < right.offset
            }
            .prefix(count).map(\.element))
    }

    /// The feature with the largest PSI; nil without features.
    package var maximum: Feature? { topFeatures(1).first }

    /// The segment whose share changed most relative to its training share (by magnitude); nil without one.
    package var largestShareChange: Segment? {
        segments.filter { $0.relativeChange != nil }.enumerated().max { left, right in
            let a = abs(left.element.relativeChange ?? 0)
            let b = abs(right.element.relativeChange ?? 0)
            return a != b ? a < b : left.offset > right.offset
        }?.element
    }
}
