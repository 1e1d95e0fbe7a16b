package import CoreMetrics
package import SegmentIO
import SegmentSupport

/// What the scoring host records about the rows of a file through the swift-metrics facade, once per file from the
/// tally the scoring loop kept (``ScoreTally``): `segmentd_segment_rows_total{segment}`,
/// `segmentd_low_confidence_rows_total` and the `segmentd_confidence` histogram. Another door (HTTP batches) may
/// record its tallies the same way.
package enum ScoringMetrics {
    /// Records `tally`; `segmentNames` name the segment ids (a missing name is shown as the id).
    package static func record(
        _ tally: ScoreTally, segmentNames: [String], factory: any MetricsFactory = MetricsSystem.factory
    ) {
        for (segment, rows) in tally.segmentRows.enumerated() where rows > 0 {
            let name = segment < segmentNames.count ? segmentNames[segment] : String(segment)
            Counter(label: "segmentd_segment_rows_total", dimensions: [("segment", name)], factory: factory)
                .increment(by: rows)
        }
        Counter(label: "segmentd_low_confidence_rows_total", factory: factory).increment(by: tally.lowConfidenceRows)
        guard tally.rows > 0 else { return }
        let handler = factory.makeRecorder(label: "segmentd_confidence", dimensions: [], aggregate: true)
        if let binned = handler as? any BinnedObservations {
            binned.record(bounds: ScoreTally.confidenceBounds, counts: tally.confidenceCounts, sum: tally.confidenceSum)
            return
        }
        // Another metrics backend takes one value per call: each row at its bin's upper bound (so `le` counts hold;
        // the sum is then an upper bound of the true one).
        for (bin, rows) in tally.confidenceCounts.enumerated() where rows > 0 {
            let value = bin < ScoreTally.confidenceBounds.count ? ScoreTally.confidenceBounds[bin] : 1
            for _ in 0..<rows { handler.record(value) }
        }
    }
}
