import Foundation
import SegmentdTestSupport
import Testing

/// `segmentd report` checked in a real browser: Debian's chromium (scripts/test-tools.sh installs it) renders the
/// page headless to a PNG and to its DOM, and the DOM must hold every section's chart with the marks the model and
/// the data file call for.
@Suite("segmentd report in a browser", .serialized)
struct ReportBrowserTests {
    /// A workspace with generated customers, a model trained on them with k swept, and its report with `--data`.
    static func reportWorkspace() throws -> (Workspace, [String: Any]) {
        let workspace = try Workspace()
        try Segmentd.succeed(["generate", "--rows", "3000", "--seed", "5", "customers.csv"], in: workspace.url)
        try Segmentd.succeed(
            ["train", "customers.csv", "--k", "auto", "--output", "model.json"], in: workspace.url,
            environment: CommandLineTests.fixedTime)
        try Segmentd.succeed(
            ["report", "model.json", "--data", "customers.csv", "--output", "report.html"], in: workspace.url)
        let model = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: workspace.path("model.json"))))
        return (workspace, try #require(model as? [String: Any]))
    }

    @Test("the DOM chromium builds holds every chart with one mark per bar, cell and sampled point")
    func domHoldsEveryChart() throws {
        let (workspace, model) = try Self.reportWorkspace()
        let dom = try Chromium.run(["--dump-dom", "file://" + workspace.path("report.html")])
        let k = try #require((model["kmeans"] as? [String: Any])?["k"] as? Int)
        let segments = try #require(model["segments"] as? [[String: Any]])
        let profile = try #require((segments.first?["profile"] as? [String: Any])?["features"] as? [Any])
        let selection = try #require(model["selection"] as? [Any])
        let pca = try #require(model["pca"] as? [String: Any])
        let components = try #require(pca["explained_variance_ratio_all"] as? [Any])
        let expected = [
            "elbow": selection.count, "silhouette": selection.count, "variance": components.count, "sizes": k,
            "heatmap": k * profile.count, "scatter": 3000, "shares": 2 * k, "confidence": 10 * k,
            "silhouette-plot": k,
        ]
        #expect(selection.count > 1, "train --k auto records its sweep")
        let figures = Self.marksPerFigure(dom)
        for (chart, marks) in expected {
            #expect(figures[chart] == marks, "\(chart): \(figures[chart] ?? -1) marks, expected \(marks)")
        }
        #expect(dom.components(separatedBy: "class=\"centroid\"").count - 1 == k)
        #expect(dom.components(separatedBy: "class=\"card\"").count - 1 == k)
        #expect(!dom.contains("<script"))
        let console = try Chromium.consoleMessages("file://" + workspace.path("report.html"))
        #expect(console.isEmpty, "the page logged: \(console)")
        #expect(!dom.contains("http://") && !dom.contains("https://"), "no external resource")
    }

    @Test("the screenshot chromium takes of the report is not blank")
    func screenshotIsNotBlank() throws {
        let (workspace, _) = try Self.reportWorkspace()
        let png = workspace.path("report.png")
        try Chromium.run(["--screenshot=\(png)", "--window-size=800,2400", "file://" + workspace.path("report.html")])
        let stats = try JSONSerialization.jsonObject(with: Data(PythonScript.run("png_stats.py", [png])))
        let values = try #require(stats as? [String: Any])
        #expect(values["width"] as? Int == 800)
        #expect((values["variance"] as? Double ?? 0) > 500, "\(values)")
        #expect((values["inked"] as? Double ?? 0) > 0.05, "\(values)")
    }

    @Test("a report of a 1,000,000-row scored file weighs at most 2 MB (the scatter samples 5,000 rows)")
    func millionRowReportIsSmall() throws {
        let workspace = try Workspace()
        try Segmentd.succeed(["generate", "--rows", "1000000", "--seed", "9", "big.csv"], in: workspace.url)
        try Segmentd.succeed(["generate", "--rows", "3000", "--seed", "9", "train.csv"], in: workspace.url)
        try Segmentd.succeed(["train", "train.csv", "--output", "model.json"], in: workspace.url)
        try Segmentd.succeed(["score", "big.csv", "scored.csv", "--model", "model.json"], in: workspace.url)
        try Segmentd.succeed(
            ["report", "model.json", "--data", "scored.csv", "--output", "report.html"], in: workspace.url)
        let html = try workspace.read("report.html")
        #expect(html.utf8.count <= 2_000_000, "\(html.utf8.count) bytes")
        #expect(Self.marksPerFigure(html)["scatter"] == 5000)
        #expect(html.contains("5000 of 1000000 rows"))
    }

    /// The `class="mark"` elements inside each `<figure data-chart=...>`, by chart name.
    static func marksPerFigure(_ dom: String) -> [String: Int] {
        var result: [String: Int] = [:]
        for piece in dom.components(separatedBy: "<figure").dropFirst() {
            guard let start = piece.range(of: "data-chart=\""),
                let end = piece[start.upperBound...].firstIndex(of: "\"")
            else { continue }
            let body = piece.components(separatedBy: "</figure>")[0]
            result[String(piece[start.upperBound..<end])] = body.components(separatedBy: "class=\"mark\"").count - 1
        }
        return result
    }
}

/// Debian's chromium, headless (`--no-sandbox`: the tests run as root in CI containers).
enum Chromium {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// What the page wrote to its console while loading (chromium logs each message as `CONSOLE` on stderr).
    static func consoleMessages(_ url: String) throws -> [String] {
        let outcome = try ToolProcess.run(
            [
                "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                "--dump-dom", url,
            ])
        return outcome.errors.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
    }

    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let outcome = try ToolProcess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"]
                + arguments)
        guard outcome.status == 0 else {
            throw Failure(description: "chromium failed (scripts/test-tools.sh installs it): \(outcome.errors)")
        }
        return String(decoding: outcome.output, as: UTF8.self)
    }
}

extension ReportBrowserTests {
    @Test("report --compare draws the migration matrix of two models on the file's rows; without --data it is 64")
    func compareDrawsTheMigrationMatrix() throws {
        let (workspace, model) = try Self.reportWorkspace()
        try Segmentd.succeed(["train", "customers.csv", "--k", "3", "--output", "three.json"], in: workspace.url)
        try Segmentd.succeed(
            [
                "report", "model.json", "--data", "customers.csv", "--compare", "three.json", "--output",
                "compare.html",
            ], in: workspace.url)

        let dom = try Chromium.run(["--dump-dom", "file://" + workspace.path("compare.html")])
        let k = try #require((model["kmeans"] as? [String: Any])?["k"] as? Int)
        #expect(Self.marksPerFigure(dom)["compare"] == 3 * k)
        let figure = try #require(
            dom.components(separatedBy: "data-chart=\"compare\"").dropFirst().first?
                .components(separatedBy: "</figure>").first)
        let cells = figure.components(separatedBy: "% of ").dropLast().compactMap { piece in
            piece.components(separatedBy: ": ").last?.components(separatedBy: " rows").first.flatMap { Int($0) }
        }
        #expect(cells.count == 3 * k && cells.reduce(0, +) == 3000, "every row in one cell: \(cells)")
        #expect(dom.contains("3000 rows labelled by both models"))
        let alone = try Segmentd.run(
            ["report", "model.json", "--compare", "three.json", "--output", "x.html"], in: workspace.url)
        #expect(alone.status == 64 && alone.stderr.contains("--compare needs --data"), "\(alone.stderr)")
    }
}

extension ReportBrowserTests {
    /// What `Tests/Python/cdp_layout.py` read from chromium over the DevTools protocol.
    struct Layout {
        var console: [Any]
        var exceptions: [Any]
        var figures: [[String: Any]]

        init(_ html: String) throws {
            let json = try JSONSerialization.jsonObject(with: Data(PythonScript.run("cdp_layout.py", [html])))
            let document = try #require(json as? [String: Any])
            console = try #require(document["console"] as? [Any])
            exceptions = try #require(document["exceptions"] as? [Any])
            figures = try #require(document["figures"] as? [[String: Any]])
        }
    }

    @Test("over the DevTools protocol: no console message or exception, every chart laid out with a non-empty box")
    func everyChartIsLaidOut() throws {
        let (workspace, _) = try Self.reportWorkspace()

        let layout = try Layout(workspace.path("report.html"))

        #expect(layout.console.isEmpty, "\(layout.console)")
        #expect(layout.exceptions.isEmpty, "\(layout.exceptions)")
        let names = layout.figures.compactMap { $0["chart"] as? String }
        #expect(Set(names).isSuperset(of: ["elbow", "variance", "sizes", "heatmap", "scatter", "confidence"]))
        for figure in layout.figures {
            let width = figure["width"] as? Double ?? 0, height = figure["height"] as? Double ?? 0
            #expect(width > 100 && height > 50, "\(figure)")
            let marks = figure["marks"] as? Int ?? -1, laidOut = figure["laid_out_marks"] as? Int ?? -1
            #expect(laidOut > 0 && laidOut <= marks, "\(figure)")
        }
    }
}

extension ReportBrowserTests {
    @Test("chromium prints the report to a PDF whose every page pdftoppm renders with ink on it")
    func printedPagesAreNotBlank() throws {
        let (workspace, _) = try Self.reportWorkspace()
        let pdf = workspace.path("report.pdf")
        try Chromium.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://" + workspace.path("report.html")])
        let pages = workspace.path("page")
        let rendered = try ToolProcess.run(["pdftoppm", "-png", "-r", "40", pdf, pages])
        #expect(rendered.status == 0, "pdftoppm (poppler-utils, scripts/test-tools.sh): \(rendered.errors)")

        let images = try FileManager.default.contentsOfDirectory(atPath: workspace.url.path)
            .filter { $0.hasPrefix("page") && $0.hasSuffix(".png") }.sorted()
        #expect(images.count >= 2, "the report spans pages: \(images)")
        for image in images {
            let stats = try JSONSerialization.jsonObject(
                with: Data(PythonScript.run("png_stats.py", [workspace.path(image)])))
            let values = try #require(stats as? [String: Any])
            #expect((values["inked"] as? Double ?? 0) > 0.01, "\(image): \(values)")
        }
    }
}

extension ReportBrowserTests {
    static var sharedData: URL { SharedData.creditCards }

    static var sharedDataAvailable: Bool { SharedData.creditCardsRequired }

    @Test(
        "a report of the real CC_GENERAL.csv loads in chromium with every chart laid out and every row in the scatter",
        .enabled(if: sharedDataAvailable, "needs ../shared/data/CC_GENERAL.csv"))
    func realDataReport() throws {
        let workspace = try Workspace()
        try Segmentd.succeed(
            ["train", Self.sharedData.path, "--k", "auto", "--output", "cc.json"], in: workspace.url)
        try Segmentd.succeed(
            ["report", "cc.json", "--data", Self.sharedData.path, "--output", "cc.html"], in: workspace.url)

        let layout = try Layout(workspace.path("cc.html"))

        #expect(layout.console.isEmpty && layout.exceptions.isEmpty, "\(layout.console) \(layout.exceptions)")
        let marks = Dictionary(
            layout.figures.map { ($0["chart"] as? String ?? "", $0["marks"] as? Int ?? -1) },
            uniquingKeysWith: { first, _ in first })
        #expect(marks["scatter"] == 5000, "8,950 customers sampled to 5,000")
        #expect((marks["elbow"] ?? 0) > 1 && (marks["heatmap"] ?? 0) > 0 && (marks["confidence"] ?? 0) > 0)
        for figure in layout.figures {
            #expect((figure["width"] as? Double ?? 0) > 100 && (figure["height"] as? Double ?? 0) > 50, "\(figure)")
        }
    }
}
