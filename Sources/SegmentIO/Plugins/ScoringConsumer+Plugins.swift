/// The scoring path with plugins: pieces log their rows, and the serial finish step runs them through the plugins
/// before writing.
extension ScoringConsumer {
    func processLogging(piece: ScoringPiece, log: ScoredRowLog, chunk: Chunk, range: Range<Int>) {
        piece.output.count = 0
        piece.rejects.removeAll(keepingCapacity: true)
        log.columns.removeAll()
        var sink = LoggingScoringSink(formatter: piece.formatter, output: piece.output, assign: assign,
                                      scratch: piece.scratch, keepsInputValues: log.keepsInputValues, format: log.format,
                                      base: UnsafePointer(chunk.base), cursor: range.lowerBound,
                                      columns: ScoredRowColumns(), rejects: [])
        swap(&sink.rejects, &piece.rejects)
        swap(&sink.columns, &log.columns)
        piece.lines = piece.parser.parse(chunk.base, range, values: piece.values, sink: &sink)
        swap(&sink.rejects, &piece.rejects)
        swap(&sink.columns, &log.columns)
        piece.rows = sink.rows
    }

    /// Writes each piece's rows through the plugins, and the parser's and plugins' rejects merged in line order.
    func finishWithPlugins(_ plugins: PluginStage, chunk: Chunk, set: Int, pieceFirstLines: [Int]) throws(RecordError) {
        let base = UnsafePointer(chunk.base)
        for (index, piece) in sets[set].enumerated() where index < chunk.pieceCount {
            guard let log = piece.log else { continue }
            let firstLine = pieceFirstLines[index]
            let pluginRejects = try plugins.run(log: log, formatted: piece.output, firstLine: firstLine)
            var next = 0
            for pending in piece.rejects {
                let line = firstLine + pending.line
                while next < pluginRejects.count && pluginRejects[next].line < line {
                    try writeReject(pluginRejects[next], base: base)
                    next += 1
                }
                try rejectsWriter.append(line: line, column: describer.column(pending.column, base: base),
                                         reason: describer.reason(pending.reason, base: base),
                                         record: UnsafeRawBufferPointer(start: base + pending.record.lowerBound,
                                                                        count: pending.record.count))
            }
            for reject in pluginRejects[next...] { try writeReject(reject, base: base) }
            try output.write(plugins.output)
        }
    }

    private func writeReject(_ reject: PluginReject, base: UnsafePointer<UInt8>) throws(RecordError) {
        try rejectsWriter.append(line: reject.line, column: "", reason: reject.reason,
                                 record: UnsafeRawBufferPointer(start: base + reject.record.lowerBound,
                                                                count: reject.record.count))
    }
}
