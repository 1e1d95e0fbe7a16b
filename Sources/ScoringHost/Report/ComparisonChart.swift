import Foundation
import SegmentCore

/// The migration matrix of `--compare`: rows are the reported model's segments, columns the other model's, each cell
/// the customers labelled by both, coloured by the share of its row (where that segment's customers go).
enum ComparisonChart {
    static func figure(_ model: SegmentModel, _ comparison: ModelComparison) -> String {
        let other = comparison.otherLabel.map { "\(comparison.otherVersion) (\($0))" } ?? comparison.otherVersion
        let names = model.segments.map { "\($0.id) \($0.name)" }
        return MatrixChart(
            name: "compare",
            title: "Migration matrix: \(model.modelVersion) (rows) against \(other) (columns), same rows",
            rowNames: names, columnNames: comparison.otherNames.enumerated().map { "\($0.offset) \($0.element)" },
            count: comparison.count,
            description: "\(names.count) rows by \(comparison.otherNames.count) columns of customer counts; colour: "
                + "the share of the row's customers.",
            note: "\(comparison.rows) rows labelled by both models; adjusted Rand index "
                + "\(HTMLText.number(comparison.adjustedRandIndex, 4)) (1: the same partition whatever the names). "
                + "Segment ids need not match across models: read the names."
        ).html
    }
}
