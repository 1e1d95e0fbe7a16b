/// The k-means step of training: one k, or every k of a range with the choice made by `KSelection`.
struct SegmentClustering: Sendable {
    var result: KMeansResult
    var silhouette: Double
    var silhouetteRows: Int
    var table: [SegmentModel.SelectionRow]
    var rule: SegmentModel.SelectionRule
    var options: KMeansOptions

    static func run(on points: Matrix, spec: PipelineSpec, segmentCount: SegmentCount, seed: UInt64) throws
        -> SegmentClustering
    {
        let settings = spec.kmeans
        let ks: [Int]
        switch segmentCount {
        case .fixed(let k):
            guard k >= 2, k < points.rows else { throw TrainingError.badSegmentCount(k, rows: points.rows) }
            guard k <= ModelTrainer.maximumSegments(rows: points.rows) else {
                throw TrainingError.tooManySegments(k, rows: points.rows)
            }
            ks = [k]
        case .auto:
            let upper = min(settings.kMax, points.rows - 1)
            guard settings.kMin >= 2, settings.kMin <= upper else {
                throw TrainingError.badSegmentCount(settings.kMin, rows: points.rows)
            }
            // The search obeys the bound a fixed --k does: no k with fewer than 10 rows per segment on average.
            let allowed = min(upper, ModelTrainer.maximumSegments(rows: points.rows))
            guard settings.kMin <= allowed else {
                throw TrainingError.tooFewRowsForSearch(kMin: settings.kMin, rows: points.rows)
            }
            ks = Array(settings.kMin...allowed)
        }

        var results: [KMeansResult] = []
        var optionsByK: [KMeansOptions] = []
        for k in ks {
            let options = spec.kmeansOptions(k: k, seed: seed, sweep: segmentCount == .auto)
            optionsByK.append(options)
            do {
                results.append(try KMeans.fit(points, options: options))
            } catch {
                throw TrainingError.numeric(String(describing: error))
            }
        }

        let (sample, sampleRows) = silhouetteSample(of: points, settings: settings, seed: seed)
        let labelings = results.map { result in sampleRows.map { result.labels[$0] } }
        let silhouettes = Silhouette.scores(sample, labelings: labelings, clusterCounts: ks)
        let table = zip(ks, zip(results, silhouettes)).map { k, pair in
            SegmentModel.SelectionRow(k: k, inertia: pair.0.inertia, silhouette: pair.1)
        }

        let chosenIndex: Int
        let rule: SegmentModel.SelectionRule
        if case .fixed(let k) = segmentCount {
            chosenIndex = 0
            rule = SegmentModel.SelectionRule(
                mode: "fixed", chosen: k, elbow: nil, bestSilhouette: nil, reason: "k = \(k) was requested")
        } else {
            let choice = KSelection.choose(
                ks: ks, inertias: results.map(\.inertia), silhouettes: silhouettes, minimumK: settings.minK
            )
            chosenIndex = ks.firstIndex(of: choice.k) ?? 0
            rule = SegmentModel.SelectionRule(
                mode: "auto", chosen: choice.k, elbow: choice.elbowK, bestSilhouette: choice.silhouetteBestK,
                reason: choice.reason
            )
        }
        return SegmentClustering(
            result: results[chosenIndex], silhouette: silhouettes[chosenIndex], silhouetteRows: sampleRows.count,
            table: table, rule: rule, options: optionsByK[chosenIndex]
        )
    }

    /// All rows up to the exact limit; above it, a seeded sample of `silhouette_sample` rows.
    private static func silhouetteSample(of points: Matrix, settings: KMeansSpec, seed: UInt64) -> (Matrix, [Int]) {
        guard points.rows > settings.silhouetteExactLimit else { return (points, Array(0..<points.rows)) }
        let rows = Silhouette.sampleIndices(count: points.rows, sampleSize: settings.silhouetteSample, seed: seed)
        return (points.selectingRows(rows), rows)
    }
}
