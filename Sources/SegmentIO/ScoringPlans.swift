import SegmentCore

/// Scores one row of input values with the challenger, using the calling thread's scratch space.
typealias ChallengerAssigner =
    @Sendable (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Assignment

/// How a sink scores, counts and formats one accepted row. The consumer picks the plan once per piece (the
/// champion's alone, shadow, A/B) and the parse loop is specialised for it, so a file scored without a challenger
/// runs the loop it always ran, with no per-row test of the mode.
protocol RowScoringPlan {
    /// Scores the row, counts it, appends the record with its scored columns to the piece's output, and returns the
    /// assignment written (the one plugins see). `values` may be overwritten.
    mutating func score(
        record: UnsafeRawBufferPointer, isEmptyObject: Bool, id: UnsafeRawBufferPointer,
        values: UnsafeMutableBufferPointer<Double>
    ) -> Assignment

    /// Adds what the parse counted to the piece's counts.
    func store(into piece: ScoringPiece)
}

/// The champion alone: what every file got before challengers existed.
struct ChampionPlan: RowScoringPlan {
    let formatter: ScoredRowFormatter
    let output: ByteBuffer
    let assign: RowAssigner
    let scratch: UnsafeMutableBufferPointer<Double>
    let driftCounts: UnsafeMutablePointer<Int>
    var rowTally: RowTally

    init(piece: ScoringPiece, assign: @escaping RowAssigner, threshold: Double) {
        formatter = piece.formatter
        output = piece.output
        self.assign = assign
        scratch = piece.scratch
        driftCounts = piece.driftCounts
        rowTally = RowTally(piece.tally, threshold: threshold)
    }

    @inline(__always)
    mutating func score(
        record: UnsafeRawBufferPointer, isEmptyObject: Bool, id: UnsafeRawBufferPointer,
        values: UnsafeMutableBufferPointer<Double>
    ) -> Assignment {
        let assignment = assign(values, scratch, driftCounts)
        rowTally.count(assignment)
        formatter.append(record: record, isEmptyObject: isEmptyObject, assignment: assignment, to: output)
        return assignment
    }

    func store(into piece: ScoringPiece) { rowTally.store(into: piece.tally) }
}

/// Shadow: the champion scores and writes every row as alone; the challenger scores a copy of the row's values and
/// only the comparison is counted.
struct ShadowPlan: RowScoringPlan {
    var champion: ChampionPlan
    let challenge: ChallengerAssigner
    let state: ChallengerPiece
    var tally: RowTally

    init(champion: ChampionPlan, challenge: @escaping ChallengerAssigner, state: ChallengerPiece, threshold: Double) {
        self.champion = champion
        self.challenge = challenge
        self.state = state
        tally = RowTally(state.tally, threshold: threshold)
    }

    @inline(__always)
    mutating func score(
        record: UnsafeRawBufferPointer, isEmptyObject: Bool, id: UnsafeRawBufferPointer,
        values: UnsafeMutableBufferPointer<Double>
    ) -> Assignment {
        let copy = state.values
        _ = copy.update(fromContentsOf: values)
        let assignment = champion.score(record: record, isEmptyObject: isEmptyObject, id: id, values: values)
        let shadow = challenge(copy, state.scratch)
        tally.count(shadow)
        let columns = state.challengerSegments
        if UInt(bitPattern: assignment.segment) < UInt(state.championSegments),
            UInt(bitPattern: shadow.segment) < UInt(columns)
        {
            state.contingency[assignment.segment * columns + shadow.segment] += 1
        }
        return assignment
    }

    func store(into piece: ScoringPiece) {
        champion.store(into: piece)
        tally.store(into: state.tally)
    }
}

/// A/B: the customer's arm picks the model that scores, counts and writes the row.
struct ABPlan: RowScoringPlan {
    var champion: ChampionPlan
    let arm: ExperimentArm
    let challenge: ChallengerAssigner
    let state: ChallengerPiece
    let formatter: ScoredRowFormatter
    var tally: RowTally

    init(
        champion: ChampionPlan, arm: ExperimentArm, challenge: @escaping ChallengerAssigner, state: ChallengerPiece,
        threshold: Double
    ) {
        self.champion = champion
        self.arm = arm
        self.challenge = challenge
        self.state = state
        formatter = state.formatter
        tally = RowTally(state.tally, threshold: threshold)
    }

    @inline(__always)
    mutating func score(
        record: UnsafeRawBufferPointer, isEmptyObject: Bool, id: UnsafeRawBufferPointer,
        values: UnsafeMutableBufferPointer<Double>
    ) -> Assignment {
        guard arm.isChallenger(id) else {
            return champion.score(record: record, isEmptyObject: isEmptyObject, id: id, values: values)
        }
        let assignment = challenge(values, state.scratch)
        tally.count(assignment)
        formatter.append(record: record, isEmptyObject: isEmptyObject, assignment: assignment, to: champion.output)
        return assignment
    }

    func store(into piece: ScoringPiece) {
        champion.store(into: piece)
        tally.store(into: state.tally)
    }
}

/// One piece's challenger workspace and counts, reused from chunk to chunk.
final class ChallengerPiece: @unchecked Sendable {
    /// Shadow: the row's values, copied before the champion may overwrite them.
    let values: UnsafeMutableBufferPointer<Double>
    let scratch: UnsafeMutableBufferPointer<Double>
    /// Shadow: champion segment x challenger segment counts since the last tally (row-major).
    let contingency: UnsafeMutablePointer<Int>
    let championSegments: Int
    let challengerSegments: Int
    let tally: PieceTally
    /// A/B: writes the challenger arm's rows.
    let formatter: ScoredRowFormatter

    init(challenger: SegmentScorer, championSegments: Int, format: RecordFormat) {
        let inputs = challenger.inputColumns.count
        values = .allocate(capacity: max(inputs, 1))
        values.initialize(repeating: .nan)
        scratch = .allocate(capacity: max(challenger.scratchCount, 1))
        scratch.initialize(repeating: 0)
        self.championSegments = championSegments
        challengerSegments = challenger.segmentNames.count
        let cells = max(championSegments * challengerSegments, 1)
        contingency = .allocate(capacity: cells)
        contingency.initialize(repeating: 0, count: cells)
        tally = PieceTally(segments: challengerSegments)
        formatter = ScoredRowFormatter(
            format: format, segmentNames: challenger.segmentNames, modelVersion: challenger.modelVersion)
    }

    deinit {
        values.deallocate()
        scratch.deallocate()
        contingency.deallocate()
    }
}
