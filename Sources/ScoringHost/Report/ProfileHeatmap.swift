import Foundation
import SegmentCore

/// The profile heatmap: one cell per feature (raw and derived, as the profiler recorded them) and segment, coloured
/// by the segment's standardised difference from the overall mean on a diverging blue-white-vermillion scale (both
/// ends readable with any colour-vision deficiency), the value printed in the cell.
enum ProfileHeatmap {
    static let cellWidth = 96.0
    static let cellHeight = 22.0

    static func figure(_ model: SegmentModel) -> String {
        let title = "Segment profiles: standardised difference from the overall mean"
        let features = model.segments.first?.profile.features.map(\.name) ?? []
        guard !features.isEmpty else {
            return ReportFigure.unavailable("heatmap", title: title, reason: "The model records no profiles.")
        }
        let segments = model.segments
        let left = 270.0, top = 64.0, legend = 40.0
        var canvas = SVGCanvas(
            width: left + cellWidth * Double(segments.count) + 16,
            height: top + cellHeight * Double(features.count) + legend + 20, left: left, top: top)
        let values = segments.flatMap { $0.profile.features.map(\.standardizedDifference) }
        let limit = max(1, min(3, values.map(abs).filter(\.isFinite).max() ?? 1))
        for (column, segment) in segments.enumerated() {
            let cx = left + cellWidth * (Double(column) + 0.5)
            canvas.text(cx, top - 26, "\(segment.id)", cls: "axis")
            canvas.text(cx, top - 10, String(segment.name.prefix(14)), cls: "small")
        }
        var cells = 0
        for (row, name) in features.enumerated() {
            let y = top + cellHeight * Double(row)
            canvas.text(left - 8, y + cellHeight / 2 + 4, name, anchor: "end")
            for (column, segment) in segments.enumerated() {
                guard row < segment.profile.features.count else { continue }
                let stats = segment.profile.features[row]
                let z = stats.standardizedDifference
                let x = left + cellWidth * Double(column)
                canvas.rect(
                    x, y, cellWidth - 1, cellHeight - 1, fill: colour(z / limit), mark: "mark",
                    tooltip: "\(segment.name), \(name): \(HTMLText.number(z, 3)) standard deviations "
                        + "(segment mean \(HTMLText.number(stats.mean, 2)), median "
                        + "\(HTMLText.number(stats.median, 2)))")
                canvas.text(
                    x + cellWidth / 2, y + cellHeight / 2 + 4, (z >= 0 ? "+" : "") + HTMLText.number(z, 2),
                    cls: abs(z / limit) > 0.6 ? "cell light" : "cell")
                cells += 1
            }
        }
        let legendTop = top + cellHeight * Double(features.count) + 12
        let steps = 9
        for step in 0..<steps {
            let fraction = Double(step) / Double(steps - 1) * 2 - 1
            canvas.rect(
                left + Double(step) * 24, legendTop, 24, 12, fill: colour(fraction), mark: nil,
                tooltip: HTMLText.number(fraction * limit, 2) + " standard deviations")
        }
        canvas.text(
            left + Double(steps) * 24 + 8, legendTop + 11,
            "-\(HTMLText.number(limit, 1)) to +\(HTMLText.number(limit, 1)) SD from the overall mean",
            anchor: "start", cls: "small")
        canvas.text(left - 8, top - 26, "segment", anchor: "end", cls: "axis")
        return ReportFigure(
            name: "heatmap", title: title, marks: cells,
            svg: canvas.rendered(
                title: title,
                description: "Rows: \(features.count) features; columns: "
                    + "\(segments.count) segments; cell colour and text: standardised difference (unitless, in "
                    + "standard deviations)."),
            note: "Each cell: (segment mean - overall mean) / overall standard deviation, of the raw and derived "
                + "features the profiler records; blue below the mean, vermillion above."
        ).html
    }

    /// Diverging colour for `fraction` in -1...1: blue (#0072B2) through white to vermillion (#D55E00).
    static func colour(_ fraction: Double) -> String {
        let t = max(-1, min(1, fraction.isFinite ? fraction : 0))
        let end: (Double, Double, Double) = t < 0 ? (0x00, 0x72, 0xB2) : (0xD5, 0x5E, 0x00)
        let a = abs(t)
        let mix = { (channel: Double) in Int((255 + (channel - 255) * a).rounded()) }
        return String(format: "#%02X%02X%02X", mix(end.0), mix(end.1), mix(end.2))
    }
}
