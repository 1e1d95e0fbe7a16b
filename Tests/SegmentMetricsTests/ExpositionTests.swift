import CoreMetrics
import Foundation
import ScoringHost
import SegmentCore
import SegmentDaemon
import SegmentIO
import SegmentdTestSupport
import Testing

@testable import SegmentMetrics

/// What the daemon and the host record, through the facade, shows in the exposition with the catalog's HELP, and
/// promtool accepts it. Each test records into its own registry (`factory:`), so parallel tests do not mix counts.
@Suite("Metrics exposition")
struct ExpositionTests {
    /// A registry after a few files: two scored (one with plugins), a duplicate, a failure, a deferral; the host's
    /// tallies; the state gauges.
    static func sampleRegistry() -> SegmentMetricsRegistry {
        let registry = SegmentMetricsRegistry()
        let factory = registry.factory
        let counts = ProcessedCounts(rowsRead: 10, rowsScored: 8, rowsRejected: 2)
        JobMetrics.record(.scored(counts, manifest: "a.manifest.json"), duration: .milliseconds(120), factory: factory)
        JobMetrics.record(.scored(counts, manifest: "b.manifest.json"), duration: .seconds(2), factory: factory)
        JobMetrics.record(.duplicate(of: "a.csv", manifest: "c.manifest.json"), duration: .zero, factory: factory)
        JobMetrics.record(.failed(reason: "x", failedName: "d.csv"), duration: .milliseconds(3), factory: factory)
        JobMetrics.record(.deferred(problem: "full", outboxUnavailable: true), duration: .zero, factory: factory)
        let plugins = [
            PluginRecord(
                name: "migration", version: "1", settingsSHA256: "", flags: ["downgrade_share_exceeded"],
                metrics: [:], rowsFailed: 3),
            PluginRecord(name: "pricing", version: "1", settingsSHA256: "", flags: [], metrics: [:], rowsFailed: 0),
        ]
        let result = ProcessingResult(
            counts: counts, plugins: plugins, inputDigest: ContentDigest(sha256: "", size: 1000))
        JobMetrics.recordPublished(
            scored: result, inputBytes: 1000, landedAt: 1_000_000_000, publishedAt: 3_500_000_000, factory: factory)
        JobMetrics.recordPublished(
            scored: nil, inputBytes: 1000, landedAt: 1_000_000_000, publishedAt: 1_250_000_000, factory: factory)
        var tally = ScoreTally(segments: 2, lowConfidenceThreshold: 0.5)
        tally.segmentRows = [5, 3]
        tally.confidenceCounts = [0, 0, 1, 0, 2, 0, 0, 3, 0, 2, 0]
        tally.confidenceSum = 5.25
        tally.lowConfidenceRows = 3
        ScoringMetrics.record(tally, segmentNames: ["Big \"Spenders\"", "Savers"], factory: factory)
        recordChallengers(champion: tally, factory: factory)
        // The monitoring gauges under the names and labels RetrainGauges records (its inputs need a whole model).
        Gauge(label: "segmentd_day_rows", factory: factory).record(6_000)
        Gauge(label: "segmentd_day_mean_confidence", factory: factory).record(0.45)
        Gauge(label: "segmentd_day_max_psi", factory: factory).record(0.01)
        Gauge(label: "segmentd_day_segment_share", dimensions: [("segment", "Savers")], factory: factory).record(0.5)
        Gauge(label: "segmentd_retrain_advised", dimensions: [("reason", "drift")], factory: factory).record(0)
        registry.updateState(
            inboxPending: 4, filesInProgress: 2, paused: true, modelVersion: "m-1", modelAgeSeconds: 86400)
        return registry
    }

    /// A shadow file (6 of 8 rows in the same segment id) and an A/B file (8 champion rows, 8 challenger rows).
    static func recordChallengers(champion tally: ScoreTally, factory: any MetricsFactory) {
        let shadow = ChallengerSummary(
            mode: .shadow, version: "m-2", segmentNames: ["a", "b"], contingency: [4, 1, 1, 2], tally: tally)
        ChallengerMetrics.record(
            ChallengerReport(mode: .shadow, share: 0.5, summary: shadow, problem: nil, version: "m-2"),
            champion: tally, factory: factory)
        let ab = ChallengerSummary(
            mode: .ab(ExperimentArm(share: 0.5)), version: "m-2", segmentNames: ["a", "b"], contingency: [],
            tally: tally)
        ChallengerMetrics.record(
            ChallengerReport(mode: .ab, share: 0.5, summary: ab, problem: nil, version: "m-2"), champion: tally,
            factory: factory)
    }

    @Test("challenger counts move as recorded: shadow rows, agreement, ARI, rows and confidence per A/B arm")
    func challengerCountsMoveAsRecorded() {
        let samples = Promtool.samples(String(decoding: Self.sampleRegistry().render(), as: UTF8.self))
        #expect(samples["segmentd_shadow_rows_total"] == 8)
        #expect(samples["segmentd_shadow_agreeing_rows_total"] == 6)
        #expect(samples["segmentd_shadow_agreement"] == 0.75)
        let ari = AdjustedRandIndex.index(table: [4, 1, 1, 2], rows: 2, columns: 2)
        #expect(abs((samples["segmentd_shadow_adjusted_rand_index"] ?? 9) - ari) < 1e-9)
        #expect(samples[#"segmentd_ab_rows_total{arm="champion"}"#] == 8)
        #expect(samples[#"segmentd_ab_rows_total{arm="challenger"}"#] == 8)
        #expect(samples[#"segmentd_ab_confidence_sum_total{arm="challenger"}"#] == 5.25)
    }

    @Test("counts move as recorded: files, rows, bytes, plugins, segments, confidence, state")
    func countsMoveAsRecorded() {
        let text = String(decoding: Self.sampleRegistry().render(), as: UTF8.self)
        let samples = Promtool.samples(text)
        let expected: [String: Double] = [
            #"segmentd_files_total{outcome="scored"}"#: 2,
            #"segmentd_files_total{outcome="duplicate"}"#: 1,
            #"segmentd_files_total{outcome="failed"}"#: 1,
            #"segmentd_files_total{outcome="deferred"}"#: 1,
            #"segmentd_files_total{outcome="skipped"}"#: 0,
            #"segmentd_rows_total{result="scored"}"#: 16,
            #"segmentd_rows_total{result="rejected"}"#: 4,
            "segmentd_input_bytes_total": 1000,
            "segmentd_file_duration_seconds_count": 4,
            #"segmentd_file_duration_seconds_bucket{le="0.005"}"#: 2,
            #"segmentd_file_duration_seconds_bucket{le="0.25"}"#: 3,
            "segmentd_landing_to_manifest_seconds_count": 2,
            "segmentd_landing_to_manifest_seconds_sum": 2.75,
            #"segmentd_plugin_rows_failed_total{plugin="migration"}"#: 3,
            #"segmentd_plugin_flags_total{plugin="migration",flag="downgrade_share_exceeded"}"#: 1,
            #"segmentd_segment_rows_total{segment="Big \"Spenders\""}"#: 5,
            #"segmentd_segment_rows_total{segment="Savers"}"#: 3,
            "segmentd_low_confidence_rows_total": 3,
            #"segmentd_confidence_bucket{le="0.3"}"#: 1,
            #"segmentd_confidence_bucket{le="0.5"}"#: 3,
            #"segmentd_confidence_bucket{le="0.9"}"#: 6,
            #"segmentd_confidence_bucket{le="+Inf"}"#: 8,
            "segmentd_confidence_count": 8,
            "segmentd_confidence_sum": 5.25,
            "segmentd_inbox_pending": 4,
            "segmentd_files_in_progress": 2,
            "segmentd_paused": 1,
            #"segmentd_model_info{version="m-1"}"#: 1,
            "segmentd_model_age_seconds": 86400,
        ]
        for (key, value) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(samples[key] == value, "\(key) in:\n\(text)")
        }
        #expect(samples[#"segmentd_plugin_rows_failed_total{plugin="pricing"}"#] == nil)
        #expect((samples["segmentd_last_success_timestamp_seconds"] ?? 0) > 1_700_000_000)
    }

    @Test("a new model version replaces the model_info series; no model removes it and the age")
    func modelInfoFollowsTheModel() {
        let registry = Self.sampleRegistry()
        registry.updateState(
            inboxPending: 0, filesInProgress: 0, paused: false, modelVersion: "m-2", modelAgeSeconds: 5)
        var samples = Promtool.samples(String(decoding: registry.render(), as: UTF8.self))
        #expect(samples[#"segmentd_model_info{version="m-2"}"#] == 1)
        #expect(samples[#"segmentd_model_info{version="m-1"}"#] == nil)
        #expect(samples["segmentd_paused"] == 0)
        registry.updateState(
            inboxPending: 0, filesInProgress: 0, paused: false, modelVersion: nil, modelAgeSeconds: nil)
        samples = Promtool.samples(String(decoding: registry.render(), as: UTF8.self))
        #expect(samples[#"segmentd_model_info{version="m-2"}"#] == nil)
        #expect(samples["segmentd_model_age_seconds"] == nil)
    }

    @Test("every metric has HELP from the catalog and one TYPE")
    func everyFamilyHasHelpAndType() {
        let registry = Self.sampleRegistry()
        Counter(
            label: "segmentd_http_requests_total", dimensions: [("route", "/v1/segment"), ("code", "200")],
            factory: registry.factory
        ).increment()
        Timer(
            label: "segmentd_http_request_duration_seconds", dimensions: [("route", "/v1/segment")],
            factory: registry.factory
        ).recordMilliseconds(3)
        let text = String(decoding: registry.render(), as: UTF8.self)
        for metric in MetricCatalog.all {
            let help = "# HELP \(metric.name) \(Exposition.escapeHelp(metric.help))\n"
            #expect(text.components(separatedBy: help).count == 2, "\(metric.name): \(text)")
            #expect(text.components(separatedBy: "# TYPE \(metric.name) \(metric.kind.rawValue)\n").count == 2)
        }
        let samples = Promtool.samples(text)
        #expect(samples[#"segmentd_http_request_duration_seconds_bucket{route="/v1/segment",le="0.0025"}"#] == 0)
        #expect(samples[#"segmentd_http_request_duration_seconds_bucket{route="/v1/segment",le="0.005"}"#] == 1)
    }

    @Test("bins with other bounds merge into the first bound not below theirs; single values land in their bin")
    func binnedHistogramMerges() {
        let histogram = BinnedHistogram(bounds: [1, 2, 5], labels: [])
        histogram.record(bounds: [1, 2, 5], counts: [1, 0, 2, 1], sum: 14)
        histogram.record(bounds: [0.5, 1.5, 3], counts: [1, 1, 1, 1], sum: 7)
        histogram.record(2.0)
        histogram.record(Double.nan)
        let snapshot = histogram.snapshot
        #expect(snapshot.cumulative == [2, 4, 7, 10])
        #expect(snapshot.sum == 23)
    }

    @Test("promtool check metrics passes the exposition without a finding")
    func promtoolPasses() throws {
        let promtool = try #require(Promtool.path, "promtool missing: run bash scripts/test-tools.sh")
        let registry = Self.sampleRegistry()
        Counter(
            label: "segmentd_http_requests_total", dimensions: [("route", "/metrics"), ("code", "200")],
            factory: registry.factory
        ).increment()
        let (status, output) = try Promtool.checkMetrics(registry.render(), promtool: promtool)
        #expect(status == 0 && output.isEmpty, "\(output)\n\(String(decoding: registry.render(), as: UTF8.self))")
    }

    @Test("promtool finds a metric without HELP: the check can fail")
    func promtoolRejectsMissingHelp() throws {
        let promtool = try #require(Promtool.path, "promtool missing: run bash scripts/test-tools.sh")
        let (status, output) = try Promtool.checkMetrics(
            Array("# TYPE segmentd_x_total counter\nsegmentd_x_total 1\n".utf8), promtool: promtool)
        #expect(status != 0 || !output.isEmpty)
    }
}
