/// Scores raw rows with a trained model: impute, derive, transform, scale, project, nearest centroid.
///
/// Immutable and `Sendable`: record I/O calls it from several threads, each with its own scratch buffer.
package struct SegmentScorer: RowScorer {
    package let idColumn: String
    package let inputColumns: [String]
    package let segmentNames: [String]
    package let modelVersion: String
    package let scratchCount: Int
    package let driftReference: DriftReference?

    private let pipeline: FeaturePipeline
    /// The reference's bins for the scoring loop; nil without a reference. The loop reads them through
    /// `driftEdges`: a plain pointer, so scoring a row retains and releases nothing (an object shared by every
    /// scoring thread would bounce its reference count's cache line between the cores, row after row).
    private let drift: DriftBinning?
    private let driftEdges: FeaturePipeline.SharedAddress<Double>?
    private let driftFeatures: Int
    /// Where in the scratch space the row's raw and derived values go when drift is counted.
    private let profileOffset: Int
    private let profileCount: Int
    private let medians: [Double]
    private let kernel: ProjectionKernel

    /// Compiles a loaded model for scoring.
    package init(model: SegmentModel) throws {
        let pipeline = try FeaturePipeline(spec: model.pipeline)
        guard pipeline.featureNames == model.pca.features else {
            throw ModelError.inconsistent(
                source: model.modelVersion,
                detail: "its pipeline's features differ from the features its PCA was fitted on"
            )
        }
        self.pipeline = pipeline
        idColumn = model.pipeline.idColumn
        inputColumns = pipeline.inputColumns
        segmentNames = model.segments.sorted { $0.id < $1.id }.map(\.name)
        modelVersion = model.modelVersion
        medians = pipeline.inputColumns.map { model.imputation.medians[$0] ?? 0 }
        let width = model.pca.features.count
        let dimensions = model.pca.components.count
        kernel = ProjectionKernel(
            scaleMean: model.scaler.mean, scaleFactor: model.scaler.scale.map { $0 == 0 ? 1 : 1 / $0 },
            pcaMean: model.pca.mean, loadings: model.pca.components.flatMap { $0 },
            centroids: model.kmeans.centroids.flatMap { $0 }, width: width, dimensions: dimensions,
            k: model.kmeans.centroids.count)
        profileCount = pipeline.profileColumns.count
        profileOffset = width + dimensions
        // A loaded model's reference always fits its pipeline (checked when it is loaded); a draft has none.
        let reference = model.drift.flatMap { $0.features.count == pipeline.profileColumns.count ? $0 : nil }
        driftReference = reference
        drift = reference.map(DriftBinning.init)
        driftEdges = drift?.edgeBlocks.map(FeaturePipeline.SharedAddress.init)
        driftFeatures = drift?.featureCount ?? 0
        scratchCount = width + dimensions + (reference == nil ? 0 : profileCount)
    }

    package var driftCountCount: Int { drift?.countCount ?? 0 }

    /// Scores like `assign(_:scratch:)` (the same features, the same assignment: the profile values are a copy
    /// the transform makes anyway) and counts the row's raw and derived values into their drift bins.
    package func assign(
        _ values: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>,
        driftCounts: UnsafeMutablePointer<Int>
    ) -> Assignment {
        guard let edges = driftEdges?.base else { return assign(values, scratch: scratch) }
        precondition(scratch.count >= scratchCount, "scratch must hold scratchCount values")
        let width = kernel.width
        let features = UnsafeMutableBufferPointer(rebasing: scratch[0..<width])
        let profile = UnsafeMutableBufferPointer(rebasing: scratch[profileOffset..<profileOffset + profileCount])
        medians.withUnsafeBufferPointer { medians in
            pipeline.transform(raw: values, medians: medians, profileOut: profile, featuresOut: features)
        }
        guard let base = scratch.baseAddress else {
            return Assignment(segment: 0, confidence: 0, distance: .infinity)
        }
        let assignment = kernel.assign(features: base, projected: base + width)
        DriftBinning.count(base + profileOffset, edges: edges, features: driftFeatures, into: driftCounts)
        return assignment
    }

    package func assign(_ values: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>)
        -> Assignment
    {
        precondition(scratch.count >= scratchCount, "scratch must hold scratchCount values")
        let width = kernel.width
        let features = UnsafeMutableBufferPointer(rebasing: scratch[0..<width])
        medians.withUnsafeBufferPointer { medians in
            pipeline.transform(raw: values, medians: medians, profileOut: nil, featuresOut: features)
        }
        guard let base = scratch.baseAddress else {
            return Assignment(segment: 0, confidence: 0, distance: .infinity)
        }
        return kernel.assign(features: base, projected: base + width)
    }

    /// One raw row's coordinates in the model's PCA space (where training measured its silhouette) and its
    /// assignment, outside the scoring loop: for the retrain check's silhouette of recent rows. `row` holds one value
    /// per input column, in ``inputColumns`` order (NaN for a missing value, filled like the scorer fills it).
    package func projection(of row: [Double]) -> (point: [Double], assignment: Assignment) {
        precondition(row.count == inputColumns.count, "a row needs one value per input column")
        var values = row
        var scratch = [Double](repeating: 0, count: scratchCount)
        let assignment = values.withUnsafeMutableBufferPointer { values in
            scratch.withUnsafeMutableBufferPointer { scratch in assign(values, scratch: scratch) }
        }
        return (Array(scratch[kernel.width..<kernel.width + kernel.dimensions]), assignment)
    }
}
