/// The scoring path with a stage (the scoring host's plugins): pieces log their rows, the pipeline's ordered step runs
/// them through the stage piece by piece in file order, the stage's columns are appended in parallel, and the finish
/// step writes.
extension ScoringConsumer {
    func processLogging<Plan: RowScoringPlan>(
        piece: ScoringPiece, log: ScoredRowLog, chunk: Chunk, index: Int, plan: Plan
    ) {
        let range = chunk.piece(index)
        piece.output.count = 0
        piece.rejects.removeAll(keepingCapacity: true)
        log.columns.removeAll()
        var sink = LoggingScoringSink(
            plan: plan, output: piece.output, imputed: piece.imputed, sampler: piece.sampler,
            keepsInputValues: log.keepsInputValues, format: log.format,
            base: UnsafePointer(chunk.base), cursor: range.lowerBound,
            columns: ScoredRowColumns(), rejects: [])
        swap(&sink.rejects, &piece.rejects)
        swap(&sink.columns, &log.columns)
        piece.lines = piece.parser.parse(chunk, piece: index, values: piece.values, sink: &sink)
        swap(&sink.rejects, &piece.rejects)
        swap(&sink.columns, &log.columns)
        sink.plan.store(into: piece)
        piece.rows = sink.rows
    }

    var hasOrderedStep: Bool { stage != nil }

    /// Runs the piece's scored rows through the stage (in file order: the pipeline calls this one piece at a time).
    func orderedStep(piece index: Int, of chunk: Chunk, set: Int, firstLine: Int) throws(RecordError) {
        let piece = sets[set][index]
        piece.stageResult = nil
        guard let stage, let log = piece.log, log.count > 0 else { return }
        piece.stageResult = try stage.process(log.columns, firstLine: firstLine)
    }

    /// Appends the stage's columns to the piece's formatted rows, setting aside the rows it failed.
    func afterOrderedStep(piece index: Int, of chunk: Chunk, set: Int) {
        let piece = sets[set][index]
        guard let stage, let output = piece.stageOutput else { return }
        output.count = 0
        piece.stageRejects.removeAll(keepingCapacity: true)
        guard let result = piece.stageResult, let log = piece.log else { return }
        piece.stageRejects = stage.append(result, rows: log.columns, formatted: piece.output, into: output)
        piece.stageResult = nil
    }

    /// Writes each piece's rows with the stage's columns, and the parser's and stage's rejects merged in line order.
    func finishWithStage(chunk: Chunk, set: Int, pieceFirstLines: [Int]) throws(RecordError) {
        let base = UnsafePointer(chunk.base)
        for (index, piece) in sets[set].enumerated() where index < chunk.pieceCount {
            guard let stageOutput = piece.stageOutput else { continue }
            let firstLine = pieceFirstLines[index]
            let stageRejects = piece.stageRejects
            var next = 0
            for pending in piece.rejects {
                let line = firstLine + pending.line
                while next < stageRejects.count && stageRejects[next].line < line {
                    try writeReject(stageRejects[next], base: base)
                    next += 1
                }
                try rejectsWriter.append(
                    line: line, column: describer.column(pending.column, base: base),
                    reason: describer.reason(pending.reason, base: base),
                    record: UnsafeRawBufferPointer(
                        start: base + pending.record.lowerBound,
                        count: pending.record.count))
            }
            for reject in stageRejects[next...] { try writeReject(reject, base: base) }
            stageRowsRejected += stageRejects.count
            try output.write(stageOutput)
        }
    }

    private func writeReject(_ reject: StageReject, base: UnsafePointer<UInt8>) throws(RecordError) {
        try rejectsWriter.append(
            line: reject.line, column: "", reason: reject.reason,
            record: UnsafeRawBufferPointer(
                start: base + reject.record.lowerBound,
                count: reject.record.count))
    }
}
