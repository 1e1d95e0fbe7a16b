import SegmentCore

/// The challenger's side of one file's scoring: its scoring closure, and its counts added up from the pieces after
/// each chunk (by ``ScoringConsumer/tally(set:)``, which never runs concurrently).
final class ChallengerRun: @unchecked Sendable {
    let mode: Challenger.Mode
    let version: String
    let segmentNames: [String]
    let assign: ChallengerAssigner
    let championSegments: Int
    private(set) var contingency: [Int]
    private(set) var tally: ScoreTally

    init(_ challenger: Challenger, championSegments: Int, threshold: Double) {
        mode = challenger.mode
        let scorer = challenger.scorer
        version = scorer.modelVersion
        segmentNames = scorer.segmentNames
        assign = { values, scratch in scorer.assign(values, scratch: scratch) }
        self.championSegments = championSegments
        let cells = mode == .shadow ? championSegments * segmentNames.count : 0
        contingency = Array(repeating: 0, count: cells)
        tally = ScoreTally(segments: segmentNames.count, lowConfidenceThreshold: threshold)
    }

    /// Adds one piece's counts to the file's and zeroes them.
    func drain(_ state: ChallengerPiece) {
        state.tally.drain(into: &tally)
        for cell in contingency.indices {
            contingency[cell] += state.contingency[cell]
            state.contingency[cell] = 0
        }
    }

    /// What the challenger did in the file.
    var summary: ChallengerSummary {
        ChallengerSummary(
            mode: mode, version: version, segmentNames: segmentNames, contingency: contingency, tally: tally)
    }
}
