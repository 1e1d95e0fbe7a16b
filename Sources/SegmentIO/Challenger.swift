package import SegmentCore

/// A second model scoring the same file beside the champion (issue 17's `[challenger]` table): in shadow mode it
/// scores every row without changing a byte of the output; in A/B mode each customer's arm (``ExperimentArm``)
/// decides which of the two scores the row and writes its columns.
package struct Challenger: Sendable {
    package enum Mode: Sendable, Equatable {
        /// Every row is also scored by the challenger, for the comparison only.
        case shadow
        /// Rows whose customer is in the challenger arm are scored by the challenger.
        case ab(ExperimentArm)
    }

    /// The challenger model; its id column and input columns must be the champion's (the host checks).
    package var scorer: SegmentScorer
    package var mode: Mode

    package init(scorer: SegmentScorer, mode: Mode) {
        self.scorer = scorer
        self.mode = mode
    }
}

/// What the challenger did in one file (``ScoreSummary/challenger``); the champion's side is the summary's `tally`.
package struct ChallengerSummary: Sendable, Equatable {
    package var mode: Challenger.Mode
    package var version: String
    /// The challenger's segment names by id.
    package var segmentNames: [String]
    /// Shadow only (empty in A/B): rows by champion segment (outer) and challenger segment (inner), row-major with
    /// `segmentNames.count` columns. Rows with a segment id outside either model's (never) are left out.
    package var contingency: [Int]
    /// Shadow: the challenger's assignments of every scored row. A/B: the challenger arm's rows.
    package var tally: ScoreTally

    package init(
        mode: Challenger.Mode, version: String, segmentNames: [String], contingency: [Int], tally: ScoreTally
    ) {
        self.mode = mode
        self.version = version
        self.segmentNames = segmentNames
        self.contingency = contingency
        self.tally = tally
    }

    /// The champion segments in ``contingency``.
    package var championSegments: Int {
        segmentNames.isEmpty ? 0 : contingency.count / segmentNames.count
    }

    /// Shadow: the rows compared (every row both models scored).
    package var comparedRows: Int { contingency.reduce(0, +) }

    /// Shadow: the rows both models put in the segment with the same id.
    package var agreeingRows: Int {
        let columns = segmentNames.count
        return (0..<min(championSegments, columns)).reduce(0) { $0 + contingency[$1 * columns + $1] }
    }

    /// Shadow: the share of rows both models put in the segment with the same id (1 with no row).
    package var agreement: Double {
        let rows = comparedRows
        return rows > 0 ? Double(agreeingRows) / Double(rows) : 1
    }

    /// Shadow: the adjusted Rand index of the two labellings (``AdjustedRandIndex``).
    package var adjustedRandIndex: Double {
        AdjustedRandIndex.index(table: contingency, rows: championSegments, columns: segmentNames.count)
    }
}
