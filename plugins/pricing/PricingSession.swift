import SegmentPlugin

/// The pricing plugin's work on one file: each column is a palette of the segments' terms, indexed by segment id.
final class PricingSession: PluginFileSession {
    private let settings: PricingSettings
    private var table: PricingTable

    init(settings: PricingSettings, table: PricingTable) {
        self.settings = settings
        self.table = table
    }

    /// Fills the three columns of every row; rejects rows whose segment id the model does not name.
    func process(_ batch: ScoredBatch, into output: inout PluginColumns) throws(PluginError) {
        if batch.segmentNames != table.segmentNames {
            table = PricingTable(settings: settings, segmentNames: batch.segmentNames)
        }
        for (column, palette) in table.columns.enumerated() { output.usePalette(palette, for: column) }
        let segmentCount = table.segmentNames.count
        for row in 0..<batch.count {
            let segment = batch.segmentIDs[row]
            guard segment >= 0, segment < segmentCount else {
                output.fail(
                    row: row,
                    reason: "segment id \(segment) is not a segment of the model, "
                        + "whose ids are 0...\(segmentCount - 1)")
                continue
            }
            output.setPaletteIndex(segment, row: row, column: 0)
            output.setPaletteIndex(segment, row: row, column: 1)
            output.setPaletteIndex(segment, row: row, column: 2)
        }
    }
}
