import Foundation
package import SegmentCore
import SegmentIO

/// What the report draws from a data file (`segmentd report --data FILE`): every row assigned with the model (so
/// raw and scored files are read alike: a scored file keeps its input columns) and a seeded sample of at most
/// ``maximumPoints`` rows' PCA coordinates, so the page stays small however large the file is.
package struct ReportData: Sendable {
    /// Points drawn at most in the scatter: enough to show the shape, small enough for a 2 MB page.
    package static let maximumPoints = 5_000

    /// One sampled row: its first two PCA coordinates and its segment.
    package struct Point: Sendable, Equatable {
        package var pc1: Double
        package var pc2: Double
        package var segment: Int
    }

    /// The file's name as shown in the report.
    package var source: String
    /// Rows assigned (rejected records excluded).
    package var rows: Int
    /// Rows the reader rejected.
    package var rejected: Int
    /// Rows per segment id (index = segment id).
    package var counts: [Int]
    package var points: [Point]
    /// Per segment id, rows by confidence in ``confidenceBinCount`` equal bins over [0, 1] (every row, not the
    /// sample).
    package var confidenceBins: [[Int]]
    /// Per segment id, the sum of the rows' confidences (for the exact mean).
    package var confidenceSums: [Double]
    /// The silhouette of each sampled point (same order as ``points``) among the sample, in the model's PCA space;
    /// empty when it is undefined (fewer than two segments in the sample).
    package var silhouettes: [Double]
    /// When the model was trained with a fixed k (no sweep recorded): inertia and silhouette of k-means fits for
    /// k = 2...10 on the sampled points in the model's PCA space, so the report can still draw an elbow. Empty when
    /// the model recorded its own sweep.
    package var sweep: [SegmentModel.SelectionRow]

    /// The k tried by ``sweep``.
    static let sweepKs = 2...10

    /// Bins of the confidence histograms: tenths, so each bar reads as "confidence 0.3 to 0.4".
    package static let confidenceBinCount = 10

    package init(
        source: String, rows: Int, rejected: Int, counts: [Int], points: [Point], confidenceBins: [[Int]] = [],
        confidenceSums: [Double] = [], silhouettes: [Double] = [], sweep: [SegmentModel.SelectionRow] = []
    ) {
        self.source = source
        self.rows = rows
        self.rejected = rejected
        self.counts = counts
        self.points = points
        self.confidenceBins = confidenceBins
        self.confidenceSums = confidenceSums
        self.silhouettes = silhouettes
        self.sweep = sweep
    }

    /// The bin of `confidence` (1.0 falls in the last bin).
    static func confidenceBin(_ confidence: Double) -> Int {
        guard confidence.isFinite else { return 0 }
        return min(max(Int(confidence * Double(confidenceBinCount)), 0), confidenceBinCount - 1)
    }

    /// Reads `path` (CSV or JSONL, raw or scored) with the model's input columns and assigns every row.
    /// - Throws: `RecordError` when the file cannot be read; `ModelError` when the model cannot score.
    package static func load(path: String, model: SegmentModel, seed: UInt64 = 42) throws -> ReportData {
        let scorer = try SegmentScorer(model: model)
        let table = try TrainingTable.load(path: path, idColumn: scorer.idColumn, columns: scorer.inputColumns)
        let width = scorer.inputColumns.count
        let chosen = Set(sample(count: table.rowCount, limit: maximumPoints, seed: seed))
        var counts = [Int](repeating: 0, count: model.kmeans.centroids.count)
        var bins = [[Int]](repeating: [Int](repeating: 0, count: confidenceBinCount), count: counts.count)
        var sums = [Double](repeating: 0, count: counts.count)
        var points: [Point] = []
        points.reserveCapacity(chosen.count)
        var coordinates: [Double] = []
        for row in 0..<table.rowCount {
            let values = Array(table.values[row * width..<(row + 1) * width])
            let (point, assignment) = scorer.projection(of: values)
            if assignment.segment >= 0, assignment.segment < counts.count {
                counts[assignment.segment] += 1
                bins[assignment.segment][confidenceBin(assignment.confidence)] += 1
                sums[assignment.segment] += assignment.confidence
            }
            if chosen.contains(row), assignment.segment >= 0, assignment.segment < counts.count {
                coordinates += point
                points.append(
                    Point(
                        pc1: point.first ?? 0, pc2: point.count > 1 ? point[1] : 0,
                        segment: assignment.segment))
            }
        }
        return ReportData(
            source: URL(fileURLWithPath: path).lastPathComponent, rows: table.rowCount,
            rejected: table.rejects.count, counts: counts, points: points, confidenceBins: bins, confidenceSums: sums,
            silhouettes: silhouettes(of: points, coordinates: coordinates, segments: counts.count),
            sweep: model.selection.count > 1 ? [] : sweep(coordinates: coordinates, rows: points.count, seed: seed))
    }

    /// The silhouettes of the sampled points among themselves (`coordinates`: their projections, row-major).
    static func silhouettes(of points: [Point], coordinates: [Double], segments: Int) -> [Double] {
        guard !points.isEmpty, coordinates.count % points.count == 0 else { return [] }
        let matrix = Matrix(rows: points.count, columns: coordinates.count / points.count, values: coordinates)
        return Silhouette.pointScores(matrix, labels: points.map { Int32($0.segment) }, clusterCount: segments)
    }

    /// k-means for every k of ``sweepKs`` on the sampled points (row-major `coordinates`), seeded; the silhouettes
    /// of all the labellings computed together. Empty when the sample is too small for k = 10.
    static func sweep(coordinates: [Double], rows: Int, seed: UInt64) -> [SegmentModel.SelectionRow] {
        guard rows > sweepKs.upperBound * 2, coordinates.count % rows == 0 else { return [] }
        let matrix = Matrix(rows: rows, columns: coordinates.count / rows, values: coordinates)
        var fits: [(k: Int, result: KMeansResult)] = []
        for k in sweepKs {
            guard let result = try? KMeans.fit(matrix, options: KMeansOptions(k: k, seed: seed)) else { return [] }
            fits.append((k, result))
        }
        let silhouettes = Silhouette.scores(
            matrix, labelings: fits.map(\.result.labels), clusterCounts: fits.map(\.k))
        return zip(fits, silhouettes).map { fit, silhouette in
            SegmentModel.SelectionRow(k: fit.k, inertia: fit.result.inertia, silhouette: silhouette)
        }
    }

    /// `limit` distinct row indices out of `count`, chosen uniformly by a seeded reservoir (all when fewer).
    static func sample(count: Int, limit: Int, seed: UInt64) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        var generator = SeededGenerator(seed: seed)
        var reservoir = Array(0..<limit)
        for index in limit..<count {
            let slot = generator.nextInt(below: index + 1)
            if slot < limit { reservoir[slot] = index }
        }
        return reservoir.sorted()
    }
}
