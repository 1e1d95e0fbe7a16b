/// The seeded runs of one k-means fit and the choice of the best.
struct KMeansRestarts {
    private let data: Matrix
    private let options: KMeansOptions
    /// Absolute convergence tolerance: `options.tolerance` × mean column variance.
    private let tolerance: Double
    /// Margin that keeps Hamerly's skips safe from rounding in its bounds, far above that rounding.
    private let slack: Double
    private let fixedPoint: FixedPointScale

    init(data: Matrix, means: [Double], variances: [Double], options: KMeansOptions) {
        self.data = data
        self.options = options
        let totalVariance = variances.reduce(0, +)
        tolerance = options.tolerance * totalVariance / Double(data.columns)
        slack = 1e-9 * (totalVariance.squareRoot() + means.reduce(0) { $0 + $1 * $1 }.squareRoot())
        fixedPoint = FixedPointScale(largestMagnitude: data.values.reduce(0) { max($0, abs($1)) })
    }

    /// Runs every restart and returns the best.
    func best() -> KMeansResult {
        var seeds = SeededGenerator(seed: options.seed)
        let runSeeds = (0..<options.nInit).map { _ in seeds.next() }
        var sample: Matrix?
        if options.usesWarmStart(rows: data.rows) {
            let rows = RowSampling.indices(count: data.rows, sampleSize: options.warmStartRows, seed: seeds.next())
            sample = data.selectingRows(rows)
        }
        return withWorkspace(for: data) { workspace in
            guard let sample else { return best(of: runSeeds, workspace, sampleWorkspace: nil) }
            return withWorkspace(for: sample) { best(of: runSeeds, workspace, sampleWorkspace: $0) }
        }
    }

    private func best(
        of runSeeds: [UInt64],
        _ workspace: KMeansWorkspace,
        sampleWorkspace: KMeansWorkspace?
    ) -> KMeansResult {
        let seeding = KMeansPlusPlus(
            data: workspace.data, rows: data.rows, dimensions: data.columns, clusters: options.k
        )
        var best: KMeansResult?
        for runSeed in runSeeds {
            var generator = SeededGenerator(seed: runSeed)
            var start = seeding.centers(using: &generator)
            if let sampleWorkspace {
                start = iterate(sampleWorkspace, from: start).centers
            }
            let (centers, iterations, lastMotion) = iterate(workspace, from: start)
            let inertia = finalAssignment(workspace, centers: centers, lastMotion: lastMotion)
            if let best, !(inertia < best.inertia && !workspace.labelsRename(best.labels)) { continue }
            best = result(workspace, centers: centers, inertia: inertia, iterations: iterations)
        }
        return best ?? result(workspace, centers: [], inertia: 0, iterations: 0)
    }

    /// Calls `body` with a workspace over the rows of `matrix`, valid only inside `body`.
    private func withWorkspace<Result>(for matrix: Matrix, _ body: (KMeansWorkspace) -> Result) -> Result {
        matrix.withUnsafeBufferPointer { rows in
            body(
                KMeansWorkspace(
                    data: rows.baseAddress!, rows: matrix.rows, dimensions: matrix.columns, clusters: options.k,
                    algorithm: options.algorithm, fixedPoint: fixedPoint
                ))
        }
    }

    private func iterate(
        _ workspace: KMeansWorkspace,
        from start: [Double]
    ) -> (centers: [Double], iterations: Int, lastMotion: CenterMotion) {
        workspace.run(
            from: start, algorithm: options.algorithm, maxIterations: options.maxIterations,
            tolerance: tolerance, slack: slack
        )
    }

    /// Assigns every row to its nearest final centroid, leaving the labels in `workspace`; returns the inertia.
    private func finalAssignment(_ workspace: KMeansWorkspace, centers: [Double], lastMotion: CenterMotion) -> Double {
        if options.algorithm == .hamerly {
            return workspace.finalHamerlyAssignment(centers: centers, motion: lastMotion, slack: slack)
        }
        return centers.withUnsafeBufferPointer { centers in
            NearestCentroid.assign(
                data: workspace.data, rows: workspace.n, dimensions: workspace.d,
                centers: centers.baseAddress!, count: workspace.k, labels: workspace.labels.baseAddress!
            )
        }
    }

    private func result(
        _ workspace: KMeansWorkspace,
        centers: [Double],
        inertia: Double,
        iterations: Int
    ) -> KMeansResult {
        let labels = Array(workspace.labels)
        var sizes = [Int](repeating: 0, count: options.k)
        for label in labels {
            sizes[Int(label)] += 1
        }
        return KMeansResult(
            centroids: Matrix(rows: centers.count / data.columns, columns: data.columns, values: centers),
            labels: labels,
            inertia: inertia,
            iterations: iterations,
            sizes: sizes
        )
    }
}
