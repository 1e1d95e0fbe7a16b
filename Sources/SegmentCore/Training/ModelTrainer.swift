/// Fits the whole pipeline — imputation, features, scaling, PCA, k-means, profiles, names — into a `SegmentModel`.
package enum ModelTrainer {
    /// Fewest valid rows training accepts.
    package static let minimumRows = 10
    /// Training rows each segment needs on average: with fewer, segments get too small to profile and name.
    package static let rowsPerSegment = 10
    /// The most segments a model may have, whatever the data.
    package static let segmentLimit = 100

    /// Most segments `rows` training rows allow: one per ``rowsPerSegment`` rows, and at most ``segmentLimit``.
    package static func maximumSegments(rows: Int) -> Int { min(segmentLimit, rows / rowsPerSegment) }

    /// Trains a model on raw rows laid out in `FeaturePipeline(spec:).inputColumns` order.
    /// - Parameter progress: called with a stage name and the share of training done, for progress bars.
    package static func train(
        rows: TrainingRows,
        spec: PipelineSpec,
        archetypes: SegmentArchetypes,
        options: TrainingOptions,
        progress: (@Sendable (String, Double) -> Void)? = nil
    ) throws -> TrainingResult {
        let pipeline = try FeaturePipeline(spec: spec)
        let rowCount = rows.rowCount
        guard rowCount >= minimumRows else { throw TrainingError.tooFewRows(rowCount, needed: minimumRows) }

        progress?("features", 0.05)
        let medians = pipeline.medians(of: rows.values, rowCount: rowCount)
        var (features, profileValues) = pipeline.featureMatrix(
            values: rows.values, rowCount: rowCount, medians: medians)
        let width = pipeline.featureNames.count
        let scaler = StandardScaler.fit(
            features: features, rowCount: rowCount, columns: width, scaledColumns: pipeline.numericFeatureCount
        )
        scaler.transform(&features, rowCount: rowCount, columns: width)

        progress?("pca", 0.25)
        let pca = try PrincipalComponents.fit(
            Matrix(rows: rowCount, columns: width, values: features), selection: spec.componentSelection
        )
        let projected = pca.project(Matrix(rows: rowCount, columns: width, values: features))

        progress?("k-means", 0.35)
        let clustering = try SegmentClustering.run(
            on: projected, spec: spec, segmentCount: options.segmentCount ?? spec.segmentCount,
            seed: options.seed ?? spec.kmeans.seed
        )

        progress?("profiles", 0.85)
        let k = clustering.result.centroids.rows
        let profiles = SegmentProfiler.profiles(
            values: profileValues, rowCount: rowCount, columns: pipeline.profileColumns,
            labels: clustering.result.labels, k: k
        )
        let featureBins = DriftReference.featureBins(
            profile: profileValues, rowCount: rowCount, columns: pipeline.profileColumns)
        profileValues = []
        let names = SegmentNamer.assign(profiles: profiles, archetypes: archetypes)

        var draft = SegmentModel.draft(
            pipeline: pipeline, spec: spec, medians: medians, scaler: scaler, pca: pca,
            clustering: clustering, options: options, rowCount: rowCount
        )
        let ids = try SegmentIdentity.ids(
            draft: draft, names: names, sizes: clustering.result.sizes, archetypes: archetypes,
            previous: options.previous
        )
        let labels = SegmentIdentity.relabel(clustering.result.labels, ids: ids)
        draft.assignSegments(ids: ids, profiles: profiles, names: names, archetypes: archetypes, rowCount: rowCount)
        draft.drift = try DriftReference.training(
            draft: draft, featureBins: featureBins, raw: rows.values, rowCount: rowCount)
        progress?("done", 1)
        let model = try draft.sealed()
        return TrainingResult(model: model, labels: labels, warnings: TrainingWarning.warnings(for: model))
    }
}
