import Foundation
import SegmentCore

/// The charts of `--history`: the segment shares, the largest feature PSI and the rows of every UTC day the daemon
/// counted for the reported model, and the retrain rules over the latest window.
enum HistoryCharts {
    static func html(_ model: SegmentModel, _ history: ReportHistory) -> String {
        guard !history.days.isEmpty else {
            let reason =
                "The daemon has counted no file scored by \(model.modelVersion) yet (<state_dir>/monitor.sqlite)."
            return ReportFigure.unavailable("history-shares", title: "Segment shares by day", reason: reason)
                + ReportFigure.unavailable("history-psi", title: "Largest feature PSI by day", reason: reason)
                + ReportFigure.unavailable("history-rows", title: "Rows scored by day", reason: reason)
                + advice(history.advice)
        }
        return shares(model, history.days) + psi(history) + rows(history.days) + advice(history.advice)
    }

    /// Day ticks: at most eight labels, always the first and the last day.
    private static func dayTicks(_ days: [HistoryReport.Day]) -> [Double] {
        let step = max(1, Int((Double(days.count) / 8).rounded(.up)))
        var ticks = Array(stride(from: 0, to: days.count, by: step)).map(Double.init)
        let last = Double(days.count - 1)
        guard let previous = ticks.last, previous != last else { return ticks }
        // A last label closer than half a step to the one before would overlap it: it takes that one's place.
        if ticks.count > 1, last - previous < Double(step) / 2 + 1 { ticks.removeLast() }
        ticks.append(last)
        return ticks
    }

    private static func axesByDay(
        _ canvas: inout SVGCanvas, _ days: [HistoryReport.Day], y: ClosedRange<Double>, yLabel: String
    ) -> ClosedRange<Double> {
        let xDomain = -0.5...(Double(days.count) - 0.5)
        canvas.axes(
            x: xDomain, xTicks: dayTicks(days), xLabel: "UTC day", y: y, yTicks: SVGCanvas.ticks(0, y.upperBound),
            yLabel: yLabel, xTickText: { index in days[min(max(Int(index), 0), days.count - 1)].day })
        return xDomain
    }

    /// One line per segment: its share of each day's rows, from zero.
    static func shares(_ model: SegmentModel, _ days: [HistoryReport.Day]) -> String {
        let title = "Segment shares by day (dashed: training share)"
        let count = model.segments.count
        let high = min(100, (days.flatMap { $0.shares.map(\.share) }.max() ?? 0.01) * 100 * 1.15)
        var canvas = SVGCanvas(height: 360)
        let yDomain = 0.0...max(high, 1)
        let xDomain = axesByDay(&canvas, days, y: yDomain, yLabel: "Share of the day's rows (%)")
        for segment in model.segments {
            let colour = SVGCanvas.colour(segment.id)
            let training = canvas.y(segment.share * 100, yDomain)
            canvas.line(
                canvas.left, training, canvas.right, training, stroke: colour, dashed: true,
                tooltip: "\(segment.name), training share \(HTMLText.number(segment.share * 100, 2))%")
            let frame = canvas
            let points = days.enumerated().map { index, day in
                let share = segment.id < day.shares.count ? day.shares[segment.id].share * 100 : 0
                return (frame.x(Double(index), xDomain), frame.y(share, yDomain), share, day.day)
            }
            if points.count > 1 { canvas.polyline(points.map { ($0.0, $0.1) }, stroke: colour) }
            for point in points {
                canvas.circle(
                    point.0, point.1, r: 3.5, fill: colour, mark: "mark",
                    tooltip: "\(point.3), \(segment.name): \(HTMLText.number(point.2, 2))%")
            }
        }
        let legend = model.segments.map { segment in
            "<span style=\"color:\(SVGCanvas.colour(segment.id))\">&#9679;</span> \(segment.id) "
                + HTMLText.escaped(segment.name)
        }.joined(separator: " &nbsp; ")
        return ReportFigure(
            name: "history-shares", title: title, marks: days.count * count,
            svg: canvas.rendered(
                title: title,
                description: "One line per segment over \(days.count) days; dashed lines at the training shares.")
        ).html.replacingOccurrences(of: "</figure>", with: "<p class=\"note\">\(legend)</p></figure>")
    }

    /// The largest feature PSI of each day, the drift limit dashed.
    static func psi(_ history: ReportHistory) -> String {
        let title = "Largest feature PSI by day against the training reference"
        let days = history.days
        let values = days.map { $0.maxPSI ?? 0 }
        let high = max((values.max() ?? 0), history.psiThreshold) * 1.2
        var canvas = SVGCanvas()
        let yDomain = 0.0...max(high, 0.01)
        let xDomain = axesByDay(&canvas, days, y: yDomain, yLabel: "PSI (unitless)")
        canvas.referenceLine(
            horizontalAt: canvas.y(history.psiThreshold, yDomain),
            label: "limit \(HTMLText.number(history.psiThreshold, 2))",
            tooltip: "[retrain] max_psi = \(HTMLText.number(history.psiThreshold, 4))")
        let frame = canvas
        if days.count > 1 {
            canvas.polyline(
                values.enumerated().map { (frame.x(Double($0.offset), xDomain), frame.y($0.element, yDomain)) },
                stroke: "#0072B2")
        }
        for (index, day) in days.enumerated() {
            let over = (day.maxPSI ?? 0) > history.psiThreshold
            let text = day.maxPSI.map { "\(HTMLText.number($0, 4)) (\(day.maxPSIFeature ?? "-"))" } ?? "no reference"
            canvas.circle(
                canvas.x(Double(index), xDomain), canvas.y(values[index], yDomain), r: over ? 5.5 : 3.5,
                fill: over ? "#D55E00" : "#0072B2", mark: "mark", tooltip: "\(day.day): largest PSI \(text)")
        }
        return ReportFigure(
            name: "history-psi", title: title, marks: days.count,
            svg: canvas.rendered(
                title: title, description: "The largest PSI of each day; points above the dashed limit in orange."),
            note: "Each day's merged counts against the model's training reference; orange points exceed the limit."
        ).html
    }

    /// Rows scored each day, bars from zero.
    static func rows(_ days: [HistoryReport.Day]) -> String {
        let title = "Rows scored by day"
        var canvas = SVGCanvas(height: 280)
        let high = Double(days.map(\.rows).max() ?? 1) * 1.1
        let yDomain = 0.0...max(high, 1)
        let xDomain = axesByDay(&canvas, days, y: yDomain, yLabel: "Rows")
        let width = (canvas.right - canvas.left) / Double(days.count) * 0.7
        for (index, day) in days.enumerated() {
            let px = canvas.x(Double(index), xDomain)
            let top = canvas.y(Double(day.rows), yDomain)
            canvas.rect(
                px - width / 2, top, width, canvas.bottom - top, fill: "#56B4E9", mark: "mark",
                tooltip: "\(day.day): \(day.rows) rows, mean confidence \(HTMLText.number(day.meanConfidence, 4))")
        }
        return ReportFigure(
            name: "history-rows", title: title, marks: days.count,
            svg: canvas.rendered(title: title, description: "One bar from zero per UTC day.")
        ).html
    }

    /// The retrain rules as a table: rule, verdict, sentence.
    static func advice(_ advice: RetrainAdvice?) -> String {
        guard let advice else {
            return "<p class=\"note\">The retrain rules could not be evaluated for this model.</p>"
        }
        var out = "<table class=\"advice\"><tr><th>Rule</th><th>Verdict</th><th>Detail</th></tr>"
        for rule in advice.rules {
            out += "<tr><td>\(rule.reason.rawValue)</td><td>\(rule.verdict.rawValue)</td>"
            out += "<td>\(HTMLText.escaped(RetrainText.sentence(rule)))</td></tr>"
        }
        let conclusion =
            advice.advised
            ? "Retrain advised: " + advice.reasons.map(\.rawValue).joined(separator: ", ") + "."
            : "No retrain needed."
        return out + "</table><p><strong>\(HTMLText.escaped(conclusion))</strong></p>"
    }
}
