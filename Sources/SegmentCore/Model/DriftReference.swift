/// What the training data looked like, stored in the model (format 2) so that scored data can be compared with it:
/// the population stability index (PSI) of every raw and derived feature, the segment shares, the confidence.
///
/// Bins are the training deciles of each feature with duplicate edges collapsed (heavy ties at 0 are common in
/// spending data, and ten bins of which four hold the same zeros would say nothing), so a feature has between 2 and
/// 10 bins. A value `x` falls in bin `i` = the number of edges below it: bin 0 is (-∞, e₀], bin i is
/// (eᵢ₋₁, eᵢ], the last bin (eₙ₋₁, ∞). Proportions are the training rows' shares of each bin,
/// counted with that same rule.
package struct DriftReference: Sendable, Equatable, Codable {
    /// The most edges a feature may have: the scoring loop searches a fixed block of 15 (see ``DriftBinning``).
    package static let maximumEdges = 15
    /// Upper bounds of the confidence bins: bin `i` holds confidences in (`bounds[i - 1]`, `bounds[i]`], bin 0 those
    /// up to 0.1 (the bins of the `segmentd_confidence` histogram).
    package static let confidenceBounds: [Double] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]

    /// Every raw input column, then every derived feature, in the pipeline's order (its profile columns).
    package var features: [FeatureBins]
    /// Training share of each segment, by segment id.
    package var segmentShares: [Double]
    /// The training rows' confidence, as the scorer computes it.
    package var confidence: ConfidenceDistribution
    /// Silhouette of the training clustering (`kmeans.silhouette`), the yardstick for later quality checks.
    package var silhouette: Double

    package init(
        features: [FeatureBins], segmentShares: [Double], confidence: ConfidenceDistribution, silhouette: Double
    ) {
        self.features = features
        self.segmentShares = segmentShares
        self.confidence = confidence
        self.silhouette = silhouette
    }

    enum CodingKeys: String, CodingKey {
        case features, confidence, silhouette
        case segmentShares = "segment_shares"
    }

    /// One feature's training bins.
    package struct FeatureBins: Sendable, Equatable, Codable {
        package var name: String
        /// Inner bin edges, strictly increasing, at least one.
        package var edges: [Double]
        /// Training share of each bin: `edges.count + 1` values summing to 1.
        package var proportions: [Double]

        package init(name: String, edges: [Double], proportions: [Double]) {
            self.name = name
            self.edges = edges
            self.proportions = proportions
        }
    }

    /// The training rows' confidence: its mean and its share in each of ``DriftReference/confidenceBounds``' bins.
    package struct ConfidenceDistribution: Sendable, Equatable, Codable {
        package var mean: Double
        /// Upper bound of each bin.
        package var bounds: [Double]
        package var proportions: [Double]

        package init(mean: Double, bounds: [Double], proportions: [Double]) {
            self.mean = mean
            self.bounds = bounds
            self.proportions = proportions
        }
    }

    /// The bin of `value` among `edges` (sorted): the number of edges below it. NaN falls in bin 0.
    package static func bin(of value: Double, edges: [Double]) -> Int {
        var count = 0
        for edge in edges where edge < value { count += 1 }
        return count
    }

    /// What is wrong with this reference for a model with `profileColumns` and `segments` segments; nil when it fits.
    func problem(profileColumns: [String], segments: Int) -> String? {
        guard features.map(\.name) == profileColumns else {
            return "the drift reference's features are not the pipeline's input columns and derived features"
        }
        for feature in features {
            let edges = feature.edges
            guard (1...Self.maximumEdges).contains(edges.count), edges.allSatisfy(\.isFinite),
                zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }), feature.proportions.count == edges.count + 1
            else {
                return "the drift reference of \(feature.name) needs 1 to \(Self.maximumEdges) increasing edges "
                    + "and one proportion per bin"
            }
        }
        guard segmentShares.count == segments else {
            return "the drift reference has \(segmentShares.count) segment shares for \(segments) segments"
        }
        guard confidence.proportions.count == confidence.bounds.count, !confidence.bounds.isEmpty else {
            return "the drift reference's confidence bins do not match their bounds"
        }
        return nil
    }
}
