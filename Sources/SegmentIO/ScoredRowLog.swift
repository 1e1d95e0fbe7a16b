import SegmentCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Per-row facts a `ScoredRowStage` needs, as columns: the rows of one piece (or of a batch held in memory).
package struct ScoredRowColumns {
    /// 0-based line of each row relative to the first line of its piece.
    package var lines: [Int] = []
    package var customerIDs: [String] = []
    package var segmentIDs: [Int] = []
    package var confidences: [Double] = []
    package var distances: [Double] = []
    /// Row-major input values, filled only when the stage asked for them.
    package var inputValues: [Double] = []
    /// Offset just past each row's formatted bytes (its line feed) in the piece's output buffer.
    package var outputEnds: [Int] = []
    /// Each row's record bytes in the chunk (without the line ending), for the rejects file.
    package var records: [Range<Int>] = []

    package init() {}

    /// The number of rows.
    package var count: Int { lines.count }

    mutating func removeAll() {
        lines.removeAll(keepingCapacity: true)
        customerIDs.removeAll(keepingCapacity: true)
        segmentIDs.removeAll(keepingCapacity: true)
        confidences.removeAll(keepingCapacity: true)
        distances.removeAll(keepingCapacity: true)
        inputValues.removeAll(keepingCapacity: true)
        outputEnds.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
    }
}

/// What the stage needs to know about the rows one piece scored, kept only when a stage is given.
/// Reused from chunk to chunk.
final class ScoredRowLog: @unchecked Sendable {
    var columns = ScoredRowColumns()
    /// Whether `inputValues` is filled.
    let keepsInputValues: Bool
    /// The format of the records, which says where a record ends.
    let format: RecordFormat

    init(keepsInputValues: Bool, format: RecordFormat) {
        self.keepsInputValues = keepsInputValues
        self.format = format
    }

    var count: Int { columns.lines.count }
}

/// The sink used instead of `ScoringSink` when a stage is given: scores and formats each record the same way,
/// and also logs what the stage needs (the segment of the model that wrote the row, in A/B). Lines are counted from
/// the line feeds between and inside records.
struct LoggingScoringSink<Plan: RowScoringPlan>: RecordSink {
    /// Scores, counts and formats the row (into `output`).
    var plan: Plan
    let output: ByteBuffer
    let imputed: UnsafeMutableBufferPointer<Int>
    let sampler: PieceSampler?
    let keepsInputValues: Bool
    let format: RecordFormat
    /// The chunk's first byte; record offsets are relative to it.
    let base: UnsafePointer<UInt8>
    /// Where line counting continues: just after the last logged record (or the piece's start).
    var cursor: Int
    var line = 0
    var columns: ScoredRowColumns
    var rejects: [PendingReject]
    var rows = 0

    mutating func accept(
        record: UnsafeRawBufferPointer, isEmptyObject: Bool, id: UnsafeRawBufferPointer,
        values: UnsafeMutableBufferPointer<Double>
    ) {
        rows += 1
        let start = record.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) - base } ?? cursor
        while cursor < start {
            if base[cursor] == UInt8(ascii: "\n") { line += 1 }
            cursor += 1
        }
        let recordLine = line
        if format == .csv { line += Self.lineFeeds(base + start, count: record.count) }
        cursor = start + record.count
        if keepsInputValues { columns.inputValues.append(contentsOf: values) }
        ScoringPiece.countMissing(values, into: imputed)
        sampler?.offer(values)
        let assignment = plan.score(record: record, isEmptyObject: isEmptyObject, id: id, values: values)
        columns.lines.append(recordLine)
        // The parsers pass only ids the id rule accepted (`CustomerID`): valid UTF-8, so this String holds exactly
        // the id's bytes and plugins keying customers by them never see two ids merged by a lossy decode.
        columns.customerIDs.append(String(decoding: id, as: UTF8.self))
        columns.segmentIDs.append(assignment.segment)
        columns.confidences.append(assignment.confidence)
        columns.distances.append(assignment.distance)
        columns.outputEnds.append(output.count)
        columns.records.append(start..<recordEnd(start: start, count: record.count))
    }

    mutating func reject(_ reject: PendingReject) {
        rows += 1
        rejects.append(reject)
    }

    /// Line feeds inside a record (a quoted CSV field may hold some).
    private static func lineFeeds(_ start: UnsafePointer<UInt8>, count: Int) -> Int {
        var found = 0
        var position = UnsafeRawPointer(start)
        var left = count
        while left > 0, let hit = memchr(position, Int32(UInt8(ascii: "\n")), left) {
            found += 1
            let next = UnsafeRawPointer(hit) + 1
            left -= next - position
            position = next
        }
        return found
    }

    /// The record's end; for JSONL the object's closing brace, which the parser leaves out, is included.
    private func recordEnd(start: Int, count: Int) -> Int {
        var end = start + count
        guard format == .jsonl else { return end }
        while base[end] != UInt8(ascii: "}") && base[end] != UInt8(ascii: "\n") { end += 1 }
        return base[end] == UInt8(ascii: "}") ? end + 1 : end
    }
}
