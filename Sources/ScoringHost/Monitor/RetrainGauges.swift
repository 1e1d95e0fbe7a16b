package import CoreMetrics
package import SegmentCore

/// The monitoring gauges, through the swift-metrics facade (names in SegmentMetrics' catalog, docs/metrics.md):
/// the current UTC day's figures as `segmentd history` shows them, and the last retrain advice per reason.
package enum RetrainGauges {
    /// The day's figures: rows, mean confidence, largest feature PSI, each segment's share (by name).
    package static func recordDay(
        _ counts: WindowCounts, model: SegmentModel, factory: any MetricsFactory = MetricsSystem.factory
    ) {
        Gauge(label: "segmentd_day_rows", factory: factory).record(Double(counts.rows))
        Gauge(label: "segmentd_day_mean_confidence", factory: factory).record(counts.meanConfidence)
        if let reference = model.drift, let report = counts.driftReport(reference: reference) {
            Gauge(label: "segmentd_day_max_psi", factory: factory).record(report.maximum?.psi ?? 0)
        }
        let names = Dictionary(model.segments.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        for (id, share) in counts.segmentShares.enumerated() {
            Gauge(
                label: "segmentd_day_segment_share", dimensions: [("segment", names[id] ?? "\(id)")], factory: factory
            )
            .record(share)
        }
    }

    /// `segmentd_retrain_advised{reason}`: 1 for every reason whose rule advises, 0 for the others.
    package static func recordAdvice(_ advice: RetrainAdvice, factory: any MetricsFactory = MetricsSystem.factory) {
        for reason in RetrainReason.allCases {
            Gauge(label: "segmentd_retrain_advised", dimensions: [("reason", reason.rawValue)], factory: factory)
                .record(advice.rule(reason)?.advises == true ? 1 : 0)
        }
    }
}
