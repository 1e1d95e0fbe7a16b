import SegmentIO
import SegmentPlugin

/// What the plugins made of one piece's rows, waiting to be appended to the formatted rows.
struct PluginPieceResult: ScoredRowStageResult {
    /// 1-based input line of each row.
    var lines: [Int]
    /// Each plugin's columns, in plugin order.
    var results: [PluginColumns]
    /// Per plugin: each row's place in that plugin's batch (empty: the same place).
    var positions: [[Int]]
    /// Per row: why a plugin failed it, or nil.
    var failures: [String?]
}

/// Runs the enabled plugins of one file or batch: opens their sessions, passes every piece's scored rows through them
/// in file order, appends their columns to the formatted rows, and finishes or cancels the sessions. It is the
/// scoring host's `ScoredRowStage`, the same for a file stream and for rows held in memory.
///
/// `open`, `process`, `identify`, `finish` and `cancel` run one at a time, in file order (the pipeline's ordered
/// step); `append` reads only immutable state, so it may run on another thread meanwhile.
final class PluginStage: ScoredRowStage, @unchecked Sendable {
    private struct Member {
        let plugin: ScoringPlugin
        let session: any PluginFileSession
        /// The columns the plugin declared.
        let declared: [PluginOutputColumn]
        var rowsFailed = 0
    }

    private var members: [Member] = []
    private let plugins: [ScoringPlugin]
    private let file: PluginFile
    private let pluginsDirectory: String
    private let format: RecordFormat
    private let segmentNames: [String]
    private let inputColumns: [String]
    private let path: String
    private let jsonKeys: [[UInt8]]
    /// The declared type of every plugin column, in output order.
    private let columnTypes: [PluginColumnType]
    private var isOpen = true
    /// Whether the rows' input values must be logged for a plugin.
    let keepsInputValues: Bool

    /// Prepares the stage of `plugins` (not empty) for `file`, read from `path` in `format`; `open` opens the
    /// sessions. `pluginsDirectory` (`plugins_dir`) is named in the errors that send the operator to a settings file.
    init(
        plugins: [ScoringPlugin], file: PluginFile, format: RecordFormat, segmentNames: [String],
        inputColumns: [String], path: String, pluginsDirectory: String
    ) {
        self.plugins = plugins
        self.file = file
        self.pluginsDirectory = pluginsDirectory
        self.format = format
        self.segmentNames = segmentNames
        self.inputColumns = inputColumns
        self.path = path
        keepsInputValues = plugins.contains { $0.plugin.needsInputValues }
        jsonKeys = plugins.flatMap { $0.plugin.outputColumns.map(PluginValueWriter.jsonKey) }
        columnTypes = plugins.flatMap { $0.plugin.outputSchema.map(\.type) }
    }

    /// Opens one session per plugin; if one cannot be opened, those already open are cancelled.
    func open() throws(RecordError) {
        for plugin in plugins {
            do {
                let session = try plugin.plugin.openSession(for: file)
                members.append(Member(plugin: plugin, session: session, declared: plugin.plugin.outputSchema))
            } catch {
                cancel()
                if error.code == .stateUnavailable { throw Self.stateFailure(plugin.name, error, path: path) }
                throw failure(plugin.name, "could not start on the file: \(error.problem)")
            }
        }
    }

    /// The plugins' column names, in output order.
    var columnNames: [String] { plugins.flatMap { $0.plugin.outputColumns } }

    /// `header` (a whole CSV header line) with the plugins' column names appended.
    func csvHeader(_ header: [UInt8]) -> [UInt8] {
        var line = header.last == UInt8(ascii: "\n") ? Array(header.dropLast()) : header
        for name in columnNames { line += [UInt8(ascii: ",")] + CSVEscaping.escaped(name) }
        return line + [UInt8(ascii: "\n")]
    }

    /// Runs `rows` through every plugin, in order; `firstLine` is the 1-based line of the piece's first line.
    /// `append` then writes the result.
    func process(_ rows: ScoredRowColumns, firstLine: Int) throws(RecordError) -> any ScoredRowStageResult {
        try run(rows, firstLine: firstLine)
    }

    /// `process`, with the concrete result (the in-memory door reads the plugins' values from it).
    func run(_ rows: ScoredRowColumns, firstLine: Int) throws(RecordError) -> PluginPieceResult {
        let lines = rows.lines.map { firstLine + $0 }
        let batch = ScoredBatch(
            lines: lines, customerIDs: rows.customerIDs, segmentIDs: rows.segmentIDs,
            confidences: rows.confidences, distances: rows.distances, segmentNames: segmentNames,
            inputColumns: keepsInputValues ? inputColumns : [], inputValues: rows.inputValues)
        var failures: [String?] = Array(repeating: nil, count: rows.count)
        var results: [PluginColumns] = []
        var positions: [[Int]] = []
        results.reserveCapacity(members.count)
        var alive: [Int]?
        for index in members.indices {
            let member = members[index]
            let given = alive.map { batch.selecting($0) } ?? batch
            var columns = PluginColumns(columnCount: member.declared.count, rowCount: given.count)
            var failed: [(row: Int, reason: String)] = []
            do {
                try member.session.process(given, into: &columns)
                failed = columns.failures.map { (row: $0.key, reason: $0.value) }
                failed += PluginColumnCheck.violations(in: columns, declared: member.declared).map {
                    (row: $0.key, reason: $0.value)
                }
            } catch {
                failed = (0..<given.count).map { (row: $0, reason: error.problem) }
            }
            if !failed.isEmpty {
                if member.plugin.failsFile {
                    let first = failed.min { $0.row < $1.row }
                    let line = first.map { given.lines[$0.row] } ?? firstLine
                    throw failure(
                        member.plugin.name,
                        "it failed the record on line \(line) (\(first?.reason ?? "")) "
                            + "and its on_error is \"fail_file\"")
                }
                for (row, reason) in failed {
                    let original = alive?[row] ?? row
                    if failures[original] == nil {
                        failures[original] = "plugin \(member.plugin.name): \(reason)"
                        members[index].rowsFailed += 1
                    }
                }
            }
            results.append(columns)
            positions.append(alive.map { Self.positions(of: $0, count: rows.count) } ?? [])
            if !failed.isEmpty { alive = (0..<rows.count).filter { failures[$0] == nil } }
        }
        return PluginPieceResult(lines: lines, results: results, positions: positions, failures: failures)
    }

    /// Gives every session the input's digest, learnt after the last row; `.needsContentFirst` when a session
    /// needed it from the start (the host then cancels and runs the input again with the digest known).
    func identify(sha256: String) throws(RecordError) -> ContentIdentification {
        var answer = ContentIdentification.ready
        for member in members {
            do {
                if try member.session.identify(sha256: sha256) == .needsContentFirst { answer = .needsContentFirst }
            } catch {
                throw failure(member.plugin.name, "could not take the file's digest: \(error.problem)")
            }
        }
        return answer
    }

    /// Finishes every session; returns what each plugin reported.
    func finish(artifacts: any PluginArtifactWriter) throws(RecordError) -> [PluginOutcome] {
        var outcomes: [PluginOutcome] = []
        for (index, member) in members.enumerated() {
            do {
                let report = try member.session.finish(artifacts: artifacts)
                outcomes.append(
                    PluginOutcome(
                        name: member.plugin.name, version: member.plugin.version,
                        report: report, rowsFailed: member.rowsFailed))
            } catch {
                for later in members[(index + 1)...] { later.session.cancel() }
                isOpen = false
                if error.code == .stateUnavailable { throw Self.stateFailure(member.plugin.name, error, path: path) }
                throw failure(member.plugin.name, "could not finish the file: \(error.problem)")
            }
        }
        isOpen = false
        return outcomes
    }

    /// Cancels every session not yet finished; harmless after `finish`.
    func cancel() {
        guard isOpen else { return }
        isOpen = false
        for member in members { member.session.cancel() }
    }

    /// Appends to `output` the rows of `rows` (formatted in `formatted`) that no plugin failed, each with every
    /// plugin's values from `result`; returns the failed rows, in line order.
    func append(
        _ result: any ScoredRowStageResult, rows: ScoredRowColumns, formatted: ByteBuffer,
        into output: ByteBuffer
    ) -> [StageReject] {
        // Only this stage's `process` made `result`.
        let result = result as! PluginPieceResult
        let (lines, results, positions, failures) = (result.lines, result.results, result.positions, result.failures)
        let trailer = format == .csv ? 1 : 2
        let writer = PluginRowWriter(
            results: results, format: format,
            prefixes: format == .csv ? jsonKeys.map { _ in [UInt8(ascii: ",")] } : jsonKeys, types: columnTypes)
        var rejects: [StageReject] = []
        var start = 0
        for row in 0..<lines.count {
            let end = rows.outputEnds[row]
            defer { start = end }
            if let reason = failures[row] {
                rejects.append(StageReject(line: lines[row], reason: reason, record: rows.records[row]))
                continue
            }
            output.append(formatted.base + start, count: end - start - trailer)
            writer.appendColumns(to: output) { plugin in positions[plugin].isEmpty ? row : positions[plugin][row] }
            output.append(formatted.base + end - trailer, count: trailer)
        }
        return rejects
    }

    /// For each original row, its position among `alive` (-1 when it is not there).
    private static func positions(of alive: [Int], count: Int) -> [Int] {
        var positions = Array(repeating: -1, count: count)
        for (position, row) in alive.enumerated() { positions[row] = position }
        return positions
    }

    /// A plugin that failed the file; the fix names the plugin's settings file in the configured `plugins_dir`.
    private func failure(_ name: String, _ problem: String) -> RecordError {
        let settings = pluginsDirectory.hasSuffix("/") ? pluginsDirectory + name : pluginsDirectory + "/" + name
        return RecordError(
            .pluginFailed, path: path,
            "Plugin \(name) failed \(path): \(problem). Fix the plugin's settings in \(settings).toml "
                + "or its on_error policy, then put the file back into the inbox.")
    }

    /// A plugin whose durable state cannot be used: a fault of the environment, not of the input.
    private static func stateFailure(_ name: String, _ error: PluginError, path: String) -> RecordError {
        RecordError(
            .pluginStateUnavailable, path: path,
            "Plugin \(name) cannot use its state while processing \(path): \(error.problem). Fix: \(error.fix)")
    }
}

extension ScoredBatch {
    /// The rows at `rows`, in that order.
    func selecting(_ rows: [Int]) -> ScoredBatch {
        let width = inputColumns.count
        var values: [Double] = []
        if !inputValues.isEmpty {
            values.reserveCapacity(rows.count * width)
            for row in rows { values.append(contentsOf: inputValues(at: row)) }
        }
        return ScoredBatch(
            lines: rows.map { lines[$0] }, customerIDs: rows.map { customerIDs[$0] },
            segmentIDs: rows.map { segmentIDs[$0] }, confidences: rows.map { confidences[$0] },
            distances: rows.map { distances[$0] }, segmentNames: segmentNames,
            inputColumns: inputColumns, inputValues: values)
    }
}
