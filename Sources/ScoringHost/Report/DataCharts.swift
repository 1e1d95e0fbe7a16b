import Foundation
import SegmentCore

/// The charts drawn from a data file: the PCA scatter with the model's centroids, and the file's segment shares
/// beside the training shares.
enum DataCharts {
    static func scatter(_ model: SegmentModel, _ data: ReportData) -> String {
        let title = "Customers in PCA space (PC1 x PC2), coloured by segment"
        guard !data.points.isEmpty else {
            return ReportFigure.unavailable("scatter", title: title, reason: "The file holds no scorable rows.")
        }
        let centroids = model.kmeans.centroids.map { ($0.first ?? 0, $0.count > 1 ? $0[1] : 0) }
        let xs = data.points.map(\.pc1) + centroids.map { $0.0 }
        let ys = data.points.map(\.pc2) + centroids.map { $0.1 }
        let xDomain = padded(xs.min()!, xs.max()!), yDomain = padded(ys.min()!, ys.max()!)
        var canvas = SVGCanvas(height: 480)
        let ratios = model.pca.explainedVarianceRatio
        let share = { (index: Int) in index < ratios.count ? " (\(HTMLText.number(ratios[index] * 100, 1))%)" : "" }
        canvas.axes(
            x: xDomain, xTicks: SVGCanvas.ticks(xDomain.lowerBound, xDomain.upperBound),
            xLabel: "PC1 score\(share(0)), standardised units", y: yDomain,
            yTicks: SVGCanvas.ticks(yDomain.lowerBound, yDomain.upperBound),
            yLabel: "PC2 score\(share(1)), standardised units")
        let names = Dictionary(model.segments.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        for point in data.points {
            // No tooltip per point: 5,000 titles would double the page; the legend and centroids carry the values.
            canvas.circle(
                canvas.x(point.pc1, xDomain), canvas.y(point.pc2, yDomain), r: 2.2,
                fill: SVGCanvas.colour(point.segment), mark: "mark", tooltip: nil)
        }
        for (id, centroid) in centroids.enumerated() {
            canvas.circle(
                canvas.x(centroid.0, xDomain), canvas.y(centroid.1, yDomain), r: 8,
                fill: SVGCanvas.colour(id), mark: "centroid",
                tooltip: "Centroid of \(id) \(names[id] ?? ""): PC1 \(HTMLText.number(centroid.0, 3)), "
                    + "PC2 \(HTMLText.number(centroid.1, 3))", stroke: "#000")
        }
        let legend = model.segments.map { segment in
            "<span style=\"color:\(SVGCanvas.colour(segment.id))\">&#9679;</span> \(segment.id) "
                + HTMLText.escaped(segment.name)
        }.joined(separator: " &nbsp; ")
        return ReportFigure(
            name: "scatter", title: title, marks: data.points.count,
            svg: canvas.rendered(
                title: title,
                description: "\(data.points.count) of \(data.rows) rows (a seeded "
                    + "sample) as dots; centroids as large outlined circles."),
            note: "\(data.points.count) of \(data.rows) rows shown (seeded sample); black-outlined circles are the "
                + "centroids."
        ).html.replacingOccurrences(of: "</figure>", with: "<p class=\"note\">\(legend)</p></figure>")
    }

    /// Per segment, two bars from zero: the file's share (solid) and the training share (pale).
    static func shares(_ model: SegmentModel, _ data: ReportData) -> String {
        let title = "Segment shares: this file against training"
        let segments = model.segments
        let total = max(data.counts.reduce(0, +), 1)
        let fileShare = { (id: Int) in id < data.counts.count ? Double(data.counts[id]) / Double(total) : 0 }
        let high = (segments.flatMap { [$0.share, fileShare($0.id)] }.max() ?? 1) * 100 * 1.3
        var canvas = SVGCanvas(left: 180)
        let xDomain = 0.0...max(high, 1)
        canvas.axes(
            x: xDomain, xTicks: SVGCanvas.ticks(0, xDomain.upperBound), xLabel: "Share of customers (%)",
            y: 0...1, yTicks: [], yLabel: "")
        let band = (canvas.bottom - canvas.top) / Double(max(segments.count, 1))
        for (index, segment) in segments.enumerated() {
            let top = canvas.top + Double(index) * band
            let file = fileShare(segment.id) * 100, training = segment.share * 100
            let colour = SVGCanvas.colour(segment.id)
            canvas.rect(
                canvas.left, top + band * 0.1, canvas.x(file, xDomain) - canvas.left, band * 0.38,
                fill: colour, mark: "mark",
                tooltip: "\(segment.name), this file: \(HTMLText.number(file, 2))%"
                    + " (\(segment.id < data.counts.count ? data.counts[segment.id] : 0) rows)")
            canvas.rect(
                canvas.left, top + band * 0.5, canvas.x(training, xDomain) - canvas.left, band * 0.38,
                fill: colour + "66", mark: "mark",
                tooltip: "\(segment.name), training: \(HTMLText.number(training, 2))% (\(segment.size) rows)")
            canvas.text(canvas.left - 8, top + band * 0.5 + 4, "\(segment.id) \(segment.name)", anchor: "end")
            canvas.text(
                canvas.x(file, xDomain) + 4, top + band * 0.3 + 4, "file \(HTMLText.number(file, 1))%",
                anchor: "start", cls: "small")
            canvas.text(
                canvas.x(training, xDomain) + 4, top + band * 0.7 + 4,
                "training \(HTMLText.number(training, 1))%", anchor: "start", cls: "small")
        }
        return ReportFigure(
            name: "shares", title: title, marks: segments.count * 2,
            svg: canvas.rendered(
                title: title,
                description: "Two bars per segment from zero: the file's share "
                    + "(solid) and the training share (pale)."),
            note: "\(data.rows) rows assigned, \(data.rejected) rejected."
        ).html
    }

    private static func padded(_ low: Double, _ high: Double) -> ClosedRange<Double> {
        let pad = max((high - low) * 0.05, 1e-9)
        return (low - pad)...(high + pad)
    }
}
