import Foundation
import SegmentMetrics

/// A hidden test hook: when `SEGMENTD_METRICS_DUMP` names a file, `segmentd run` writes its metrics' text exposition
/// there as it exits, so tests can compare the counts of a `run --once` with its manifests and check the exposition
/// with promtool without an HTTP server. Operators read the metrics at `GET /metrics`.
enum MetricsDump {
    static let variable = "SEGMENTD_METRICS_DUMP"

    static func writeIfAsked() {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else { return }
        _ = FileManager.default.createFile(atPath: path, contents: Data(SegmentMetrics.render()))
    }
}
