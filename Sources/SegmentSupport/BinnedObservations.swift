/// A histogram that takes observations already counted into bins, many rows in one call.
///
/// swift-metrics records one value per call, and swift-prometheus's histogram takes a lock per value: recording each
/// scored row that way would cost the daemon's scoring loop a lock per row. The scoring loop counts rows into bins
/// instead (`ScoreTally`), and at the file's end the host hands the bins to the handler the metrics factory made for
/// the histogram. SegmentMetrics' histograms conform; the host asks the facade's handler for this conformance and,
/// with another metrics backend, records each row at its bin's upper bound instead. Declared here, the lowest layer,
/// so the host and SegmentMetrics share it without importing each other.
package protocol BinnedObservations: Sendable {
    /// Adds observations counted into bins.
    /// - Parameters:
    ///   - bounds: ascending upper bounds (Prometheus `le`) of the bins.
    ///   - counts: observations per bin, not cumulative: `bounds.count + 1` entries, the last for values above every
    ///     bound.
    ///   - sum: the sum of the observations.
    func record(bounds: [Double], counts: [Int], sum: Double)
}
