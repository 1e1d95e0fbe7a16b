import Foundation
import SegmentCore

/// Per-segment confidence histograms of a data file: one panel per segment, stacked, bars from zero on one shared
/// scale, so a segment whose customers sit near a boundary (mass at low confidence) stands out at a glance.
enum ConfidenceChart {
    static func figure(_ model: SegmentModel, _ data: ReportData) -> String {
        let title = "Confidence by segment (share of the segment's rows per confidence tenth)"
        let segments = model.segments.filter { $0.id < data.confidenceBins.count }
        guard !segments.isEmpty, data.rows > 0 else {
            return ReportFigure.unavailable("confidence", title: title, reason: "The file holds no scorable rows.")
        }
        let shares = segments.map { segment -> [Double] in
            let bins = data.confidenceBins[segment.id]
            let total = max(bins.reduce(0, +), 1)
            return bins.map { Double($0) / Double(total) * 100 }
        }
        let high = max(shares.joined().max() ?? 0, 1)
        let panel = 64.0
        var canvas = SVGCanvas(height: 16 + 56 + panel * Double(segments.count), left: 190)
        let xDomain = 0.0...1.0
        canvas.axes(
            x: xDomain, xTicks: SVGCanvas.ticks(0, 1), xLabel: "Confidence (1 - d1/d2, unitless)", y: 0...1,
            yTicks: [], yLabel: "")
        let binWidth = (canvas.right - canvas.left) / Double(ReportData.confidenceBinCount)
        for (index, segment) in segments.enumerated() {
            let base = canvas.top + panel * Double(index + 1) - 6
            let height = panel - 16
            canvas.line(canvas.left, base, canvas.right, base, stroke: "#bbb")
            canvas.text(canvas.left - 8, base - height / 2 + 4, "\(segment.id) \(segment.name)", anchor: "end")
            let counts = data.confidenceBins[segment.id]
            for (bin, share) in shares[index].enumerated() {
                let low = Double(bin) / Double(ReportData.confidenceBinCount)
                let barHeight = share / high * height
                canvas.rect(
                    canvas.left + Double(bin) * binWidth + 1, base - barHeight, binWidth - 2, barHeight,
                    fill: SVGCanvas.colour(segment.id), mark: "mark",
                    tooltip: "\(segment.name), confidence \(HTMLText.number(low, 1))-"
                        + "\(HTMLText.number(low + 0.1, 1)): \(counts[bin]) rows (\(HTMLText.number(share, 2))%)")
            }
            let rows = counts.reduce(0, +)
            let sum = segment.id < data.confidenceSums.count ? data.confidenceSums[segment.id] : 0
            let mean = rows > 0 ? sum / Double(rows) : 0
            canvas.text(
                canvas.right, base - height + 4, "mean \(HTMLText.number(mean, 3))", anchor: "end", cls: "small")
        }
        return ReportFigure(
            name: "confidence", title: title, marks: segments.count * ReportData.confidenceBinCount,
            svg: canvas.rendered(
                title: title,
                description: "One histogram per segment of \(ReportData.confidenceBinCount) bars from zero, "
                    + "on a shared scale whose tallest bar is \(HTMLText.number(high, 1))% of its segment."),
            note: "Every assigned row counted (not the sample); bar heights share one scale, the tallest being "
                + "\(HTMLText.number(high, 1))% of its segment's rows; each panel's mean is exact."
        ).html
    }
}
