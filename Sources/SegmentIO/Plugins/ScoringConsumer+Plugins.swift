/// The scoring path with plugins: pieces log their rows, the pipeline's ordered step runs them through the plugins
/// piece by piece in file order, the plugins' columns are appended in parallel, and the finish step writes.
extension ScoringConsumer {
    func processLogging(piece: ScoringPiece, log: ScoredRowLog, chunk: Chunk, index: Int) {
        let range = chunk.piece(index)
        piece.output.count = 0
        piece.rejects.removeAll(keepingCapacity: true)
        log.columns.removeAll()
        var sink = LoggingScoringSink(
            formatter: piece.formatter, output: piece.output, assign: assign,
            scratch: piece.scratch, keepsInputValues: log.keepsInputValues, format: log.format,
            base: UnsafePointer(chunk.base), cursor: range.lowerBound,
            columns: ScoredRowColumns(), rejects: [])
        swap(&sink.rejects, &piece.rejects)
        swap(&sink.columns, &log.columns)
        piece.lines = piece.parser.parse(chunk, piece: index, values: piece.values, sink: &sink)
        swap(&sink.rejects, &piece.rejects)
        swap(&sink.columns, &log.columns)
        piece.rows = sink.rows
    }

    var hasOrderedStep: Bool { plugins != nil }

    /// Runs the piece's scored rows through the plugins (in file order: the pipeline calls this one piece at a time).
    func orderedStep(piece index: Int, of chunk: Chunk, set: Int, firstLine: Int) throws(RecordError) {
        let piece = sets[set][index]
        piece.pluginResult = nil
        guard let plugins, let log = piece.log, log.count > 0 else { return }
        piece.pluginResult = try plugins.process(log: log, firstLine: firstLine)
    }

    /// Appends the plugins' columns to the piece's formatted rows, setting aside the rows they failed.
    func afterOrderedStep(piece index: Int, of chunk: Chunk, set: Int) {
        let piece = sets[set][index]
        guard let plugins, let output = piece.pluginOutput else { return }
        output.count = 0
        piece.pluginRejects.removeAll(keepingCapacity: true)
        guard let result = piece.pluginResult, let log = piece.log else { return }
        piece.pluginRejects = plugins.format(result, log: log, formatted: piece.output, into: output)
        piece.pluginResult = nil
    }

    /// Writes each piece's rows with the plugins' columns, and the parser's and plugins' rejects merged in line order.
    func finishWithPlugins(chunk: Chunk, set: Int, pieceFirstLines: [Int]) throws(RecordError) {
        let base = UnsafePointer(chunk.base)
        for (index, piece) in sets[set].enumerated() where index < chunk.pieceCount {
            guard let pluginOutput = piece.pluginOutput else { continue }
            let firstLine = pieceFirstLines[index]
            let pluginRejects = piece.pluginRejects
            var next = 0
            for pending in piece.rejects {
                let line = firstLine + pending.line
                while next < pluginRejects.count && pluginRejects[next].line < line {
                    try writeReject(pluginRejects[next], base: base)
                    next += 1
                }
                try rejectsWriter.append(
                    line: line, column: describer.column(pending.column, base: base),
                    reason: describer.reason(pending.reason, base: base),
                    record: UnsafeRawBufferPointer(
                        start: base + pending.record.lowerBound,
                        count: pending.record.count))
            }
            for reject in pluginRejects[next...] { try writeReject(reject, base: base) }
            try output.write(pluginOutput)
        }
    }

    private func writeReject(_ reject: PluginReject, base: UnsafePointer<UInt8>) throws(RecordError) {
        try rejectsWriter.append(
            line: reject.line, column: "", reason: reject.reason,
            record: UnsafeRawBufferPointer(
                start: base + reject.record.lowerBound,
                count: reject.record.count))
    }
}
