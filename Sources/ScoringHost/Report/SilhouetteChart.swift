import Foundation
import SegmentCore

/// The silhouette plot of the sampled rows (Rousseeuw's, as scikit-learn's examples draw it): per segment, every
/// sampled customer's silhouette sorted and drawn as one filled profile, segments stacked with heights in proportion
/// to their sampled rows, the mean as a dashed line. A segment whose profile reaches left of zero holds customers
/// closer to another segment than to their own.
enum SilhouetteChart {
    static func figure(_ model: SegmentModel, _ data: ReportData) -> String {
        let title = "Silhouette of the sampled customers, per segment"
        guard !data.silhouettes.isEmpty, data.silhouettes.count == data.points.count else {
            return ReportFigure.unavailable(
                "silhouette-plot", title: title,
                reason: "Unavailable: the sample holds fewer than two segments, so no silhouette is defined.")
        }
        var bySegment: [Int: [Double]] = [:]
        for (point, value) in zip(data.points, data.silhouettes) { bySegment[point.segment, default: []].append(value) }
        let segments = model.segments.filter { bySegment[$0.id] != nil }
        let mean = data.silhouettes.reduce(0, +) / Double(data.silhouettes.count)
        let low = min(-0.2, ((data.silhouettes.min() ?? 0) * 10).rounded(.down) / 10)
        let xDomain = low...1.0
        var canvas = SVGCanvas(height: 420, left: 190)
        canvas.axes(
            x: xDomain, xTicks: SVGCanvas.ticks(low, 1), xLabel: "Silhouette coefficient (-1 to 1, unitless)",
            y: 0...1, yTicks: [], yLabel: "")
        let gap = 6.0
        let usable = canvas.bottom - canvas.top - gap * Double(segments.count + 1)
        var top = canvas.top + gap
        let zero = canvas.x(0, xDomain)
        for segment in segments {
            let values = (bySegment[segment.id] ?? []).sorted(by: >)
            let height = usable * Double(values.count) / Double(data.silhouettes.count)
            let step = height / Double(values.count)
            var outline: [(Double, Double)] = [(zero, top)]
            for (index, value) in values.enumerated() {
                outline.append((canvas.x(value, xDomain), top + step * Double(index)))
                outline.append((canvas.x(value, xDomain), top + step * Double(index + 1)))
            }
            outline.append((zero, top + height))
            let segmentMean = values.reduce(0, +) / Double(values.count)
            let negative = values.count { $0 < 0 }
            canvas.polygon(
                outline, fill: SVGCanvas.colour(segment.id), mark: "mark",
                tooltip: "\(segment.name): \(values.count) sampled rows, mean silhouette "
                    + "\(HTMLText.number(segmentMean, 3)), \(negative) below 0")
            canvas.text(canvas.left - 8, top + height / 2 + 4, "\(segment.id) \(segment.name)", anchor: "end")
            top += height + gap
        }
        canvas.referenceLine(
            verticalAt: canvas.x(mean, xDomain), label: "mean \(HTMLText.number(mean, 3))",
            tooltip: "Mean silhouette of the sample: \(HTMLText.number(mean, 4))")
        canvas.line(zero, canvas.top, zero, canvas.bottom, stroke: "#666")
        return ReportFigure(
            name: "silhouette-plot", title: title, marks: segments.count,
            svg: canvas.rendered(
                title: title,
                description: "One filled profile per segment of its sampled customers' silhouettes, sorted; the "
                    + "dashed line is the mean."),
            note: "\(data.silhouettes.count) sampled rows, distances in the model's PCA space among the sample "
                + "(the training silhouette, \(HTMLText.number(model.kmeans.silhouette, 4)), was measured on the "
                + "training rows). Left of 0: closer to another segment than to its own."
        ).html
    }
}
