/// What to cluster into: a fixed number of segments, or a k chosen from a range.
package enum SegmentCount: Sendable, Equatable {
    case fixed(Int)
    case auto
}

/// Per-run choices that override the pipeline spec, and facts about the data that the model records.
package struct TrainingOptions: Sendable {
    /// Overrides the spec's `[kmeans] k` when set.
    package var segmentCount: SegmentCount?
    /// Overrides the spec's `[kmeans] seed` when set.
    package var seed: UInt64?
    /// A model to keep segment ids stable against: new clusters take the ids of the nearest old ones.
    package var previous: SegmentModel?
    /// ISO 8601 time stamped into the model.
    package var createdAt: String
    /// Training file name and SHA-256; rows and rejects are filled in by the trainer's caller.
    package var trainingData: SegmentModel.TrainingData

    package init(
        segmentCount: SegmentCount? = nil,
        seed: UInt64? = nil,
        previous: SegmentModel? = nil,
        createdAt: String,
        trainingData: SegmentModel.TrainingData
    ) {
        self.segmentCount = segmentCount
        self.seed = seed
        self.previous = previous
        self.createdAt = createdAt
        self.trainingData = trainingData
    }
}

/// Raw training rows: one value per pipeline input column, row-major, NaN where missing.
package struct TrainingRows: Sendable {
    package var values: [Double]
    package var rowCount: Int

    package init(values: [Double], rowCount: Int) {
        self.values = values
        self.rowCount = rowCount
    }
}

/// A trained model and the label of every training row (by segment id).
package struct TrainingResult: Sendable {
    package var model: SegmentModel
    package var labels: [Int32]
    /// What the caller should show about the model (tiny segments, archetypes with a negative fit).
    package var warnings: [TrainingWarning] = []
}
