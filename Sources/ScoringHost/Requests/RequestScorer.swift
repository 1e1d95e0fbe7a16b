import SegmentCore
import SegmentIO
import SegmentPlugin
import SegmentSupport

/// Scores the parsed records of one request, piece by piece, through the host's scorer and the plugins' stage, and
/// writes the results and rejects in index order.
///
/// It is the in-memory door's path (`score(rows:)`: the same `PluginStage`, the same per-row scoring), kept open
/// across pieces: the request's sessions are opened before its first piece and finished after its last, so a
/// customer repeated within one request is seen as in one file. `PluginRun`'s rescore loop is not needed: the
/// sessions are told the request's identity up front. A request is never a file: the sessions are trials
/// (`PluginFile.isTrial`, so the migration monitor reads its history and writes nothing), the artifacts are dropped,
/// and no ledger or manifest hears of it.
final class RequestScorer {
    private let host: ScoringHost
    let writer: ResultWriter
    private var stage: PluginStage?
    private var isOpen = false
    private let values: UnsafeMutableBufferPointer<Double>
    private let scratch: UnsafeMutableBufferPointer<Double>
    /// Pieces of at least this many records are assigned their segments in two halves on two threads.
    private let splitRows: Int
    private let secondScratch: UnsafeMutableBufferPointer<Double>
    /// A piece's assignments, when assigned in halves.
    private var assignments: [Assignment] = []
    /// The second half of a piece's CSV or NDJSON lines, written beside the first.
    private let secondOutput = ByteBuffer(capacity: 1 << 16)
    /// Rows scored and rejected (by the parser or a plugin) so far.
    private(set) var rowsScored = 0
    private(set) var rowsRejected = 0

    /// Scores with `host`, writing results with `template` (made for that host: ``ScoringHost/resultTemplate(_:)``).
    /// - Parameter splitRows: pieces of at least this many records are assigned in two halves on two threads.
    init(host: ScoringHost, template: ResultTemplate, splitRows: Int = .max) {
        self.host = host
        writer = ResultWriter(template: template)
        self.splitRows = max(splitRows, 2)
        values = .allocate(capacity: max(host.scorer.inputColumns.count, 1))
        scratch = .allocate(capacity: max(host.scorer.scratchCount, 1))
        scratch.initialize(repeating: 0)
        secondScratch = .allocate(capacity: max(host.scorer.scratchCount, 1))
        secondScratch.initialize(repeating: 0)
    }

    deinit {
        stage?.cancel()
        values.deallocate()
        scratch.deallocate()
        secondScratch.deallocate()
    }

    /// Scores `records` (usable and rejected, any number) and writes them to `out` in index order.
    /// When assigned in halves, the records' values are left as the scorer left them (the caller drops them).
    func score(_ records: inout ParsedRecords, into out: ByteBuffer) throws(ScoringInputError) {
        let stage = try openStage()
        let width = records.width
        let halves = width > 0 && records.ids.count >= splitRows
        if halves { assignInHalves(&records) }
        var columns = ScoredRowColumns()
        var rejects = records.rejects
        for row in records.ids.indices {
            let assignment: Assignment
            if halves {
                for column in 0..<width { values[column] = records.values[row * width + column] }
                assignment = assignments[row]
            } else {
                for column in 0..<width { values[column] = records.values[row * width + column] }
                assignment = host.scorer.assign(values, scratch: scratch)
            }
            guard Self.isFinite(assignment) else {
                rejects.append(RecordReject(index: records.indices[row], line: nil, column: nil, reason: Self.overflow))
                continue
            }
            if stage?.keepsInputValues == true { columns.inputValues.append(contentsOf: values) }
            columns.lines.append(records.indices[row])
            columns.customerIDs.append(records.ids[row])
            columns.segmentIDs.append(assignment.segment)
            columns.confidences.append(assignment.confidence)
            columns.distances.append(assignment.distance)
        }
        var piece: PluginPieceResult?
        if let stage, columns.count > 0 {
            do {
                piece = try stage.run(columns, firstLine: 1)
            } catch {
                throw Self.problem(error)
            }
        }
        if rejects.count > records.rejects.count { rejects.sort { $0.index < $1.index } }
        let rows = PieceRows(columns: columns, piece: piece, rejects: rejects)
        let count = columns.count
        guard writer.format != .json && count >= splitRows else {
            return add(write(rows, 0..<count, rejects: 0..<rejects.count, into: out))
        }
        // CSV and NDJSON lines depend only on their row: the halves are written on two threads into two buffers,
        // joined in order. (A JSON response numbers its results and holds its rejects: one thread.)
        let middle = count / 2
        let split = rejects.firstIndex { $0.index >= columns.lines[middle] } ?? rejects.count
        var first = (scored: 0, rejected: 0)
        var second = (scored: 0, rejected: 0)
        // Grown here, not on the other thread: each thread's malloc arena keeps what it freed, so memory allocated
        // there would stay resident twice over.
        let secondOutput = secondOutput
        secondOutput.reserve((count - middle) * writer.estimatedLineBytes)
        ParallelBlocks.run(iterations: 2) { half in
            if half == 0 {
                first = write(rows, 0..<middle, rejects: 0..<split, into: out)
            } else {
                second = write(rows, middle..<count, rejects: split..<rejects.count, into: secondOutput)
            }
        }
        out.append(secondOutput.base, count: secondOutput.count)
        secondOutput.count = 0
        add(first)
        add(second)
    }

    /// The rows of a scored piece, ready to be written.
    private struct PieceRows {
        let columns: ScoredRowColumns
        let piece: PluginPieceResult?
        let rejects: [RecordReject]
    }

    /// Writes the results of `range` and, in index order among them, the rejects of `rejectRange` (all of them:
    /// those after the last result too). Changes nothing but `out`, so two calls may run at once for CSV and NDJSON.
    private func write(
        _ rows: PieceRows, _ range: Range<Int>, rejects rejectRange: Range<Int>, into out: ByteBuffer
    ) -> (scored: Int, rejected: Int) {
        var nextReject = rejectRange.lowerBound
        var scored = 0
        var rejected = 0
        let columns = rows.columns
        for row in range {
            let index = columns.lines[row]
            while nextReject < rejectRange.upperBound && rows.rejects[nextReject].index < index {
                writer.reject(rows.rejects[nextReject], into: out)
                rejected += 1
                nextReject += 1
            }
            if let piece = rows.piece, let failure = piece.failures[row] {
                writer.reject(RecordReject(index: index, line: nil, column: nil, reason: failure), into: out)
                rejected += 1
                continue
            }
            scored += 1
            writer.result(
                index: index, id: columns.customerIDs[row], segment: columns.segmentIDs[row],
                confidence: columns.confidences[row], distance: columns.distances[row], plugins: rows.piece,
                row: row, into: out)
        }
        for reject in rows.rejects[nextReject..<rejectRange.upperBound] {
            writer.reject(reject, into: out)
            rejected += 1
        }
        return (scored, rejected)
    }

    private func add(_ counts: (scored: Int, rejected: Int)) {
        rowsScored += counts.scored
        rowsRejected += counts.rejected
    }

    /// Assigns every usable record of `records` a segment, the first half on this thread and the second on
    /// another, into `assignments`, leaving each record's values as the scorer left them in place (what
    /// one thread scoring row by row would have seen after each row).
    private func assignInHalves(_ records: inout ParsedRecords) {
        let width = records.width
        let count = records.ids.count
        assignments.removeAll(keepingCapacity: true)
        assignments.append(contentsOf: repeatElement(Assignment(segment: 0, confidence: 0, distance: 0), count: count))
        let scorer = host.scorer
        let scratches = (scratch, secondScratch)
        let middle = count / 2
        records.values.withUnsafeMutableBufferPointer { values in
            assignments.withUnsafeMutableBufferPointer { assignments in
                ParallelBlocks.run(iterations: 2) { half in
                    let scratch = half == 0 ? scratches.0 : scratches.1
                    for row in half == 0 ? 0..<middle : middle..<count {
                        let rowValues = UnsafeMutableBufferPointer(
                            rebasing: values[(row * width)..<((row + 1) * width)])
                        assignments[row] = scorer.assign(rowValues, scratch: scratch)
                    }
                }
            }
        }
    }

    /// The one customer of `POST /v1/segment`, written as one result object.
    func scoreOne(_ records: ParsedRecords, into out: ByteBuffer) throws(ScoringInputError) {
        let stage = try openStage()
        for column in 0..<records.width { values[column] = records.values[column] }
        var columns = ScoredRowColumns()
        if stage?.keepsInputValues == true { columns.inputValues.append(contentsOf: values) }
        let assignment = host.scorer.assign(values, scratch: scratch)
        guard Self.isFinite(assignment) else {
            throw ScoringInputError(.invalidRecord, "The customer cannot be scored: \(Self.overflow).", index: 0)
        }
        columns.lines = [0]
        columns.customerIDs = [records.ids[0]]
        columns.segmentIDs = [assignment.segment]
        columns.confidences = [assignment.confidence]
        columns.distances = [assignment.distance]
        var piece: PluginPieceResult?
        if let stage {
            do {
                piece = try stage.run(columns, firstLine: 1)
            } catch {
                throw Self.problem(error)
            }
            if let failure = piece?.failures[0] {
                throw ScoringInputError(.invalidRecord, "The customer cannot be scored: \(failure).", index: 0)
            }
        }
        writer.result(
            index: nil, id: records.ids[0], segment: assignment.segment, confidence: assignment.confidence,
            distance: assignment.distance, plugins: piece, row: 0, into: out)
    }

    /// Finishes the plugins' sessions (nothing is written: the sessions are trials and the artifacts dropped).
    func finish() throws(ScoringInputError) {
        guard let stage else { return }
        do {
            _ = try stage.finish(artifacts: DiscardingArtifactWriter())
        } catch {
            throw Self.problem(error)
        }
        self.stage = nil
    }

    /// Cancels the plugins' sessions; harmless after `finish`.
    func cancel() {
        stage?.cancel()
        stage = nil
    }

    /// Values so extreme that a derived feature overflows (a ratio with a tiny denominator) leave the distances
    /// infinite or NaN: such a record has no nearest segment, and a response has no number to write for it (JSON has
    /// no infinity), so it is rejected rather than answered with a made-up segment and an empty distance.
    private static func isFinite(_ assignment: Assignment) -> Bool {
        assignment.distance.isFinite && assignment.confidence.isFinite
    }

    private static let overflow =
        "the values are too extreme to score (the distance to the nearest segment is not a finite number); check "
        + "the record for values far outside their usual range"

    /// The request's stage, opened on first use; nil without plugins.
    private func openStage() throws(ScoringInputError) -> PluginStage? {
        if isOpen { return stage }
        isOpen = true
        guard !host.plugins.members.isEmpty else { return nil }
        var random = SystemRandomNumberGenerator()
        let identity = FileSHA256.hex(of: (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) })
        let file = host.pluginFile(name: "http-request", sha256: identity, isTrial: true)
        let stage = host.stage(file: file, format: .jsonl, path: "the request")
        do {
            try stage.open()
        } catch {
            throw Self.problem(error)
        }
        self.stage = stage
        return stage
    }

    /// A plugin's failure of the request as a structured error.
    private static func problem(_ error: RecordError) -> ScoringInputError {
        ScoringInputError(error.code == .pluginStateUnavailable ? .pluginUnavailable : .pluginFailed, error.message)
    }
}
