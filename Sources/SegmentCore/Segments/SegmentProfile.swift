/// Summary of one segment: how big it is, what its rows look like column by column,
/// and which columns set it apart from the population.
///
/// Every number is finite (an empty segment reports zeros), so a profile always encodes to JSON.
package struct SegmentProfile: Sendable, Equatable, Codable {
    /// Segment id, the k-means label of its rows.
    package var id: Int
    /// Number of rows in the segment.
    package var size: Int
    /// `size` divided by the number of profiled rows; 0 when there are none.
    package var share: Double
    /// Statistics of every profiled column, in input column order.
    package var features: [FeatureStats]
    /// The columns whose segment mean differs most from the overall mean, in overall standard deviations,
    /// sorted by absolute difference (largest first), ties by column name. Empty for an empty segment.
    package var distinguishing: [Distinction]

    /// Creates a profile from already computed parts.
    package init(id: Int, size: Int, share: Double, features: [FeatureStats], distinguishing: [Distinction]) {
        self.id = id
        self.size = size
        self.share = share
        self.features = features
        self.distinguishing = distinguishing
    }
}

/// Per-segment statistics of one column.
package struct FeatureStats: Sendable, Equatable, Codable {
    /// Column name.
    package var name: String
    /// Mean of the column over the segment's rows.
    package var mean: Double
    /// Median over the segment's rows; the mean of the two middle values when the count is even.
    package var median: Double
    /// Population standard deviation over the segment's rows.
    package var std: Double
    /// (segment mean − overall mean) / overall population standard deviation;
    /// 0 when the column is constant overall or the segment is empty.
    package var standardizedDifference: Double

    /// Creates the statistics of one column.
    package init(name: String, mean: Double, median: Double, std: Double, standardizedDifference: Double) {
        self.name = name
        self.mean = mean
        self.median = median
        self.std = std
        self.standardizedDifference = standardizedDifference
    }
}

/// One column that sets a segment apart, with the numbers that show how.
package struct Distinction: Sendable, Equatable, Codable {
    /// Column name.
    package var name: String
    /// (segment mean − overall mean) / overall population standard deviation.
    package var standardizedDifference: Double
    /// Mean of the column over the segment's rows.
    package var segmentMean: Double
    /// Mean of the column over all profiled rows.
    package var overallMean: Double

    /// Creates a distinction.
    package init(name: String, standardizedDifference: Double, segmentMean: Double, overallMean: Double) {
        self.name = name
        self.standardizedDifference = standardizedDifference
        self.segmentMean = segmentMean
        self.overallMean = overallMean
    }
}
