import Foundation
import SegmentCore

/// The charts drawn from the model alone: the k sweep (elbow and silhouette), explained variance, segment sizes.
enum ModelCharts {
    /// Inertia against k from the training sweep, the chosen k marked; when k was fixed, from `data`'s sweep over
    /// its sample (``ReportData/sweep``), else a sentence saying why it is missing.
    static func elbow(_ model: SegmentModel, data: ReportData? = nil) -> String {
        sweep(
            model, data: data, name: "elbow", title: "Elbow: within-cluster inertia by k",
            yLabel: "Inertia (squared PCA units)", value: \.inertia, decimals: 2)
    }

    /// Mean silhouette against k from the training sweep (or `data`'s), the chosen k marked.
    static func silhouette(_ model: SegmentModel, data: ReportData? = nil) -> String {
        sweep(
            model, data: data, name: "silhouette", title: "Mean silhouette by k", yLabel: "Mean silhouette (-1 to 1)",
            value: \.silhouette, decimals: 4)
    }

    private static func sweep(
        _ model: SegmentModel, data: ReportData?, name: String, title: String, yLabel: String,
        value: KeyPath<SegmentModel.SelectionRow, Double>, decimals: Int
    ) -> String {
        let fromData = model.selection.count <= 1 && (data?.sweep.count ?? 0) > 1
        let rows = (fromData ? data?.sweep ?? [] : model.selection).sorted { $0.k < $1.k }
        guard rows.count > 1 else {
            return ReportFigure.unavailable(
                name, title: title,
                reason: "Unavailable: k was fixed at \(model.kmeans.k) when this model was trained, so there is no "
                    + "sweep over k to plot (train with k = \"auto\" to record one, or pass --data FILE to sweep k "
                    + "over a sample of that file).")
        }
        var canvas = SVGCanvas()
        let ks = rows.map { Double($0.k) }
        let values = rows.map { $0[keyPath: value] }
        let xDomain = (ks.min()! - 0.5)...(ks.max()! + 0.5)
        let low = min(0, values.min()!), high = values.max()! * 1.08
        let yDomain = low...(high > low ? high : low + 1)
        canvas.axes(
            x: xDomain, xTicks: ks, xLabel: "Number of segments k", y: yDomain,
            yTicks: SVGCanvas.ticks(yDomain.lowerBound, yDomain.upperBound), yLabel: yLabel)
        let frame = canvas
        canvas.polyline(zip(ks, values).map { (frame.x($0, xDomain), frame.y($1, yDomain)) }, stroke: "#0072B2")
        for (row, v) in zip(rows, values) {
            let chosen = row.k == model.kmeans.k
            let px = canvas.x(Double(row.k), xDomain), py = canvas.y(v, yDomain)
            if chosen {
                canvas.referenceLine(verticalAt: px, label: "chosen k = \(row.k)")
            }
            canvas.circle(
                px, py, r: chosen ? 7 : 4.5, fill: chosen ? "#D55E00" : "#0072B2", mark: "mark",
                tooltip: "k = \(row.k): \(HTMLText.number(v, decimals))" + (chosen ? " (chosen)" : ""))
        }
        return ReportFigure(
            name: name, title: title, marks: rows.count,
            svg: canvas.rendered(
                title: title,
                description: "Line chart over k = \(rows.first!.k) to "
                    + "\(rows.last!.k); the chosen k = \(model.kmeans.k) is marked."),
            note: fromData
                ? "k was fixed at \(model.kmeans.k) in training; this sweep is k-means on the "
                    + "\(data?.points.count ?? 0) sampled rows of \(data?.source ?? "the data file") "
                    + "in the model's PCA space (seeded)."
                : "How k was chosen: \(model.selectionRule.reason)"
        ).html
    }

    /// Explained-variance ratio of every component as bars (kept ones in colour), the cumulative ratio as a line,
    /// and the variance threshold of the selection rule when it has one.
    static func variance(_ model: SegmentModel) -> String {
        let all =
            model.pca.explainedVarianceRatioAll.isEmpty
            ? model.pca.explainedVarianceRatio : model.pca.explainedVarianceRatioAll
        let title = "Explained variance per principal component"
        guard !all.isEmpty else {
            return ReportFigure.unavailable("variance", title: title, reason: "The model records no variance ratios.")
        }
        let kept = model.pca.explainedVarianceRatio.count
        var canvas = SVGCanvas()
        let xDomain = 0.5...(Double(all.count) + 0.5)
        let yDomain = 0.0...100.0
        let step = max(1, all.count / 12)
        canvas.axes(
            x: xDomain, xTicks: stride(from: 1, through: all.count, by: step).map(Double.init),
            xLabel: "Principal component (\(kept) of \(all.count) kept)", y: yDomain,
            yTicks: SVGCanvas.ticks(0, 100), yLabel: "Explained variance (%)")
        let width = (canvas.right - canvas.left) / Double(all.count) * 0.7
        var cumulative = 0.0
        var line: [(Double, Double)] = []
        for (index, ratio) in all.enumerated() {
            cumulative += ratio
            let px = canvas.x(Double(index + 1), xDomain)
            let top = canvas.y(ratio * 100, yDomain)
            canvas.rect(
                px - width / 2, top, width, canvas.bottom - top, fill: index < kept ? "#56B4E9" : "#cccccc",
                mark: "mark",
                tooltip: "PC\(index + 1): \(HTMLText.number(ratio * 100, 2))% "
                    + "(cumulative \(HTMLText.number(cumulative * 100, 2))%)"
                    + (index < kept ? ", kept" : ", dropped"))
            line.append((px, canvas.y(cumulative * 100, yDomain)))
        }
        canvas.polyline(line, stroke: "#E69F00")
        for (index, point) in line.enumerated() {
            canvas.circle(
                point.0, point.1, r: 3, fill: "#E69F00", mark: nil,
                tooltip: "Cumulative after PC\(index + 1): "
                    + HTMLText.number(all.prefix(index + 1).reduce(0, +) * 100, 2) + "%")
        }
        if let threshold = threshold(model.pca.selection) {
            canvas.referenceLine(
                horizontalAt: canvas.y(threshold * 100, yDomain),
                label: "threshold \(HTMLText.number(threshold * 100, 0))%",
                tooltip: "Threshold: \(HTMLText.number(threshold * 100, 1))%")
        }
        return ReportFigure(
            name: "variance", title: title, marks: all.count,
            svg: canvas.rendered(
                title: title,
                description: "Bars: variance ratio per component; orange line: "
                    + "cumulative ratio; dashed line: the selection threshold."),
            note: "Selection: \(model.pca.selection). Bars in blue are kept; the orange line is cumulative."
        ).html
    }

    /// The variance threshold of a selection such as `variance >= 0.85`; nil for a fixed component count.
    static func threshold(_ selection: String) -> Double? {
        guard selection.contains("variance"), let range = selection.range(of: ">=") else { return nil }
        return Double(selection[range.upperBound...].trimmingCharacters(in: .whitespaces))
    }

    /// Training rows per segment as bars from zero, in the segment's colour.
    static func sizes(_ model: SegmentModel) -> String {
        let title = "Segment sizes in the training data"
        var canvas = SVGCanvas(left: 180, bottom: 56)
        let segments = model.segments
        let high = Double(segments.map(\.size).max() ?? 1) * 1.1
        let xDomain = 0.0...max(high, 1)
        let band = (canvas.bottom - canvas.top) / Double(max(segments.count, 1))
        canvas.axes(
            x: xDomain, xTicks: SVGCanvas.ticks(0, xDomain.upperBound), xLabel: "Customers (training rows)",
            y: 0...1, yTicks: [], yLabel: "")
        for (index, segment) in segments.enumerated() {
            let top = canvas.top + Double(index) * band + band * 0.15
            let right = canvas.x(Double(segment.size), xDomain)
            canvas.rect(
                canvas.left, top, right - canvas.left, band * 0.7, fill: SVGCanvas.colour(segment.id),
                mark: "mark",
                tooltip: "\(segment.name): \(segment.size) rows, "
                    + "\(HTMLText.number(segment.share * 100, 2))%")
            canvas.text(canvas.left - 8, top + band * 0.35 + 4, "\(segment.id) \(segment.name)", anchor: "end")
            canvas.text(
                right + 4, top + band * 0.35 + 4, "\(HTMLText.number(segment.share * 100, 1))%",
                anchor: "start")
        }
        return ReportFigure(
            name: "sizes", title: title, marks: segments.count,
            svg: canvas.rendered(title: title, description: "Horizontal bars from zero, one per segment.")
        ).html
    }
}
