import Foundation
import SegmentIO
import Testing

@testable import SegmentMetrics

/// The one catalog: Prometheus naming conventions, the confidence bins the scoring loop counts into, and every
/// `segmentd_` metric name the sources record listed in it.
@Suite("Metric catalog")
struct CatalogTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("names are snake_case segmentd_*, counters end in _total, only counters do, histograms have buckets")
    func namesFollowConventions() {
        #expect(Set(MetricCatalog.all.map(\.name)).count == MetricCatalog.all.count)
        for metric in MetricCatalog.all {
            #expect(metric.name.hasPrefix("segmentd_"), "\(metric.name)")
            #expect(metric.name.allSatisfy { $0.isLowercase || $0 == "_" }, "\(metric.name)")
            #expect((metric.kind == .counter) == metric.name.hasSuffix("_total"), "\(metric.name)")
            #expect(!metric.help.isEmpty)
            if metric.kind == .histogram {
                #expect(!metric.buckets.isEmpty && metric.buckets == metric.buckets.sorted(), "\(metric.name)")
            } else {
                #expect(metric.buckets.isEmpty, "\(metric.name)")
            }
        }
    }

    @Test("segmentd_confidence has the bins the scoring loop counts into")
    func confidenceBucketsMatchTheTally() {
        #expect(MetricCatalog.definition("segmentd_confidence")?.buckets == ScoreTally.confidenceBounds)
    }

    @Test("every segmentd_ metric name in Sources is in the catalog, and the issue's list is there")
    func everyRecordedNameIsCatalogued() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path))
        let pattern = try Regex(#""(segmentd_[a-z_]+)""#)
        var found: Set<String> = []
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let name = match.output[1].substring { found.insert(String(name)) }
            }
        }
        #expect(found.contains("segmentd_files_total"), "the scan found the daemon's names: \(found)")
        for name in found.sorted() {
            #expect(MetricCatalog.definition(name) != nil, "\(name) is recorded but not in MetricCatalog")
        }
        let issue = [
            "segmentd_files_total", "segmentd_rows_total", "segmentd_input_bytes_total",
            "segmentd_file_duration_seconds", "segmentd_landing_to_manifest_seconds", "segmentd_inbox_pending",
            "segmentd_files_in_progress", "segmentd_paused", "segmentd_segment_rows_total",
            "segmentd_low_confidence_rows_total", "segmentd_confidence",
            // Issue 17's shadow and A/B scoring.
            "segmentd_shadow_rows_total", "segmentd_shadow_agreeing_rows_total", "segmentd_shadow_agreement",
            "segmentd_shadow_adjusted_rand_index", "segmentd_ab_rows_total", "segmentd_ab_confidence_sum_total",
            "segmentd_plugin_rows_failed_total",
            "segmentd_plugin_flags_total", "segmentd_model_info", "segmentd_model_age_seconds",
            "segmentd_last_success_timestamp_seconds", "segmentd_day_rows", "segmentd_day_segment_share",
            "segmentd_day_mean_confidence", "segmentd_day_max_psi", "segmentd_retrain_advised",
            "segmentd_http_requests_total", "segmentd_http_request_duration_seconds",
        ]
        #expect(MetricCatalog.all.map(\.name) == issue)
    }

    @Test("docs/metrics.md documents every metric of the catalog")
    func docsListEveryMetric() throws {
        let text = try String(
            contentsOf: Self.root.appendingPathComponent("docs/metrics.md"), encoding: .utf8)
        for metric in MetricCatalog.all {
            #expect(text.contains("`\(metric.name)`"), "\(metric.name) missing from docs/metrics.md")
        }
    }
}
