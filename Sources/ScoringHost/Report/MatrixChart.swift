import Foundation

/// A matrix of customer counts as a heatmap: rows are where customers come from, columns where they go, each cell
/// coloured by its share of the row and labelled with its count and that share. Drawn for `--compare` (two models'
/// labellings of the same rows) and for the migration monitor's flows between segments.
struct MatrixChart {
    var name: String
    var title: String
    var rowNames: [String]
    var columnNames: [String]
    /// Rows by (row, column).
    var count: (Int, Int) -> Int
    var description: String
    var note: String

    static let cellWidth = 110.0
    static let cellHeight = 30.0

    var html: String {
        let left = 220.0, top = 64.0
        var canvas = SVGCanvas(
            width: left + Self.cellWidth * Double(columnNames.count) + 16,
            height: top + Self.cellHeight * Double(rowNames.count) + 24, left: left, top: top)
        for (column, name) in columnNames.enumerated() {
            let cx = left + Self.cellWidth * (Double(column) + 0.5)
            canvas.text(cx, top - 10, String(name.prefix(16)), cls: "small")
        }
        for (row, name) in rowNames.enumerated() {
            let total = max(columnNames.indices.reduce(0) { $0 + count(row, $1) }, 1)
            let y = top + Self.cellHeight * Double(row)
            canvas.text(left - 8, y + Self.cellHeight / 2 + 4, name, anchor: "end")
            for (column, target) in columnNames.enumerated() {
                let cell = count(row, column)
                let share = Double(cell) / Double(total)
                let x = left + Self.cellWidth * Double(column)
                canvas.rect(
                    x, y, Self.cellWidth - 1, Self.cellHeight - 1, fill: ProfileHeatmap.colour(share), mark: "mark",
                    tooltip: "\(name) -> \(target): \(cell) rows, \(HTMLText.number(share * 100, 2))% of \(name)")
                canvas.text(
                    x + Self.cellWidth / 2, y + Self.cellHeight / 2 + 4,
                    "\(cell) (\(HTMLText.number(share * 100, 0))%)",
                    cls: share > 0.6 ? "cell light" : "cell")
            }
        }
        return ReportFigure(
            name: name, title: title, marks: rowNames.count * columnNames.count,
            svg: canvas.rendered(title: title, description: description), note: note
        ).html
    }
}
