import Foundation
import ScoringHost
import SegmentCore
import Testing

/// The HTML report rendered in memory: text from configuration files is escaped, and a chart the model cannot draw
/// is replaced by a sentence, not left out or drawn empty.
@Suite("report HTML")
struct ReportHTMLTests {
    static func model() throws -> SegmentModel {
        let fixture = try ModelFixture.shared.get()
        return try ModelSource(fixture.modelPath, baseDirectory: "/").load()
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
