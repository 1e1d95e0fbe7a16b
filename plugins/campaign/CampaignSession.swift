import SegmentPlugin

/// The campaign plugin's work on one file: `campaign` and `channel` are palettes of the precomputed table's choices.
final class CampaignSession: PluginFileSession {
    private let settings: CampaignSettings
    private var table: CampaignTable
    private var ruleMatches = 0

    init(settings: CampaignSettings, table: CampaignTable) {
        self.settings = settings
        self.table = table
    }

    /// Looks up each row's campaign and channel; rejects rows whose segment id the model does not name.
    func process(_ batch: ScoredBatch, into output: inout PluginColumns) throws(PluginError) {
        if batch.segmentNames != table.segmentNames {
            table = CampaignTable(settings: settings, segmentNames: batch.segmentNames)
        }
        let table = table
        output.usePalette(table.campaigns, for: 0)
        output.usePalette(table.channels, for: 1)
        var matches = 0
        for row in 0..<batch.count {
            let segment = batch.segmentIDs[row]
            guard let choice = table.choice(segment: segment, confidence: batch.confidences[row]) else {
                output.fail(row: row, reason: Self.unnamedSegment(segment, count: table.segmentNames.count))
                continue
            }
            if table.isRule(choice) { matches += 1 }
            output.setPaletteIndex(choice, row: row, column: 0)
            output.setPaletteIndex(choice, row: row, column: 1)
        }
        ruleMatches += matches
    }

    /// Reports how many rows a confidence rule routed (`rule_matches`).
    func finish(artifacts: any PluginArtifactWriter) throws(PluginError) -> PluginFileReport {
        PluginFileReport(metrics: ["rule_matches": Double(ruleMatches)])
    }

    static func unnamedSegment(_ segment: Int, count: Int) -> String {
        "segment id \(segment) is not a segment of the model, whose ids are 0...\(count - 1)"
    }
}
