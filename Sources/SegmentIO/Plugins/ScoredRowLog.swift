import SegmentCore

/// What the plugins need to know about the rows one piece scored, kept only when plugins are enabled:
/// per row its line, id, assignment, where its formatted bytes end in the piece's output and where its record is
/// in the chunk. Reused from chunk to chunk.
final class ScoredRowLog: @unchecked Sendable {
    /// 0-based line of each row relative to the first line of its piece.
    var lines: [Int] = []
    var customerIDs: [String] = []
    var segmentIDs: [Int] = []
    var confidences: [Double] = []
    var distances: [Double] = []
    /// Row-major input values, filled only when a plugin asked for them.
    var inputValues: [Double] = []
    /// Offset just past each row's formatted bytes (its line feed) in the piece's output buffer.
    var outputEnds: [Int] = []
    /// Each row's record bytes in the chunk (without the line ending), for the rejects file.
    var records: [Range<Int>] = []
    /// Whether `inputValues` is filled.
    let keepsInputValues: Bool
    /// The format of the records, which says where a record ends.
    let format: RecordFormat

    init(keepsInputValues: Bool, format: RecordFormat) {
        self.keepsInputValues = keepsInputValues
        self.format = format
    }

    var count: Int { lines.count }

    func removeAll() {
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

/// The sink used instead of `ScoringSink` when plugins are enabled: scores and formats each record the same way,
/// and also logs what the plugins need. Lines are counted by scanning the line feeds between records.
struct LoggingScoringSink: RecordSink {
    let formatter: ScoredRowFormatter
    let output: ByteBuffer
    let assign: RowAssigner
    let scratch: UnsafeMutableBufferPointer<Double>
    let log: ScoredRowLog
    let format: RecordFormat
    /// The chunk's first byte; record offsets are relative to it.
    let base: UnsafePointer<UInt8>
    /// Where line counting continues: the start of the last logged record (or of the piece).
    var cursor: Int
    var line = 0
    var rejects: [PendingReject]
    var rows = 0

    mutating func accept(record: UnsafeRawBufferPointer, isEmptyObject: Bool, id: UnsafeRawBufferPointer,
                         values: UnsafeMutableBufferPointer<Double>) {
        rows += 1
        let start = record.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) - base } ?? cursor
        var scan = cursor
        while scan < start {
            if base[scan] == UInt8(ascii: "\n") { line += 1 }
            scan += 1
        }
        cursor = start
        if log.keepsInputValues { log.inputValues.append(contentsOf: values) }
        let assignment = assign(values, scratch)
        formatter.append(record: record, isEmptyObject: isEmptyObject, assignment: assignment, to: output)
        log.lines.append(line)
        log.customerIDs.append(String(decoding: id, as: UTF8.self))
        log.segmentIDs.append(assignment.segment)
        log.confidences.append(assignment.confidence)
        log.distances.append(assignment.distance)
        log.outputEnds.append(output.count)
        log.records.append(start..<recordEnd(start: start, count: record.count))
    }

    mutating func reject(_ reject: PendingReject) {
        rows += 1
        rejects.append(reject)
    }

    /// The record's end; for JSONL the object's closing brace, which the parser leaves out, is included.
    private func recordEnd(start: Int, count: Int) -> Int {
        var end = start + count
        guard format == .jsonl else { return end }
        while base[end] != UInt8(ascii: "}") && base[end] != UInt8(ascii: "\n") { end += 1 }
        return base[end] == UInt8(ascii: "}") ? end + 1 : end
    }
}
