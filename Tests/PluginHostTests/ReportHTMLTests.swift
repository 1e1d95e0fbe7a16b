import Foundation
import ScoringHost
import SegmentCore
import SegmentIO
import Testing

/// The HTML report rendered in memory: text from configuration files is escaped, and a chart the model cannot draw
/// is replaced by a sentence, not left out or drawn empty.
@Suite("report HTML")
struct ReportHTMLTests {
    static func model() throws -> SegmentModel {
        let fixture = try ModelFixture.shared.get()
        return try ModelSource(fixture.modelPath, baseDirectory: "/").load()
    }

    /// The fixture's generated customers written to a new temporary CSV file; the caller removes it.
    static func generatedFile() throws -> String {
        let fixture = try ModelFixture.shared.get()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID()).csv").path
        try ([fixture.header] + fixture.rows).joined(separator: "\n").appending("\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a segment's name and description are escaped: markup in segments.toml cannot break or script the page")
    func escapesSegmentText() throws {
        var model = try Self.model()
        model.segments[0].name = "<b>Tom & \"Jerry\"</b>"
        model.segments[0].description = "<script>alert(1)</script>"
        let html = ReportHTML.render(model, generatedAt: "2026-01-01T00:00:00Z")
        #expect(html.contains("&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;"))
        #expect(!html.contains("<b>Tom"))
        #expect(!html.contains("<script"))
        #expect(HTMLText.escaped("a'b") == "a&#39;b")
    }

    @Test("without a k sweep the elbow and silhouette say they are unavailable; the other charts are drawn")
    func fixedKSaysUnavailable() throws {
        var model = try Self.model()
        model.selection = []
        let html = ReportHTML.render(model, generatedAt: "2026-01-01T00:00:00Z")
        #expect(html.contains("<figure class=\"chart unavailable\" data-chart=\"elbow\" data-marks=\"0\">"))
        #expect(html.contains("<figure class=\"chart unavailable\" data-chart=\"silhouette\" data-marks=\"0\">"))
        #expect(html.contains("Unavailable: k was fixed at \(model.kmeans.k)"))
        #expect(html.contains("data-chart=\"sizes\" data-marks=\"\(model.segments.count)\""))
        #expect(html.contains("2026-01-01T00:00:00Z"))
    }
}

@Suite("report data")
struct ReportDataTests {
    @Test("the confidence histograms count every assigned row once, and each segment's mean is the rows' mean")
    func confidenceHistogramsCountEveryRow() throws {
        let model = try ReportHTMLTests.model()
        let path = try ReportHTMLTests.generatedFile()
        defer { try? FileManager.default.removeItem(atPath: path) }

        let data = try ReportData.load(path: path, model: model)

        let scorer = try SegmentScorer(model: model)
        let table = try TrainingTable.load(path: path, idColumn: scorer.idColumn, columns: scorer.inputColumns)
        let width = scorer.inputColumns.count
        var expected = [[Double]](repeating: [], count: model.kmeans.centroids.count)
        for row in 0..<table.rowCount {
            let assignment = scorer.projection(of: Array(table.values[row * width..<(row + 1) * width])).1
            expected[assignment.segment].append(assignment.confidence)
        }
        #expect(data.confidenceBins.map { $0.reduce(0, +) } == data.counts)
        #expect(data.counts == expected.map(\.count))
        for (segment, confidences) in expected.enumerated() where !confidences.isEmpty {
            let mean = data.confidenceSums[segment] / Double(data.counts[segment])
            #expect(abs(mean - confidences.reduce(0, +) / Double(confidences.count)) < 1e-12)
            let topTenth = confidences.filter { $0 >= 0.9 }.count
            #expect(data.confidenceBins[segment][9] == topTenth, "1.0 falls in the last bin, 0.9 starts it")
        }
        let html = ReportHTML.render(model, data: data, generatedAt: "2026-01-01T00:00:00Z")
        #expect(html.contains("data-chart=\"confidence\" data-marks=\"\(10 * model.segments.count)\""))
        #expect(data.silhouettes.count == data.points.count && data.silhouettes.allSatisfy { (-1...1).contains($0) })
        let sampled = Set(data.points.map(\.segment)).count
        #expect(html.contains("data-chart=\"silhouette-plot\" data-marks=\"\(sampled)\""), "one profile per segment")
    }
}

extension ReportDataTests {
    @Test("a model trained with a fixed k gets its elbow from --data: k-means for k = 2...10 on the sample")
    func fixedKSweepsTheSample() throws {
        var model = try ReportHTMLTests.model()
        let path = try ReportHTMLTests.generatedFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var swept = model
        swept.selection = (2...4).map { SegmentModel.SelectionRow(k: $0, inertia: 10 - Double($0), silhouette: 0.3) }
        #expect(try ReportData.load(path: path, model: swept).sweep.isEmpty, "a recorded sweep is drawn as recorded")

        model.selection = []
        let data = try ReportData.load(path: path, model: model)

        #expect(data.sweep.map(\.k) == Array(2...10))
        #expect(data.sweep.allSatisfy { $0.inertia > 0 && (-1...1).contains($0.silhouette) })
        #expect(data.sweep.first!.inertia > data.sweep.last!.inertia, "ten segments fit tighter than two")
        let html = ReportHTML.render(model, data: data, generatedAt: "2026-01-01T00:00:00Z")
        #expect(html.contains("data-chart=\"elbow\" data-marks=\"9\""))
        #expect(html.contains("data-chart=\"silhouette\" data-marks=\"9\""))
        #expect(html.contains("k was fixed at \(model.kmeans.k) in training; this sweep is k-means on the"))
    }
}

@Suite("report history")
struct ReportHistoryTests {
    static func day(_ name: String, _ model: SegmentModel, rows: Int, psi: Double?) -> HistoryReport.Day {
        HistoryReport.Day(
            day: name, modelVersion: model.modelVersion, rows: rows,
            shares: model.segments.map { (name: $0.name, share: $0.share) }, meanConfidence: 0.5, maxPSI: psi,
            maxPSIFeature: psi == nil ? nil : "PURCHASES")
    }

    @Test("three days of the model draw a point per segment and day, a PSI point and a bar per day; others ignored")
    func threeDaysDrawTheirMarks() throws {
        let model = try ReportHTMLTests.model()
        var other = Self.day("2026-01-02", model, rows: 7, psi: 0.9)
        other.modelVersion = "m-other"
        let history = ReportHistory(
            days: [
                Self.day("2026-01-03", model, rows: 300, psi: 0.4), other,
                Self.day("2026-01-01", model, rows: 100, psi: 0.01), Self.day("2026-01-02", model, rows: 200, psi: nil),
            ], modelVersion: model.modelVersion, psiThreshold: 0.15, advice: nil)
        #expect(history.days.map(\.day) == ["2026-01-01", "2026-01-02", "2026-01-03"], "oldest first, one model")

        let html = ReportHTML.render(model, history: history, generatedAt: "2026-01-04T00:00:00Z")

        #expect(html.contains("data-chart=\"history-shares\" data-marks=\"\(3 * model.segments.count)\""))
        #expect(html.contains("data-chart=\"history-psi\" data-marks=\"3\""))
        #expect(html.contains("data-chart=\"history-rows\" data-marks=\"3\""))
        #expect(html.contains("<title>2026-01-03: largest PSI 0.4000 (PURCHASES)</title>"))
        #expect(html.contains("<title>2026-01-02: largest PSI no reference</title>"))
        let psi = html.components(separatedBy: "data-chart=\"history-psi\"")[1].components(separatedBy: "</figure>")[0]
        #expect(psi.components(separatedBy: "fill=\"#D55E00\" class=\"mark\"").count - 1 == 1, "one day over")
        #expect(!html.contains("2026-01-02: 7 rows"), "another model's day is not drawn")
        #expect(html.contains("could not be evaluated"))
    }

    @Test("day labels: at most about eight, the first and the last day always, never two adjacent at the end")
    func dayLabelsDoNotCrowd() throws {
        let model = try ReportHTMLTests.model()
        let days = (1...14).map { Self.day(String(format: "2026-11-%02d", $0), model, rows: 10, psi: 0.01) }
        let history = ReportHistory(days: days, modelVersion: model.modelVersion, psiThreshold: 0.15, advice: nil)
        let html = ReportHTML.render(model, history: history, generatedAt: "2026-12-01T00:00:00Z")
        let rows = html.components(separatedBy: "data-chart=\"history-rows\"")[1]
        let labels = (1...14).map { String(format: "2026-11-%02d", $0) }.filter { rows.contains(">\($0)</text>") }
        #expect(labels.first == "2026-11-01" && labels.last == "2026-11-14", "\(labels)")
        #expect(!labels.contains("2026-11-13"), "the day before the last is not labelled beside it: \(labels)")
        #expect(labels.count <= 8)
    }

    @Test("history --json writes null for the PSI of a day whose model is no longer known")
    func unknownModelDayIsNullInJSON() throws {
        let model = try ReportHTMLTests.model()
        var day = Self.day("2026-11-01", model, rows: 10, psi: nil)
        day.modelVersion = "m-gone"
        var report = HistoryReport([], model: { _ in nil })
        report.days = [day]

        let data = try JSONSerialization.data(withJSONObject: report.json)

        let decoded = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(decoded.first?["max_psi"] is NSNull && decoded.first?["max_psi_feature"] is NSNull, "\(decoded)")
    }

    @Test("a model the daemon never counted says so in place of each history chart")
    func noDaysSaysUnavailable() throws {
        let model = try ReportHTMLTests.model()
        let history = ReportHistory(days: [], modelVersion: model.modelVersion, psiThreshold: 0.15, advice: nil)
        let html = ReportHTML.render(model, history: history, generatedAt: "2026-01-04T00:00:00Z")
        for chart in ["history-shares", "history-psi", "history-rows"] {
            #expect(html.contains("<figure class=\"chart unavailable\" data-chart=\"\(chart)\" data-marks=\"0\">"))
        }
    }
}

@Suite("report comparison")
struct ModelComparisonTests {
    @Test("a model compared with itself puts every row on the diagonal: adjusted Rand index 1, k x k cells")
    func selfComparisonIsDiagonal() throws {
        let model = try ReportHTMLTests.model()
        let path = try ReportHTMLTests.generatedFile()
        defer { try? FileManager.default.removeItem(atPath: path) }

        let comparison = try ModelComparison.load(path: path, model: model, other: model)

        let k = model.segments.count
        let data = try ReportData.load(path: path, model: model)
        #expect(comparison.rows == data.rows)
        #expect((0..<k).map { comparison.count($0, $0) } == data.counts, "each segment maps onto itself")
        #expect(comparison.matrix.reduce(0, +) == (0..<k).map { comparison.count($0, $0) }.reduce(0, +))
        #expect(comparison.adjustedRandIndex == 1)
        let html = ReportHTML.render(model, comparison: comparison, generatedAt: "2026-01-01T00:00:00Z")
        #expect(html.contains("data-chart=\"compare\" data-marks=\"\(k * k)\""))
    }
}
