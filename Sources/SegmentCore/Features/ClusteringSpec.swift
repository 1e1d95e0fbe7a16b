/// How many principal components to keep: `[pca]` in the spec, exactly one of `variance` or `components`.
package enum PCASpec: Sendable, Equatable, Codable {
    /// Keep the fewest components whose cumulative explained-variance ratio reaches this share, in (0, 1].
    case variance(Double)
    /// Keep exactly this many components.
    case components(Int)

    /// The default: enough components for 85% of the variance.
    package init() { self = .variance(0.85) }

    private enum CodingKeys: String, CodingKey {
        case variance, components
    }

    /// Decodes `{"variance": v}` or `{"components": n}`; exactly one of the two.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch (
            try container.decodeIfPresent(Double.self, forKey: .variance),
            try container.decodeIfPresent(Int.self, forKey: .components)
        ) {
        case (let share?, nil): self = .variance(share)
        case (nil, let count?): self = .components(count)
        default:
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: container.codingPath,
                    debugDescription: "pca needs exactly one of variance and components"))
        }
    }

    /// Encodes `{"variance": v}` or `{"components": n}`.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .variance(let share): try container.encode(share, forKey: .variance)
        case .components(let count): try container.encode(count, forKey: .components)
        }
    }
}

/// k-means settings: `[kmeans]` in the spec.
package struct KMeansSpec: Sendable, Equatable, Codable {
    /// A fixed number of clusters, or `auto` to choose one between `kMin` and `kMax`. Codes as a number or `"auto"`.
    package enum ClusterCount: Sendable, Equatable, Codable {
        /// Exactly this many clusters.
        case fixed(Int)
        /// Choose k by the auto rule over `kMin...kMax`, never below `minK`.
        case auto

        /// Decodes a number or the string `"auto"`.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let k = try? container.decode(Int.self) {
                self = .fixed(k)
                return
            }
            let text = try container.decode(String.self)
            guard text == "auto" else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "k must be a whole number or \"auto\", found \"\(text)\"")
            }
            self = .auto
        }

        /// Encodes a number or the string `"auto"`.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .fixed(let k): try container.encode(k)
            case .auto: try container.encode("auto")
            }
        }
    }

    /// Which k-means iteration to run.
    package enum Algorithm: String, Sendable, Equatable, Codable, CaseIterable {
        /// Let the trainer pick (Hamerly for low dimensions, else Lloyd).
        case auto
        /// Plain Lloyd iterations.
        case lloyd
        /// Hamerly's bounds-accelerated iterations (same result as Lloyd, fewer distance computations).
        case hamerly
    }

    /// Number of clusters.
    package var k: ClusterCount = .fixed(5)
    /// Smallest k the auto search evaluates.
    package var kMin = 2
    /// Largest k the auto search evaluates.
    package var kMax = 10
    /// Smallest k the auto rule may choose.
    package var minK = 3
    /// k-means++ restarts per k; the lowest inertia wins.
    package var nInit = 10
    /// k-means++ restarts per k when `k = "auto"`: the sweep compares k's, so each needs its best optimum.
    package var autoNInit = 30
    /// Iteration cap per run.
    package var maxIter = 300
    /// Convergence threshold on centroid movement, relative to the data's variance (as scikit-learn).
    package var tolerance = 1e-4
    /// Random seed for k-means++ and silhouette sampling.
    package var seed: UInt64 = 42
    /// Iteration algorithm.
    package var algorithm: Algorithm = .auto
    /// Up to this many rows the silhouette is computed exactly.
    package var silhouetteExactLimit = 20_000
    /// Above `silhouetteExactLimit` rows, the silhouette is estimated on a seeded sample of this many rows.
    package var silhouetteSample = 10_000

    /// The default settings, as documented in `etc/pipeline.toml`.
    package init() {}

    enum CodingKeys: String, CodingKey {
        case k
        case kMin = "k_min"
        case kMax = "k_max"
        case minK = "min_k"
        case nInit = "n_init"
        case autoNInit = "auto_n_init"
        case maxIter = "max_iter"
        case tolerance, seed, algorithm
        case silhouetteExactLimit = "silhouette_exact_limit"
        case silhouetteSample = "silhouette_sample"
    }
}
