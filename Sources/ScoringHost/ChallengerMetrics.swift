package import CoreMetrics
package import SegmentIO

/// What the scoring host records about a file's challenger through the swift-metrics facade, once the file is
/// published (docs/metrics.md): in shadow mode `segmentd_shadow_rows_total`, `segmentd_shadow_agreeing_rows_total`
/// and the last file's `segmentd_shadow_agreement` and `segmentd_shadow_adjusted_rand_index`; in A/B mode
/// `segmentd_ab_rows_total{arm}` and `segmentd_ab_confidence_sum_total{arm}` (mean confidence per arm: the
/// second over the first).
package enum ChallengerMetrics {
    /// Records `report` for a file whose champion rows were counted in `champion`.
    package static func record(
        _ report: ChallengerReport?, champion: ScoreTally, factory: any MetricsFactory = MetricsSystem.factory
    ) {
        guard let report, let summary = report.summary else { return }
        switch summary.mode {
        case .shadow:
            let rows = summary.comparedRows
            guard rows > 0 else { return }
            Counter(label: "segmentd_shadow_rows_total", factory: factory).increment(by: rows)
            Counter(label: "segmentd_shadow_agreeing_rows_total", factory: factory).increment(by: summary.agreeingRows)
            Gauge(label: "segmentd_shadow_agreement", factory: factory).record(summary.agreement)
            Gauge(label: "segmentd_shadow_adjusted_rand_index", factory: factory).record(summary.adjustedRandIndex)
        case .ab:
            for (arm, tally) in [("champion", champion), ("challenger", summary.tally)] {
                Counter(label: "segmentd_ab_rows_total", dimensions: [("arm", arm)], factory: factory)
                    .increment(by: tally.rows)
                FloatingPointCounter(
                    label: "segmentd_ab_confidence_sum_total", dimensions: [("arm", arm)], factory: factory
                ).increment(by: tally.confidenceSum)
            }
        }
    }
}
