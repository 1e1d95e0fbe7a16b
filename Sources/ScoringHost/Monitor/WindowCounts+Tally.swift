package import SegmentCore
package import SegmentIO

extension WindowCounts {
    /// The counts of one scored file: its tally (segments, confidence) and its drift report's bin counts (none for a
    /// model without a drift reference). Nothing is counted again: the scoring loop counted all of it already.
    package init(tally: ScoreTally, drift: DriftReport?) {
        self.init(
            rows: tally.rows, features: drift?.binCounts ?? [], segmentRows: tally.segmentRows,
            confidenceCounts: tally.confidenceCounts, confidenceSum: tally.confidenceSum)
    }
}
