import SegmentCore
import SegmentIO
package import SegmentPlugin
package import SegmentSupport

/// One row of an in-memory batch: the customer's id and the values of the model's input columns, in the order of
/// the scorer's `inputColumns` (NaN where a value is missing).
package struct BatchRow: Sendable, Equatable {
    package var id: String
    package var values: [Double]

    package init(id: String, values: [Double]) {
        self.id = id
        self.values = values
    }
}

/// What the batch door made of one row: its segment and, unless a plugin failed it, every plugin's values.
package struct BatchRowResult: Sendable, Equatable {
    package var segmentID: Int
    package var segmentName: String
    package var confidence: Double
    package var distance: Double
    /// Each plugin column's value, in the order of `BatchResult.pluginColumns`; empty when a plugin failed the row.
    package var pluginValues: [PluginValue]
    /// Why a plugin failed the row (`plugin <name>: <message>`, as in the rejects file), or nil.
    package var failure: String?
}

/// What the batch door produced.
package struct BatchResult: Sendable {
    /// One result per row given, in order.
    package var rows: [BatchRowResult]
    /// The plugins' column names, in order.
    package var pluginColumns: [String]
    /// What each plugin did, with its settings' digest.
    package var plugins: [PluginOutcome]
    /// SHA-256 and size of the rows as the sessions were told (each row `id,value,…` on its own line).
    package var digest: FileSHA256.Digest
}

extension ScoringHost {
    /// The in-memory door: scores `rows` and passes them through the enabled plugins, as the file door does with
    /// the rows of a file: the same `PluginRun` (sessions, digest, `on_error`, finish) and the same `PluginStage`.
    /// The batch is one piece whose lines are 1…count; its content digest is known up front, so no session needs
    /// a second pass.
    /// - Parameters:
    ///   - name: what the sessions are told the input is called.
    package func score(rows: [BatchRow], name: String) throws -> BatchResult {
        try score(rows: rows, name: name, artifacts: DiscardingArtifactWriter())
    }

    /// `score(rows:name:)`, with the plugins' artifact lines going to `artifacts`.
    package func score(rows: [BatchRow], name: String, artifacts: some PluginArtifactWriter) throws -> BatchResult {
        let digest = Self.digest(of: rows)
        let run = PluginRun(
            plugins: plugins.scoringPlugins,
            file: pluginFile(name: name, sha256: digest.sha256, isTrial: false),
            path: name)
        let outcome = try run.run(
            stage: { file in stage(file: file, format: .jsonl, path: name) },
            artifacts: { artifacts },
            digestAfterReading: { digest.sha256 },
            pass: { stage, _ in try pass(rows, stage: stage) })
        let (columns, piece) = outcome.summary
        let names = plugins.scoringPlugins.flatMap { $0.plugin.outputColumns }
        let results = (0..<columns.count).map { row in
            BatchRowResult(
                segmentID: columns.segmentIDs[row], segmentName: scorer.segmentNames[columns.segmentIDs[row]],
                confidence: columns.confidences[row], distance: columns.distances[row],
                pluginValues: piece.map { Self.values(of: row, in: $0) } ?? [],
                failure: piece?.failures[row])
        }
        return BatchResult(
            rows: results, pluginColumns: names, plugins: plugins.outcomes(for: outcome.plugins), digest: digest)
    }

    /// Scores the rows into the columns the stage reads, then runs them through the stage as one piece.
    private func pass(_ rows: [BatchRow], stage: PluginStage?) throws -> (ScoredRowColumns, PluginPieceResult?) {
        try stage?.open()
        let width = scorer.inputColumns.count
        let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(width, 1))
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(scorer.scratchCount, 1))
        defer {
            values.deallocate()
            scratch.deallocate()
        }
        scratch.initialize(repeating: 0)
        var columns = ScoredRowColumns()
        for (index, row) in rows.enumerated() {
            values.initialize(repeating: .nan)
            for (column, value) in row.values.prefix(width).enumerated() { values[column] = value }
            if stage?.keepsInputValues == true { columns.inputValues.append(contentsOf: values) }
            let assignment = scorer.assign(values, scratch: scratch)
            columns.lines.append(index)
            columns.customerIDs.append(row.id)
            columns.segmentIDs.append(assignment.segment)
            columns.confidences.append(assignment.confidence)
            columns.distances.append(assignment.distance)
        }
        guard let stage, columns.count > 0 else { return (columns, nil) }
        return (columns, try stage.run(columns, firstLine: 1))
    }

    /// Every plugin's values for `row`, in column order; empty when a plugin failed it.
    private static func values(of row: Int, in piece: PluginPieceResult) -> [PluginValue] {
        guard piece.failures[row] == nil else { return [] }
        var values: [PluginValue] = []
        for (plugin, result) in piece.results.enumerated() {
            let position = piece.positions[plugin].isEmpty ? row : piece.positions[plugin][row]
            for column in 0..<result.columnCount { values.append(result[position, column]) }
        }
        return values
    }

    /// The digest the sessions are told for a batch: of its rows as `id,value,…` lines.
    static func digest(of rows: [BatchRow]) -> FileSHA256.Digest {
        var bytes: [UInt8] = []
        for row in rows {
            bytes += Array(row.id.utf8)
            for value in row.values { bytes += Array(",\(value)".utf8) }
            bytes.append(UInt8(ascii: "\n"))
        }
        return FileSHA256.Digest(sha256: FileSHA256.hex(of: bytes), size: Int64(bytes.count))
    }
}
