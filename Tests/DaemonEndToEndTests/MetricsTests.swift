import Foundation
import SegmentdTestSupport
import Testing

/// The real daemon's metrics after a `run --once` (read through the hidden `SEGMENTD_METRICS_DUMP` hook, the same
/// exposition `GET /metrics` serves): the counts equal the manifests', and promtool accepts the exposition.
extension DaemonEndToEndTests {
    @Test("after N files the files, rows, bytes, segment and confidence counts equal the manifests'; promtool passes")
    func metricsEqualTheManifests() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0"])
        let first = tree.fixture.csv(rows: 40, from: 0)
        try tree.renameIn("first.csv", first)
        try tree.renameIn("second.csv", tree.fixture.csv(rows: 25, from: 100))
        try tree.renameIn(
            "some-bad.csv", tree.fixture.csv(rows: 30, from: 200) + Self.rejectedRows(tree.fixture, count: 4, from: 0))
        try tree.renameIn("copy.csv", first)
        try tree.renameIn("missing-columns.csv", "CUST_ID\n1\n")
        let dump = tree.path("metrics.txt")
        let once = try DaemonProcess(
            in: tree, arguments: ["run", "--once"], environment: ["SEGMENTD_METRICS_DUMP": dump])
        #expect(try await once.waitForExit() == 65, "\(once.log)")

        let exposition = try String(contentsOfFile: dump, encoding: .utf8)
        let samples = Promtool.samples(exposition)
        let manifests = try tree.manifests().values
        func files(_ outcome: String) -> Double {
            Double(manifests.filter { $0["outcome"] as? String == outcome }.count)
        }
        let scored = manifests.filter { $0["outcome"] as? String == "scored" }
        func rows(_ key: String) -> Double {
            Double(scored.map { ($0["rows"] as? [String: Int])?[key] ?? 0 }.reduce(0, +))
        }
        let bytes = scored.map { (($0["input"] as? [String: Any])?["size"] as? Int) ?? 0 }.reduce(0, +)
        #expect(files("scored") == 3 && files("duplicate") == 1 && files("failed") == 1, "\(once.log)")
        #expect(samples[#"segmentd_files_total{outcome="scored"}"#] == files("scored"), "\(exposition)")
        #expect(samples[#"segmentd_files_total{outcome="duplicate"}"#] == files("duplicate"), "\(exposition)")
        #expect(samples[#"segmentd_files_total{outcome="failed"}"#] == files("failed"), "\(exposition)")
        #expect(samples[#"segmentd_rows_total{result="scored"}"#] == rows("scored"), "\(exposition)")
        #expect(samples[#"segmentd_rows_total{result="rejected"}"#] == rows("rejected"), "\(exposition)")
        #expect(rows("scored") == 95 && rows("rejected") == 4)
        #expect(samples["segmentd_input_bytes_total"] == Double(bytes), "\(exposition)")
        let segmentRows = samples.filter { $0.key.hasPrefix("segmentd_segment_rows_total{") }.values.reduce(0, +)
        #expect(segmentRows == rows("scored"), "\(exposition)")
        #expect(samples["segmentd_confidence_count"] == rows("scored"), "\(exposition)")
        #expect(samples["segmentd_file_duration_seconds_count"] == files("scored") + files("duplicate") + 1)
        #expect(samples["segmentd_landing_to_manifest_seconds_count"] == files("scored") + files("duplicate"))
        #expect((samples["segmentd_last_success_timestamp_seconds"] ?? 0) > 1_700_000_000)

        let promtool = try #require(Promtool.path, "promtool missing: run bash scripts/test-tools.sh")
        let (status, output) = try Promtool.checkMetrics(Array(exposition.utf8), promtool: promtool)
        #expect(status == 0 && output.isEmpty, "\(output)\n\(exposition)")
        tree.remove()
    }
}
