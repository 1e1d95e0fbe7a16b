extension PipelineSpec {
    /// The `[pca]` setting as the numeric core's component selection.
    var componentSelection: ComponentSelection {
        switch pca {
        case .variance(let share): .varianceShare(share)
        case .components(let count): .count(count)
        }
    }

    /// The `[kmeans] k` setting.
    var segmentCount: SegmentCount {
        switch kmeans.k {
        case .fixed(let k): .fixed(k)
        case .auto: .auto
        }
    }

    /// k-means options for one k, from the `[kmeans]` settings.
    func kmeansOptions(k: Int, seed: UInt64, sweep: Bool) -> KMeansOptions {
        KMeansOptions(
            k: k,
            nInit: sweep ? kmeans.autoNInit : kmeans.nInit,
            maxIterations: kmeans.maxIter,
            tolerance: kmeans.tolerance,
            seed: seed,
            algorithm: kmeans.algorithm == .lloyd ? .lloyd : .hamerly
        )
    }
}

extension ComponentSelection {
    /// How the component count was chosen, in words, for the model file.
    var summary: String {
        switch self {
        case .varianceShare(let share): "variance >= \(share)"
        case .count(let count): "components = \(count)"
        }
    }
}
