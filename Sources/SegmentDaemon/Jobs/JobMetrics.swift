package import CoreMetrics
import Glibc
import SegmentSupport

/// What the daemon records about each file through the swift-metrics facade, where the file's end is known; the names
/// are SegmentMetrics' catalog's (see docs/metrics.md). Without a bootstrapped metrics system the facade drops them.
///
/// Everything here runs once per file, never per row: the per-row counts (segments, confidence) are tallied by the
/// scoring loop and recorded by the scoring host at the file's end.
package enum JobMetrics {
    /// One attempt at a file ended: `segmentd_files_total{outcome}`; for a scored file its rows
    /// (`segmentd_rows_total{result}`) and the time of the last success; for a file that got a manifest, how long it
    /// took (`segmentd_file_duration_seconds`).
    package static func record(
        _ outcome: JobOutcome, duration: Duration, factory: any MetricsFactory = MetricsSystem.factory
    ) {
        Counter(label: "segmentd_files_total", dimensions: [("outcome", outcome.word)], factory: factory).increment()
        switch outcome {
        case .scored(let counts, _):
            Counter(label: "segmentd_rows_total", dimensions: [("result", "scored")], factory: factory)
                .increment(by: counts.rowsScored)
            Counter(label: "segmentd_rows_total", dimensions: [("result", "rejected")], factory: factory)
                .increment(by: counts.rowsRejected)
            lastSuccess(factory: factory)
        case .duplicate:
            lastSuccess(factory: factory)
        case .completedEarlier, .failed:
            break
        case .deferred, .skipped:
            return
        }
        let seconds = duration.inSeconds
        Recorder(label: "segmentd_file_duration_seconds", factory: factory).record(seconds)
    }

    /// A scored or duplicate file's manifest was published: the input's bytes (scored files), the time from the
    /// input's last modification to the manifest (`landedAt` and `publishedAt`, Unix nanoseconds), and what the
    /// plugins did (rows failed, flags raised) as the manifest says it.
    package static func recordPublished(
        scored: ProcessingResult?, inputBytes: Int64?, landedAt: Int64, publishedAt: Int64,
        factory: any MetricsFactory = MetricsSystem.factory
    ) {
        let waited = Double(max(publishedAt - landedAt, 0)) / 1e9
        Recorder(label: "segmentd_landing_to_manifest_seconds", factory: factory).record(waited)
        guard let scored else { return }
        scored.metrics?.record(factory)
        if let inputBytes {
            Counter(label: "segmentd_input_bytes_total", factory: factory).increment(by: inputBytes)
        }
        for plugin in scored.plugins {
            if plugin.rowsFailed > 0 {
                Counter(
                    label: "segmentd_plugin_rows_failed_total", dimensions: [("plugin", plugin.name)], factory: factory
                )
                .increment(by: plugin.rowsFailed)
            }
            for flag in Set(plugin.flags) {
                Counter(
                    label: "segmentd_plugin_flags_total", dimensions: [("plugin", plugin.name), ("flag", flag)],
                    factory: factory
                ).increment()
            }
        }
    }

    private static func lastSuccess(factory: any MetricsFactory) {
        Gauge(label: "segmentd_last_success_timestamp_seconds", factory: factory)
            .record(Double(wallClockNanoseconds()) / 1e9)
    }

    /// Now, in nanoseconds since the Unix epoch (the clock file modification times use).
    static func wallClockNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}

/// A processor's recording of what it learnt about a file's rows, run by the daemon once the file's manifest is
/// published as scored (a file found to be a duplicate, or failed, after scoring records nothing). Compares equal to
/// any other: it is not part of what a result says about the file.
package struct PublicationMetrics: Sendable, Equatable {
    let record: @Sendable (any MetricsFactory) -> Void

    package init(_ record: @escaping @Sendable (any MetricsFactory) -> Void) {
        self.record = record
    }

    package static func == (lhs: Self, rhs: Self) -> Bool { true }
}
