/// A scored file's `drift` section: how its rows compare with the model's training data (docs/manifest.md).
///
/// The daemon knows nothing of models: the processor fills this in. Every value is a function of the input's bytes
/// and the model, so a file processed again gives the same section.
package struct DriftRecord: Codable, Sendable, Equatable {
    /// One feature's population stability index.
    package struct FeaturePSI: Codable, Sendable, Equatable {
        package var name: String
        package var psi: Double

        package init(name: String, psi: Double) {
            self.name = name
            self.psi = psi
        }
    }

    /// One segment's share of the file's rows beside its training share.
    package struct SegmentShare: Codable, Sendable, Equatable {
        package var id: Int
        package var name: String
        package var share: Double
        package var trainingShare: Double
        /// (share − training share) / training share; absent for a segment without training rows.
        package var relativeChange: Double?

        package init(id: Int, name: String, share: Double, trainingShare: Double, relativeChange: Double?) {
            self.id = id
            self.name = name
            self.share = share
            self.trainingShare = trainingShare
            self.relativeChange = relativeChange
        }

        enum CodingKeys: String, CodingKey {
            case id, name, share
            case trainingShare = "training_share"
            case relativeChange = "relative_change"
        }
    }

    /// Rows compared: the rows the model scored.
    package var rows: Int
    /// The largest PSI of any input column or derived feature, and that feature.
    package var maxPSI: Double
    package var maxPSIFeature: String
    /// The five input columns with the largest PSI, largest first: what moved in the data.
    package var topFeatures: [FeaturePSI]
    /// The five derived features with the largest PSI, largest first (they move with the columns they are computed
    /// from); empty when the pipeline derives none.
    package var topDerivedFeatures: [FeaturePSI]
    /// Every segment, by id.
    package var segments: [SegmentShare]
    /// The segment whose share changed most relative to training; absent when no segment had training rows.
    package var largestShareChange: SegmentShare?
    package var meanConfidence: Double
    package var trainingMeanConfidence: Double
    /// Share of the rows below ``lowConfidenceThreshold``.
    package var lowConfidenceShare: Double
    package var lowConfidenceThreshold: Double

    package init(
        rows: Int, maxPSI: Double, maxPSIFeature: String, topFeatures: [FeaturePSI],
        topDerivedFeatures: [FeaturePSI], segments: [SegmentShare],
        largestShareChange: SegmentShare?, meanConfidence: Double, trainingMeanConfidence: Double,
        lowConfidenceShare: Double, lowConfidenceThreshold: Double
    ) {
        self.rows = rows
        self.maxPSI = maxPSI
        self.maxPSIFeature = maxPSIFeature
        self.topFeatures = topFeatures
        self.topDerivedFeatures = topDerivedFeatures
        self.segments = segments
        self.largestShareChange = largestShareChange
        self.meanConfidence = meanConfidence
        self.trainingMeanConfidence = trainingMeanConfidence
        self.lowConfidenceShare = lowConfidenceShare
        self.lowConfidenceThreshold = lowConfidenceThreshold
    }

    enum CodingKeys: String, CodingKey {
        case rows, segments
        case maxPSI = "max_psi"
        case maxPSIFeature = "max_psi_feature"
        case topFeatures = "top_features"
        case topDerivedFeatures = "top_derived_features"
        case largestShareChange = "largest_share_change"
        case meanConfidence = "mean_confidence"
        case trainingMeanConfidence = "training_mean_confidence"
        case lowConfidenceShare = "low_confidence_share"
        case lowConfidenceThreshold = "low_confidence_threshold"
    }
}
