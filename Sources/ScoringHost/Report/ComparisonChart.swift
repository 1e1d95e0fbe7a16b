import Foundation
import SegmentCore

/// The migration matrix of `--compare`: rows are the reported model's segments, columns the other model's, each
/// cell the customers labelled by both, coloured by the share of its row (where that segment's customers go).
enum ComparisonChart {
    static let cellWidth = 110.0
    static let cellHeight = 30.0

    static func figure(_ model: SegmentModel, _ comparison: ModelComparison) -> String {
        let other = comparison.otherLabel.map { "\(comparison.otherVersion) (\($0))" } ?? comparison.otherVersion
        let title = "Migration matrix: \(model.modelVersion) (rows) against \(other) (columns), same rows"
        let names = model.segments.map(\.name)
        let left = 220.0, top = 64.0
        var canvas = SVGCanvas(
            width: left + cellWidth * Double(comparison.otherNames.count) + 16,
            height: top + cellHeight * Double(names.count) + 24, left: left, top: top)
        for (column, name) in comparison.otherNames.enumerated() {
            let cx = left + cellWidth * (Double(column) + 0.5)
            canvas.text(cx, top - 26, "\(column)", cls: "axis")
            canvas.text(cx, top - 10, String(name.prefix(16)), cls: "small")
        }
        for (row, name) in names.enumerated() {
            let total = max((0..<comparison.otherNames.count).reduce(0) { $0 + comparison.count(row, $1) }, 1)
            let y = top + cellHeight * Double(row)
            canvas.text(left - 8, y + cellHeight / 2 + 4, "\(row) \(name)", anchor: "end")
            for column in comparison.otherNames.indices {
                let count = comparison.count(row, column)
                let share = Double(count) / Double(total)
                let x = left + cellWidth * Double(column)
                canvas.rect(
                    x, y, cellWidth - 1, cellHeight - 1, fill: ProfileHeatmap.colour(share), mark: "mark",
                    tooltip: "\(name) -> \(comparison.otherNames[column]): \(count) rows, "
                        + "\(HTMLText.number(share * 100, 2))% of \(name)")
                canvas.text(
                    x + cellWidth / 2, y + cellHeight / 2 + 4, "\(count) (\(HTMLText.number(share * 100, 0))%)",
                    cls: share > 0.6 ? "cell light" : "cell")
            }
        }
        return ReportFigure(
            name: "compare", title: title, marks: names.count * comparison.otherNames.count,
            svg: canvas.rendered(
                title: title,
                description: "\(names.count) rows by \(comparison.otherNames.count) columns of customer counts; "
                    + "colour: the share of the row's customers."),
            note: "\(comparison.rows) rows labelled by both models; adjusted Rand index "
                + "\(HTMLText.number(comparison.adjustedRandIndex, 4)) (1: the same partition whatever the names). "
                + "Segment ids need not match across models: read the names."
        ).html
    }
}
