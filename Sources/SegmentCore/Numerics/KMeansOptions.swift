/// How each k-means run moves its centroids.
package enum KMeansAlgorithm: String, Sendable, Equatable, Codable, CaseIterable {
    /// Plain Lloyd iterations: every row is compared with every centroid in every iteration.
    case lloyd
    /// Lloyd iterations accelerated with Hamerly's distance bounds, which skip rows whose nearest centroid
    /// cannot have changed. Same assignments, centroids and results as `.lloyd`, bit for bit, only faster.
    case hamerly
}

/// Settings of ``KMeans/fit(_:options:)``, mirroring scikit-learn's `KMeans` parameters.
package struct KMeansOptions: Sendable, Equatable, Codable {
    /// Number of clusters (at least 1, at most the number of rows).
    package var k: Int
    /// Number of independently seeded runs; the one with the lowest inertia wins (scikit-learn `n_init`).
    package var nInit: Int
    /// Maximum Lloyd iterations per run (scikit-learn `max_iter`).
    package var maxIterations: Int
    /// Convergence tolerance relative to the data (scikit-learn `tol`): a run stops once the sum of squared
    /// centroid shifts is at most `tolerance` × the mean of the per-column variances.
    package var tolerance: Double
    /// Seed of all randomness; the same data, options and seed give a bit-identical result.
    package var seed: UInt64
    /// Iteration strategy; both give the same result.
    package var algorithm: KMeansAlgorithm
    /// Size of the warm-start sample, or 0 for none. When the data has more than four times this many
    /// rows, every run (still seeded on all rows) first iterates to convergence on one fixed seeded sample
    /// of this many rows, then continues on all rows until the stopping rule holds there. The result is
    /// still a converged Lloyd run on all rows, but reached in a handful of full passes.
    package var warmStartRows: Int

    /// Creates options; the defaults are scikit-learn's.
    package init(
        k: Int,
        nInit: Int = 10,
        maxIterations: Int = 300,
        tolerance: Double = 1e-4,
        seed: UInt64 = 0,
        algorithm: KMeansAlgorithm = .hamerly,
        warmStartRows: Int = 100_000
    ) {
        self.k = k
        self.nInit = nInit
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.seed = seed
        self.algorithm = algorithm
        self.warmStartRows = warmStartRows
    }

    private enum CodingKeys: String, CodingKey {
        case k, nInit, maxIterations, tolerance, seed, algorithm, warmStartRows
    }

    /// Decodes options; every key except `k` may be left out and then takes its default.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = KMeansOptions(k: try container.decode(Int.self, forKey: .k))
        self.init(
            k: defaults.k,
            nInit: try container.decodeIfPresent(Int.self, forKey: .nInit) ?? defaults.nInit,
            maxIterations: try container.decodeIfPresent(Int.self, forKey: .maxIterations) ?? defaults.maxIterations,
            tolerance: try container.decodeIfPresent(Double.self, forKey: .tolerance) ?? defaults.tolerance,
            seed: try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? defaults.seed,
            algorithm: try container.decodeIfPresent(KMeansAlgorithm.self, forKey: .algorithm) ?? defaults.algorithm,
            warmStartRows: try container.decodeIfPresent(Int.self, forKey: .warmStartRows) ?? defaults.warmStartRows
        )
    }

    /// Whether runs on `rows` rows start on a sample (see `warmStartRows`).
    func usesWarmStart(rows: Int) -> Bool {
        warmStartRows > 0 && warmStartRows <= (rows - 1) / 4
    }

    /// Throws if an option is outside its valid range for `rows` data rows.
    func validate(rows: Int) throws(NumericError) {
        guard k >= 1, k <= rows else {
            throw NumericError(
                code: .invalidClusterCount,
                message: "k-means was asked for k = \(k) clusters but there are \(rows) rows; "
                    + "k must be between 1 and the number of rows"
            )
        }
        guard nInit >= 1 else { throw .invalidOption("nInit", value: "\(nInit)", expected: "at least 1") }
        guard maxIterations >= 1 else {
            throw .invalidOption("maxIterations", value: "\(maxIterations)", expected: "at least 1")
        }
        guard warmStartRows >= 0 else {
            throw .invalidOption(
                "warmStartRows", value: "\(warmStartRows)", expected: "0 (off) or a positive row count"
            )
        }
        guard tolerance >= 0, tolerance.isFinite else {
            throw .invalidOption("tolerance", value: "\(tolerance)", expected: "a finite number ≥ 0, e.g. 1e-4")
        }
    }
}
