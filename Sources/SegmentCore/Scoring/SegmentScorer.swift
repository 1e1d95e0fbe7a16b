/// Scores raw rows with a trained model: impute, derive, transform, scale, project, nearest centroid.
///
/// Immutable and `Sendable`: record I/O calls it from several threads, each with its own scratch buffer.
public struct SegmentScorer: RowScorer {
    public let idColumn: String
    public let inputColumns: [String]
    public let segmentNames: [String]
    public let modelVersion: String
    public let scratchCount: Int

    private let pipeline: FeaturePipeline
    private let medians: [Double]
    private let scaleMean: [Double]
    private let scaleFactor: [Double]
    private let pcaMean: [Double]
    /// Kept components, row-major: `dimensions` rows of `width` loadings.
    private let loadings: [Double]
    /// Centroids, row-major: `k` rows of `dimensions` coordinates.
    private let centroids: [Double]
    private let width: Int
    private let dimensions: Int
    private let k: Int

    /// Compiles a loaded model for scoring.
    public init(model: SegmentModel) throws {
        let pipeline = try FeaturePipeline(spec: model.pipeline)
        guard pipeline.featureNames == model.pca.features else {
            throw ModelError.inconsistent(
                source: model.modelVersion, detail: "its pipeline's features differ from the features its PCA was fitted on"
            )
        }
        self.pipeline = pipeline
        idColumn = model.pipeline.idColumn
        inputColumns = pipeline.inputColumns
        segmentNames = model.segments.sorted { $0.id < $1.id }.map(\.name)
        modelVersion = model.modelVersion
        medians = pipeline.inputColumns.map { model.imputation.medians[$0] ?? 0 }
        scaleMean = model.scaler.mean
        scaleFactor = model.scaler.scale.map { $0 == 0 ? 1 : 1 / $0 }
        pcaMean = model.pca.mean
        loadings = model.pca.components.flatMap { $0 }
        centroids = model.kmeans.centroids.flatMap { $0 }
        width = model.pca.features.count
        dimensions = model.pca.components.count
        k = model.kmeans.centroids.count
        scratchCount = width + dimensions
    }

    public func assign(_ values: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Assignment {
        let features = UnsafeMutableBufferPointer(rebasing: scratch[0..<width])
        let projected = UnsafeMutableBufferPointer(rebasing: scratch[width..<(width + dimensions)])
        medians.withUnsafeBufferPointer { medians in
            pipeline.transform(raw: values, medians: medians, profileOut: nil, featuresOut: features)
        }
        for column in 0..<scaleMean.count {
            features[column] = (features[column] - scaleMean[column]) * scaleFactor[column]
        }
        for column in 0..<width { features[column] -= pcaMean[column] }
        loadings.withUnsafeBufferPointer { loadings in
            for component in 0..<dimensions {
                var sum = 0.0
                let base = component * width
                for column in 0..<width { sum += loadings[base + column] * features[column] }
                projected[component] = sum
            }
        }
        return nearest(projected)
    }

    private func nearest(_ point: UnsafeMutableBufferPointer<Double>) -> Assignment {
        var best = Double.infinity
        var second = Double.infinity
        var bestIndex = 0
        centroids.withUnsafeBufferPointer { centroids in
            for cluster in 0..<k {
                var sum = 0.0
                let base = cluster * dimensions
                for dimension in 0..<dimensions {
                    let delta = point[dimension] - centroids[base + dimension]
                    sum += delta * delta
                }
                if sum < best {
                    second = best
                    best = sum
                    bestIndex = cluster
                } else if sum < second {
                    second = sum
                }
            }
        }
        let d1 = best.squareRoot()
        let d2 = second.squareRoot()
        let confidence = d2 > 0 ? max(0, min(1, 1 - d1 / d2)) : 0
        return Assignment(segment: bestIndex, confidence: confidence, distance: d1)
    }
}
