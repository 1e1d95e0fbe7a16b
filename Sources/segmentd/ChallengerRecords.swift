import ScoringHost
import SegmentDaemon
import SegmentIO

/// The manifest's `shadow` and `ab` sections from what the scoring host reports about the challenger.
enum ChallengerRecords {
    /// The section of `report` (shadow or ab) for a file whose champion side is `tally`.
    static func sections(
        _ report: ChallengerReport?, championVersion: String, championNames: [String], tally: ScoreTally
    ) -> (shadow: ShadowRecord?, ab: ABRecord?) {
        guard let report else { return (nil, nil) }
        let status: String
        if report.summary != nil {
            status = report.mode == .ab ? "split" : "compared"
        } else {
            status = report.version == nil ? "no_challenger" : "challenger_unusable"
        }
        let champion = side(version: championVersion, names: championNames, tally: tally)
        let challenger = report.summary.map { side(version: $0.version, names: $0.segmentNames, tally: $0.tally) }
        switch report.mode {
        case .off:
            return (nil, nil)
        case .shadow:
            guard let summary = report.summary else {
                return (ShadowRecord(status: status, message: report.problem, challengerVersion: report.version), nil)
            }
            let record = ShadowRecord(
                status: status, challengerVersion: summary.version, rows: summary.tally.rows,
                agreement: summary.agreement, adjustedRandIndex: summary.adjustedRandIndex, champion: champion,
                challenger: challenger)
            return (record, nil)
        case .ab:
            let rows = champion.rows + (challenger?.rows ?? 0)
            func share(_ count: Int) -> Double { rows > 0 ? Double(count) / Double(rows) : 0 }
            let record = ABRecord(
                status: status, message: report.problem, share: report.share,
                champion: .init(model: champion, share: share(champion.rows)),
                challenger: challenger.map { .init(model: $0, share: share($0.rows)) })
            return (nil, record)
        }
    }

    /// One model's segment shares and mean confidence over the rows it scored.
    static func side(version: String, names: [String], tally: ScoreTally) -> ModelSideRecord {
        let rows = tally.rows
        let segments = tally.segmentRows.enumerated().map { id, count in
            ModelSideRecord.SegmentShare(
                id: id, name: id < names.count ? names[id] : String(id),
                share: rows > 0 ? Double(count) / Double(rows) : 0)
        }
        return ModelSideRecord(
            version: version, rows: rows, segments: segments,
            meanConfidence: rows > 0 ? tally.confidenceSum / Double(rows) : nil)
    }
}
