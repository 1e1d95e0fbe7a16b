/// Decides which segment id each k-means cluster gets.
///
/// With a previous model, a cluster takes the id of the old centroid nearest to it (an optimal one-to-one matching),
/// so ids keep their meaning across model versions. Without one, ids follow the order of the archetypes in
/// `segments.toml`, and clusters without an archetype come after them, largest first.
enum SegmentIdentity {
    static func ids(
        draft: SegmentModel,
        names: [SegmentName],
        sizes: [Int],
        archetypes: SegmentArchetypes,
        previous: SegmentModel?
    ) throws -> [Int] {
        if let previous {
            guard previous.pca.features == draft.pca.features else {
                throw TrainingError.previousModelMismatch("its features differ from this pipeline's")
            }
            let scaler = draft.scaler
            let new = FeatureSpaceCentroids.centroids(of: draft, scaledBy: scaler)
            let old = FeatureSpaceCentroids.centroids(of: previous, scaledBy: scaler)
            let matched = CentroidMatcher.permutation(newCentroids: new, oldCentroids: old, newSizes: sizes)
            return compacted(matched)
        }
        let k = sizes.count
        let rank: (Int) -> Int = { cluster in
            let archetype = names.first { $0.segment == cluster }?.archetype
            return archetypes.archetypes.firstIndex { $0.name == archetype } ?? archetypes.archetypes.count
        }
        let order = (0..<k).sorted { a, b in
            (rank(a), -sizes[a], a) < (rank(b), -sizes[b], b)
        }
        var ids = Array(repeating: 0, count: k)
        for (id, cluster) in order.enumerated() { ids[cluster] = id }
        return ids
    }

    /// Keeps the order of matched ids but closes gaps (fewer clusters than before), so ids are `0..<k`.
    private static func compacted(_ ids: [Int]) -> [Int] {
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        var compact = ids
        for (rank, cluster) in order.enumerated() { compact[cluster] = rank }
        return compact
    }

    /// Maps k-means cluster labels to segment ids.
    static func relabel(_ labels: [Int32], ids: [Int]) -> [Int32] {
        let table = ids.map(Int32.init)
        return labels.map { table[Int($0)] }
    }
}

/// Centroids carried from a model's PCA space back to feature space and standardised with one common scaler,
/// so the centroids of two models trained on the same pipeline can be compared.
enum FeatureSpaceCentroids {
    static func centroids(of model: SegmentModel, scaledBy common: SegmentModel.Scaler) -> [[Double]] {
        let width = model.pca.features.count
        let numeric = model.scaler.mean.count
        return model.kmeans.centroids.map { centroid in
            var point = model.pca.mean
            for (component, weight) in zip(model.pca.components, centroid) {
                for column in 0..<width { point[column] += weight * component[column] }
            }
            for column in 0..<min(numeric, common.mean.count) {
                let raw = point[column] * model.scaler.scale[column] + model.scaler.mean[column]
                point[column] = (raw - common.mean[column]) / common.scale[column]
            }
            return point
        }
    }
}
