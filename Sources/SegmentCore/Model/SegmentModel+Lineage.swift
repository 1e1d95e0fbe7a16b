extension SegmentModel {
    /// Clears `label` and `parent` before the content hash (``sealed()``).
    ///
    /// Both describe where a model stands among its versions, not how it scores: the same training result keeps one
    /// `model_version` (and one registry file, `var/models/<model_version>.json`) whatever a person calls it or
    /// which model it was matched against, so a manifest's `model_version` still says exactly which scoring
    /// produced it. The checksum covers them: they cannot be edited unseen. A file without them (every model
    /// before the registry) loads unchanged.
    mutating func removeLineage() {
        label = nil
        parent = nil
    }

    /// The model with `label` and `parent` set, sealed again: the same `model_version`, a new checksum.
    package func withLineage(label: String?, parent: String?) throws(ModelError) -> SegmentModel {
        var model = self
        model.label = label
        model.parent = parent
        return try model.sealed()
    }
}

/// One segment of a model and the segment of another model it corresponds to (`segmentd models diff A B`).
package struct SegmentCorrespondence: Sendable, Equatable {
    /// The segment id in the first model.
    package var segment: Int
    /// The matched segment id in the second model; nil when the first model has more segments than the second and
    /// this one found no partner.
    package var match: Int?
    /// Euclidean distance between the two centroids, in the first model's standardised feature space; nil without a
    /// match.
    package var distance: Double?
}

extension SegmentModel {
    /// For each segment of this model, its partner in `other` by the matching `train --previous` uses (an optimal
    /// one-to-one pairing of centroids carried back to feature space and standardised with this model's scaler),
    /// and how far apart they are. Nil when the two models were trained on different features.
    package func correspondence(to other: SegmentModel) -> [SegmentCorrespondence]? {
        guard pca.features == other.pca.features else { return nil }
        let mine = FeatureSpaceCentroids.centroids(of: self, scaledBy: scaler)
        let theirs = FeatureSpaceCentroids.centroids(of: other, scaledBy: scaler)
        let ids = CentroidMatcher.permutation(newCentroids: mine, oldCentroids: theirs)
        return ids.enumerated().map { segment, id in
            guard id < theirs.count else { return SegmentCorrespondence(segment: segment, match: nil, distance: nil) }
            var sum = 0.0
            for (left, right) in zip(mine[segment], theirs[id]) {
                sum += (left - right) * (left - right)
            }
            return SegmentCorrespondence(segment: segment, match: id, distance: sum.squareRoot())
        }
    }
}
