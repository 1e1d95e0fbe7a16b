import Foundation

/// The one SVG writer of the report: an accessible `<svg>` (title and description for screen readers) with a plot
/// area, linear scales, axes with ticks and labels, and the marks every chart is made of. Every mark carries its
/// exact value in a `<title>` (a tooltip in browsers, text for screen readers) and a class the browser test counts.
struct SVGCanvas {
    /// Okabe-Ito colour-blind-safe palette, in its usual order without black (kept for text and axes).
    static let palette = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"]

    /// The colour of segment `id` (cycles through the palette beyond eight segments).
    static func colour(_ id: Int) -> String { palette[((id % palette.count) + palette.count) % palette.count] }

    let width: Double
    let height: Double
    /// Plot area inside the margins left for tick labels and axis titles.
    let left: Double, top: Double, right: Double, bottom: Double
    private(set) var body = ""

    init(
        width: Double = 640, height: Double = 320, left: Double = 72, top: Double = 16, right: Double = 24,
        bottom: Double = 56
    ) {
        self.width = width
        self.height = height
        self.left = left
        self.top = top
        self.right = width - right
        self.bottom = height - bottom
    }

    /// A linear map from `domain` to the plot's horizontal extent.
    func x(_ value: Double, _ domain: ClosedRange<Double>) -> Double {
        let span = domain.upperBound - domain.lowerBound
        return left + (span == 0 ? 0.5 : (value - domain.lowerBound) / span) * (right - left)
    }

    /// A linear map from `domain` to the plot's vertical extent (up is larger).
    func y(_ value: Double, _ domain: ClosedRange<Double>) -> Double {
        let span = domain.upperBound - domain.lowerBound
        return bottom - (span == 0 ? 0.5 : (value - domain.lowerBound) / span) * (bottom - top)
    }

    mutating func rect(
        _ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, mark: String?,
        tooltip: String?
    ) {
        body += "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(max(w, 0)))\" height=\"\(c(max(h, 0)))\" "
        body += "fill=\"\(fill)\"" + markClass(mark) + closing("rect", tooltip)
    }

    mutating func circle(
        _ x: Double, _ y: Double, r: Double, fill: String, mark: String?, tooltip: String?,
        stroke: String? = nil
    ) {
        body += "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(r))\" fill=\"\(fill)\""
        if let stroke { body += " stroke=\"\(stroke)\" stroke-width=\"2\"" }
        body += markClass(mark) + closing("circle", tooltip)
    }

    mutating func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#000",
        dashed: Bool = false, tooltip: String? = nil
    ) {
        body += "<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\""
        body += (dashed ? " stroke-dasharray=\"6 4\"" : "") + closing("line", tooltip)
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String) {
        let list = points.map { "\(c($0.0)),\(c($0.1))" }.joined(separator: " ")
        body += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"2\"/>"
    }

    /// A dashed vermillion line across the plot at height `py` (a threshold), labelled at its right end.
    mutating func referenceLine(horizontalAt py: Double, label: String, tooltip: String? = nil) {
        line(left, py, right, py, stroke: "#D55E00", dashed: true, tooltip: tooltip)
        text(right - 4, py - 6, label, anchor: "end", cls: "callout")
    }

    /// A dashed vermillion line down the plot at `px` (a chosen value, a mean), labelled at its top.
    mutating func referenceLine(verticalAt px: Double, label: String, tooltip: String? = nil) {
        line(px, top, px, bottom, stroke: "#D55E00", dashed: true, tooltip: tooltip)
        text(px + 4, top + 12, label, anchor: "start", cls: "callout")
    }

    /// A closed filled shape through `points` (plot coordinates).
    mutating func polygon(_ points: [(Double, Double)], fill: String, mark: String?, tooltip: String?) {
        let list = points.map { "\(c($0.0)),\(c($0.1))" }.joined(separator: " ")
        body += "<polygon points=\"\(list)\" fill=\"\(fill)\"" + markClass(mark) + closing("polygon", tooltip)
    }

    mutating func text(
        _ x: Double, _ y: Double, _ string: String, anchor: String = "middle", rotate: Bool = false,
        cls: String = "label"
    ) {
        let transform = rotate ? " transform=\"rotate(-90 \(c(x)) \(c(y)))\"" : ""
        body += "<text x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"\(anchor)\" class=\"\(cls)\"\(transform)>"
        body += HTMLText.escaped(string) + "</text>"
    }

    /// Both axes with tick labels, and the axis titles (which carry the units).
    mutating func axes(
        x xDomain: ClosedRange<Double>, xTicks: [Double], xLabel: String, y yDomain: ClosedRange<Double>,
        yTicks: [Double], yLabel: String, xTickText: (Double) -> String = HTMLText.tick
    ) {
        line(left, bottom, right, bottom)
        line(left, top, left, bottom)
        for tick in xTicks {
            let px = x(tick, xDomain)
            line(px, bottom, px, bottom + 5)
            text(px, bottom + 18, xTickText(tick))
        }
        for tick in yTicks {
            let py = y(tick, yDomain)
            line(left - 5, py, left, py)
            line(left, py, right, py, stroke: "#ddd")
            text(left - 8, py + 4, HTMLText.tick(tick), anchor: "end")
        }
        text((left + right) / 2, height - 12, xLabel, cls: "axis")
        text(16, (top + bottom) / 2, yLabel, rotate: true, cls: "axis")
    }

    /// The finished `<svg>`, scaled to the page width, named for assistive technology.
    func rendered(title: String, description: String) -> String {
        "<svg viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\"><title>\(HTMLText.escaped(title))</title>"
            + "<desc>\(HTMLText.escaped(description))</desc>\(body)</svg>"
    }

    /// Round tick values from `low` to `high` (about `count` of them, steps of 1, 2 or 5 times a power of ten).
    static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard high > low, low.isFinite, high.isFinite else { return [low] }
        let raw = (high - low) / Double(count)
        let power = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? raw
        var values: [Double] = []
        var value = ceil(low / step) * step
        while value <= high + step * 1e-9 {
            values.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return values
    }

    private func c(_ value: Double) -> String { HTMLText.coordinate(value) }

    private func markClass(_ mark: String?) -> String { mark.map { " class=\"\($0)\"" } ?? "" }

    private func closing(_ element: String, _ tooltip: String?) -> String {
        guard let tooltip else { return "/>" }
        return "><title>\(HTMLText.escaped(tooltip))</title></\(element)>"
    }
}
