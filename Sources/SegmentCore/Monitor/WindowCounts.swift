import SegmentSupport

/// The raw counts of rows scored by one model: per-feature bin counts, rows per segment, rows per confidence bin,
/// and the confidence sum. Counts, not shares, because counts add up: a day is the sum of its files, a window the
/// sum of its days, and any figure (PSI, shares, mean confidence) is computed from the sum afterwards.
package struct WindowCounts: Sendable, Equatable, Codable {
    /// Rows counted (every scored row of the model).
    package var rows: Int
    /// Bin counts of each drift-reference feature, in the reference's order (empty without a reference).
    package var features: [[Int]]
    /// Rows per segment id.
    package var segmentRows: [Int]
    /// Rows per confidence bin (``DriftReference/confidenceBounds``, then one bin above 1 or not a number).
    package var confidenceCounts: [Int]
    /// Sum of the rows' confidences.
    package var confidenceSum: Double

    package init(
        rows: Int = 0, features: [[Int]] = [], segmentRows: [Int] = [], confidenceCounts: [Int] = [],
        confidenceSum: Double = 0
    ) {
        self.rows = rows
        self.features = features
        self.segmentRows = segmentRows
        self.confidenceCounts = confidenceCounts
        self.confidenceSum = confidenceSum
    }

    enum CodingKeys: String, CodingKey {
        case rows, features
        case segmentRows = "segment_rows"
        case confidenceCounts = "confidence_counts"
        case confidenceSum = "confidence_sum"
    }

    /// Adds `other`'s counts, element by element (an array shorter than the other's is extended with zeros).
    package mutating func add(_ other: WindowCounts) {
        rows += other.rows
        confidenceSum += other.confidenceSum
        Self.add(other.segmentRows, to: &segmentRows)
        Self.add(other.confidenceCounts, to: &confidenceCounts)
        while features.count < other.features.count { features.append([]) }
        for (index, bins) in other.features.enumerated() { Self.add(bins, to: &features[index]) }
    }

    /// The sum of `counts`.
    package static func merged(_ counts: some Sequence<WindowCounts>) -> WindowCounts {
        counts.reduce(into: WindowCounts()) { $0.add($1) }
    }

    private static func add(_ values: [Int], to target: inout [Int]) {
        if target.count < values.count { target += Array(repeating: 0, count: values.count - target.count) }
        for (index, value) in values.enumerated() { target[index] += value }
    }

    /// Mean confidence of the rows counted; 0 without rows.
    package var meanConfidence: Double { rows > 0 ? confidenceSum / Double(rows) : 0 }

    /// Each segment's share of the rows, by id; zeros without rows.
    package var segmentShares: [Double] {
        segmentRows.map { rows > 0 ? Double($0) / Double(rows) : 0 }
    }

    /// The counts compared with `reference` (PSI per feature, shares against training); nil without rows.
    /// `inputColumnCount` leading features are input columns (nil: all of them).
    package func driftReport(reference: DriftReference, inputColumnCount: Int? = nil) -> DriftReport? {
        guard rows > 0 else { return nil }
        return DriftReport(
            reference: reference, binCounts: features, inputColumnCount: inputColumnCount ?? reference.features.count,
            segmentRows: segmentRows, confidenceSum: confidenceSum, lowConfidenceRows: 0, lowConfidenceThreshold: 0)
    }
}

/// One UTC day of one model's counts, as the daemon's window store keeps them.
package struct DayCounts: Sendable, Equatable {
    /// The UTC day, `YYYY-MM-DD`.
    package var day: String
    package var modelVersion: String
    package var counts: WindowCounts

    package init(day: String, modelVersion: String, counts: WindowCounts) {
        self.day = day
        self.modelVersion = modelVersion
        self.counts = counts
    }

    /// The UTC day of `secondsSinceEpoch` as `YYYY-MM-DD`.
    package static func day(secondsSinceEpoch: Double) -> String {
        let seconds = Int(secondsSinceEpoch.rounded(.down))
        return String(Timestamp.milliseconds(seconds: seconds, nanoseconds: 0).prefix(10))
    }
}

/// The window a retrain decision looks at: the most recent days merged backwards until at least `minRows` rows.
package struct RetrainWindow: Sendable, Equatable {
    /// The days merged, most recent first.
    package var days: [String]
    package var counts: WindowCounts
    /// False when every day together has fewer than `minRows` rows: the count rules then do not advise.
    package var hasEnoughRows: Bool

    package init(days: [String], counts: WindowCounts, hasEnoughRows: Bool) {
        self.days = days
        self.counts = counts
        self.hasEnoughRows = hasEnoughRows
    }

    /// The most recent of `days` (one model's, in any order; one entry per day) merged until `minRows` is reached.
    package static func latest(of days: [DayCounts], minRows: Int) -> RetrainWindow {
        var window = RetrainWindow(days: [], counts: WindowCounts(), hasEnoughRows: false)
        for day in days.sorted(by: { $0.day > $1.day }) {
            window.days.append(day.day)
            window.counts.add(day.counts)
            if window.counts.rows >= minRows {
                window.hasEnoughRows = true
                break
            }
        }
        return window
    }
}
