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

    package init(source: String, rows: Int, rejected: Int, counts: [Int], points: [Point]) {
        self.source = source
        self.rows = rows
        self.rejected = rejected
        self.counts = counts
        self.points = points
    }

    /// Reads `path` (CSV or JSONL, raw or scored) with the model's input columns and assigns every row.
    /// - Throws: `RecordError` when the file cannot be read; `ModelError` when the model cannot score.
    package static func load(path: String, model: SegmentModel, seed: UInt64 = 42) throws -> ReportData {
        let scorer = try SegmentScorer(model: model)
        let table = try TrainingTable.load(path: path, idColumn: scorer.idColumn, columns: scorer.inputColumns)
        let width = scorer.inputColumns.count
        let chosen = Set(sample(count: table.rowCount, limit: maximumPoints, seed: seed))
        var counts = [Int](repeating: 0, count: model.kmeans.centroids.count)
        var points: [Point] = []
        points.reserveCapacity(chosen.count)
        for row in 0..<table.rowCount {
            let values = Array(table.values[row * width..<(row + 1) * width])
            let (point, assignment) = scorer.projection(of: values)
            if assignment.segment >= 0, assignment.segment < counts.count { counts[assignment.segment] += 1 }
            if chosen.contains(row) {
                points.append(
                    Point(
                        pc1: point.first ?? 0, pc2: point.count > 1 ? point[1] : 0,
                        segment: assignment.segment))
            }
        }
        return ReportData(
            source: URL(fileURLWithPath: path).lastPathComponent, rows: table.rowCount,
            rejected: table.rejects.count, counts: counts, points: points)
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
