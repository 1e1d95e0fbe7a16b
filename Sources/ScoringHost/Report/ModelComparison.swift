import Foundation
package import SegmentCore
import SegmentIO

/// `segmentd report --compare OTHER --data FILE`: the same rows labelled by the reported model and by another one
/// (a challenger, the previous champion), counted as a migration matrix: where each segment's customers would go.
package struct ModelComparison: Sendable {
    /// The other model's version and label.
    package var otherVersion: String
    package var otherLabel: String?
    /// The other model's segment names, by id.
    package var otherNames: [String]
    /// Rows by (reported model's segment, other model's segment), row-major: `matrix[a * otherNames.count + b]`.
    package var matrix: [Int]
    /// Rows both models could read and assign.
    package var rows: Int

    /// Rows the reported model put in segment `a` and the other one in `b`.
    package func count(_ a: Int, _ b: Int) -> Int { matrix[a * otherNames.count + b] }

    /// The adjusted Rand index of the two labellings (1: the same partition, whatever the names).
    package var adjustedRandIndex: Double {
        AdjustedRandIndex.index(table: matrix, rows: matrix.count / max(otherNames.count, 1), columns: otherNames.count)
    }

    /// Reads `path` once with the columns both models need (a row either model cannot read is left out of both) and
    /// assigns every row with each model.
    /// - Throws: `RecordError` when the file cannot be read; `ModelError` when a model cannot score.
    package static func load(path: String, model: SegmentModel, other: SegmentModel) throws -> ModelComparison {
        let first = try SegmentScorer(model: model)
        let second = try SegmentScorer(model: other)
        var columns = first.inputColumns
        for column in second.inputColumns where !columns.contains(column) { columns.append(column) }
        let table = try TrainingTable.load(path: path, idColumn: first.idColumn, columns: columns)
        let firstIndices = first.inputColumns.map { columns.firstIndex(of: $0)! }
        let secondIndices = second.inputColumns.map { columns.firstIndex(of: $0)! }
        let rowsA = model.kmeans.centroids.count, columnsB = other.kmeans.centroids.count
        var matrix = [Int](repeating: 0, count: rowsA * columnsB)
        var rows = 0
        let width = columns.count
        for row in 0..<table.rowCount {
            let values = table.values[row * width..<(row + 1) * width]
            let a = first.projection(of: firstIndices.map { values[values.startIndex + $0] }).assignment.segment
            let b = second.projection(of: secondIndices.map { values[values.startIndex + $0] }).assignment.segment
            guard (0..<rowsA).contains(a), (0..<columnsB).contains(b) else { continue }
            matrix[a * columnsB + b] += 1
            rows += 1
        }
        let names = Dictionary(other.segments.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return ModelComparison(
            otherVersion: other.modelVersion, otherLabel: other.label,
            otherNames: (0..<columnsB).map { names[$0] ?? "segment \($0)" }, matrix: matrix, rows: rows)
    }
}
