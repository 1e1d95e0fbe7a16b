import SegmentCore

/// Scores one row of input values using the calling thread's scratch space, counting it into the thread's drift
/// counts when drift is counted.
typealias RowAssigner =
    @Sendable (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>, UnsafeMutablePointer<Int>) ->
    Assignment

/// The results of scoring one piece, reused from chunk to chunk.
final class ScoringPiece: @unchecked Sendable {
    let output: ByteBuffer
    var rejects: [PendingReject] = []
    var rows = 0
    var lines = 0
    var parser: RecordParser
    let formatter: ScoredRowFormatter
    let values: UnsafeMutableBufferPointer<Double>
    let scratch: UnsafeMutableBufferPointer<Double>
    /// Per input column, the missing values the model filled in (imputed) in this piece's rows since the last tally.
    let imputed: UnsafeMutableBufferPointer<Int>
    /// Rows per segment and confidence bin in this piece's rows since the last tally.
    let tally: PieceTally
    /// The drift bin counts of this piece's rows since the last tally (`driftCountCount` of them, at least one).
    let driftCounts: UnsafeMutablePointer<Int>
    let driftCountCount: Int
    /// What the stage needs about the rows scored; nil without a stage.
    var log: ScoredRowLog?
    /// With a stage: what it made of the rows (between the ordered step and appending), the surviving rows
    /// with the stage's columns, and the rows it failed.
    var stageResult: (any ScoredRowStageResult)?
    var stageOutput: ByteBuffer?
    var stageRejects: [StageReject] = []
    /// The piece's share of the reservoir sample; nil when no sample is captured.
    var sampler: PieceSampler?
    /// The challenger's workspace and counts; nil without a challenger.
    var challenger: ChallengerPiece?

    init(
        parser: RecordParser, formatter: ScoredRowFormatter, inputCount: Int, scratchCount: Int, outputBytes: Int,
        segments: Int, driftCountCount: Int
    ) {
        self.parser = parser
        self.driftCountCount = driftCountCount
        driftCounts = .allocate(capacity: max(driftCountCount, 1))
        driftCounts.initialize(repeating: 0, count: max(driftCountCount, 1))
        tally = PieceTally(segments: segments)
        self.formatter = formatter
        output = ByteBuffer(capacity: outputBytes)
        values = .allocate(capacity: max(inputCount, 1))
        values.initialize(repeating: .nan)
        scratch = .allocate(capacity: max(scratchCount, 1))
        scratch.initialize(repeating: 0)
        imputed = .allocate(capacity: max(inputCount, 1))
        imputed.initialize(repeating: 0)
    }

    deinit {
        values.deallocate()
        scratch.deallocate()
        imputed.deallocate()
        driftCounts.deallocate()
    }

    /// Counts the missing values of one row about to be scored: the model fills each with its column's median.
    @inline(__always)
    static func countMissing(
        _ values: UnsafeMutableBufferPointer<Double>, into imputed: UnsafeMutableBufferPointer<Int>
    ) {
        for slot in values.indices where values[slot].isNaN { imputed[slot] += 1 }
    }
}

/// Feeds parsed records to the scorer and collects output bytes and rejections.
private struct ScoringSink<Plan: RowScoringPlan>: RecordSink {
    var plan: Plan
    let imputed: UnsafeMutableBufferPointer<Int>
    let sampler: PieceSampler?
    var rejects: [PendingReject]
    var rows = 0

    mutating func accept(
        record: UnsafeRawBufferPointer, isEmptyObject: Bool, id: UnsafeRawBufferPointer,
        values: UnsafeMutableBufferPointer<Double>
    ) {
        rows += 1
        ScoringPiece.countMissing(values, into: imputed)
        sampler?.offer(values)
        _ = plan.score(record: record, isEmptyObject: isEmptyObject, id: id, values: values)
    }

    mutating func reject(_ reject: PendingReject) {
        rows += 1
        rejects.append(reject)
    }
}

/// Scores chunks in parallel and writes scored records and rejections in input order.
final class ScoringConsumer: ChunkConsumer, @unchecked Sendable {
    let sets: [[ScoringPiece]]
    let assign: RowAssigner
    let output: DurableOutput
    var rejectsWriter: RejectsWriter
    let describer: RejectDescriber
    /// The ordered stage (the scoring host's plugins); nil keeps the plain path.
    let stage: (any ScoredRowStage)?
    /// Records read and rejected in all chunks processed so far.
    private(set) var rowsRead = 0
    private(set) var rowsRejected = 0
    /// Per input column (the scorer's order), the missing values imputed in all chunks processed so far.
    private(set) var imputed: [Int]
    /// Per segment and confidence bin, the rows scored in all chunks processed so far.
    private(set) var scoreTally: ScoreTally
    /// Rows below this confidence are counted as low-confidence.
    let lowConfidenceThreshold: Double
    /// The drift bin counts of all chunks processed so far (see ``DriftBinning``); empty when drift is not counted.
    private(set) var driftCounts: [Int]
    /// The file's sample for the reservoir; nil when none is captured.
    private var fileSampler: FileSampler?
    /// Records the stage failed in the chunks written so far (counted by `finish`, which never runs concurrently).
    var stageRowsRejected = 0
    /// The challenger, its scoring closure and what it did so far; nil without one.
    let challenger: ChallengerRun?

    init(
        layout: InputLayout, pieces: Int, chunkBytes: Int, scorer: some RowScorer, output: DurableOutput,
        rejects: RejectsWriter, stage: (any ScoredRowStage)? = nil,
        lowConfidenceThreshold: Double = ScoreOptions.defaultLowConfidenceThreshold, countsDrift: Bool = false,
        sampleCapture: SampleCapture? = nil, challenger: Challenger? = nil
    ) {
        let segments = scorer.segmentNames.count
        let driftCountCount = countsDrift ? scorer.driftCountCount : 0
        let outputBytes = chunkBytes / pieces * 3 / 2 + 4096
        sets = (0..<2).map { _ in
            (0..<pieces).map { _ in
                ScoringPiece(
                    parser: layout.makeParser(),
                    formatter: ScoredRowFormatter(
                        format: layout.format, segmentNames: scorer.segmentNames,
                        modelVersion: scorer.modelVersion),
                    inputCount: scorer.inputColumns.count, scratchCount: scorer.scratchCount,
                    outputBytes: outputBytes, segments: segments, driftCountCount: driftCountCount)
            }
        }
        if let sampleCapture {
            let file = FileSampler(capture: sampleCapture, width: scorer.inputColumns.count)
            fileSampler = file
            var seeds = SeededGenerator(seed: sampleCapture.seed ?? UInt64.random(in: .min ... .max))
            for piece in sets.joined() { piece.sampler = PieceSampler(file: file, seed: seeds.next()) }
        }
        scoreTally = ScoreTally(segments: segments, lowConfidenceThreshold: lowConfidenceThreshold)
        self.lowConfidenceThreshold = lowConfidenceThreshold
        // One closure or the other, chosen once: without drift the loop is what it was.
        if driftCountCount > 0 {
            assign = { values, scratch, counts in scorer.assign(values, scratch: scratch, driftCounts: counts) }
        } else {
            assign = { values, scratch, _ in scorer.assign(values, scratch: scratch) }
        }
        driftCounts = Array(repeating: 0, count: driftCountCount)
        imputed = Array(repeating: 0, count: scorer.inputColumns.count)
        self.output = output
        rejectsWriter = rejects
        describer = RejectDescriber(headerNames: layout.headerNames, idColumn: scorer.idColumn)
        self.stage = stage
        self.challenger = challenger.map {
            ChallengerRun($0, championSegments: segments, threshold: lowConfidenceThreshold)
        }
        if let challenger {
            for piece in sets.joined() {
                piece.challenger = ChallengerPiece(
                    challenger: challenger.scorer, championSegments: segments, format: layout.format)
            }
        }
        if let stage {
            for piece in sets.joined() {
                piece.log = ScoredRowLog(keepsInputValues: stage.keepsInputValues, format: layout.format)
                piece.stageOutput = ByteBuffer(capacity: outputBytes)
            }
        }
    }

    func process(piece index: Int, of chunk: Chunk, set: Int) {
        let piece = sets[set][index]
        let champion = ChampionPlan(piece: piece, assign: assign, threshold: lowConfidenceThreshold)
        guard let challenger, let state = piece.challenger else {
            return process(piece: piece, chunk: chunk, index: index, plan: champion)
        }
        switch challenger.mode {
        case .shadow:
            let plan = ShadowPlan(
                champion: champion, challenge: challenger.assign, state: state, threshold: lowConfidenceThreshold)
            process(piece: piece, chunk: chunk, index: index, plan: plan)
        case .ab(let arm):
            let plan = ABPlan(
                champion: champion, arm: arm, challenge: challenger.assign, state: state,
                threshold: lowConfidenceThreshold)
            process(piece: piece, chunk: chunk, index: index, plan: plan)
        }
    }

    /// Parses one piece with `plan` (specialised per plan: the loop has no test of the mode).
    private func process<Plan: RowScoringPlan>(piece: ScoringPiece, chunk: Chunk, index: Int, plan: Plan) {
        if let log = piece.log { return processLogging(piece: piece, log: log, chunk: chunk, index: index, plan: plan) }
        piece.output.count = 0
        piece.rejects.removeAll(keepingCapacity: true)
        var sink = ScoringSink(plan: plan, imputed: piece.imputed, sampler: piece.sampler, rejects: [])
        swap(&sink.rejects, &piece.rejects)
        piece.lines = piece.parser.parse(chunk, piece: index, values: piece.values, sink: &sink)
        swap(&sink.rejects, &piece.rejects)
        sink.plan.store(into: piece)
        piece.rows = sink.rows
    }

    func lines(piece: Int, set: Int) -> Int {
        sets[set][piece].lines
    }

    /// Adds the record counts of the chunk just processed into `set` to the totals.
    func tally(set: Int) {
        for piece in sets[set] {
            rowsRead += piece.rows
            rowsRejected += piece.rejects.count
            for slot in imputed.indices {
                imputed[slot] += piece.imputed[slot]
                piece.imputed[slot] = 0
            }
            piece.tally.drain(into: &scoreTally)
            for slot in 0..<piece.driftCountCount {
                driftCounts[slot] += piece.driftCounts[slot]
                piece.driftCounts[slot] = 0
            }
            if let state = piece.challenger { challenger?.drain(state) }
        }
    }

    func finish(_ chunk: Chunk, set: Int, pieceFirstLines: [Int]) throws(RecordError) {
        if stage != nil { return try finishWithStage(chunk: chunk, set: set, pieceFirstLines: pieceFirstLines) }
        let base = UnsafePointer(chunk.base)
        for (index, piece) in sets[set].enumerated() where index < chunk.pieceCount {
            for pending in piece.rejects {
                try rejectsWriter.append(
                    line: pieceFirstLines[index] + pending.line,
                    column: describer.column(pending.column, base: base),
                    reason: describer.reason(pending.reason, base: base),
                    record: UnsafeRawBufferPointer(
                        start: base + pending.record.lowerBound,
                        count: pending.record.count))
            }
            try output.write(piece.output)
        }
    }

    /// The key trackers of every piece's JSONL parser (none for CSV).
    var seenKeys: [SeenKeys] {
        sets.joined().compactMap { piece in
            if case .jsonl(let parser) = piece.parser { return parser.seenKeys }
            return nil
        }
    }

    /// The rows the pieces kept for the reservoir, the `capacity` smallest keys; nil when none is captured.
    func sample() -> CapturedSample? {
        guard let fileSampler else { return nil }
        for piece in sets.joined() { piece.sampler?.flush() }
        return fileSampler.result()
    }

    /// Writes whatever rejections are still buffered.
    func close() throws(RecordError) {
        try rejectsWriter.flush()
    }
}
