extension SegmentModel {
    /// Assembles the model's numeric sections from a fitted pipeline; segments and ids come later.
    static func draft(
        pipeline: FeaturePipeline,
        spec: PipelineSpec,
        medians: [Double],
        scaler: StandardScaler,
        pca: PrincipalComponents,
        clustering: SegmentClustering,
        options: TrainingOptions,
        rowCount: Int
    ) -> SegmentModel {
        let kept = pca.keptCount
        let width = pca.components.columns
        let components = (0..<kept).map { row in (0..<width).map { pca.components[row, $0] } }
        let centroids = clustering.result.centroids
        var trainingData = options.trainingData
        trainingData.rows = rowCount
        return SegmentModel(
            format: formatName,
            formatVersion: currentFormatVersion,
            modelVersion: "",
            createdAt: options.createdAt,
            trainingData: trainingData,
            pipeline: spec,
            imputation: Imputation(medians: Dictionary(uniqueKeysWithValues: zip(pipeline.inputColumns, medians))),
            scaler: Scaler(
                features: Array(pipeline.featureNames.prefix(pipeline.numericFeatureCount)),
                mean: scaler.mean, scale: scaler.scale
            ),
            pca: PCA(
                features: pipeline.featureNames,
                mean: pca.mean,
                components: components,
                explainedVarianceRatio: Array(pca.explainedVarianceRatio.prefix(kept)),
                explainedVarianceRatioAll: pca.explainedVarianceRatio,
                selection: spec.componentSelection.summary
            ),
            kmeans: KMeansSummary(
                k: centroids.rows,
                inertia: clustering.result.inertia,
                silhouette: clustering.silhouette,
                silhouetteRows: clustering.silhouetteRows,
                iterations: clustering.result.iterations,
                nInit: clustering.options.nInit,
                seed: clustering.options.seed,
                centroids: (0..<centroids.rows).map { row in (0..<centroids.columns).map { centroids[row, $0] } }
            ),
            selection: clustering.table,
            selectionRule: clustering.rule,
            segments: [],
            checksum: nil
        )
    }

    /// Reorders the centroids so that index = segment id, and fills in each segment's name and profile.
    /// - Parameter ids: `ids[cluster]` is the segment id given to k-means cluster `cluster`.
    mutating func assignSegments(
        ids: [Int], profiles: [SegmentProfile], names: [SegmentName], archetypes: SegmentArchetypes, rowCount: Int
    ) {
        var centroids = kmeans.centroids
        var segments: [Segment?] = Array(repeating: nil, count: ids.count)
        for (cluster, id) in ids.enumerated() {
            centroids[id] = kmeans.centroids[cluster]
            var profile = profiles[cluster]
            profile.id = id
            let name = names.first { $0.segment == cluster }
            let archetype = name.flatMap { name in name.isFallback ? nil : archetypes.archetype(named: name.archetype) }
            let fallback = archetypes.fallback
            segments[id] = Segment(
                id: id,
                name: archetype?.name ?? fallback.name(forSegment: id),
                description: archetype?.description ?? fallback.description,
                marketingStrategy: archetype?.marketingStrategy ?? fallback.marketingStrategy,
                retentionPriority: (archetype?.retentionPriority ?? fallback.retentionPriority).rawValue,
                nameScore: name?.score ?? 0,
                size: profile.size,
                share: rowCount > 0 ? Double(profile.size) / Double(rowCount) : 0,
                profile: profile
            )
        }
        kmeans.centroids = centroids
        self.segments = segments.compactMap { $0 }
    }
}
