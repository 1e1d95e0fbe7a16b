import SegmentCore
import SegmentSupport

/// Writes the columns appended to every scored record: segment id, segment name, confidence, distance and
/// model version, as CSV fields or as JSON members closing the object.
///
/// Each instance owns its byte tables, so threads formatting in parallel share no reference counts.
final class ScoredRowFormatter: @unchecked Sendable {
    /// Names of the appended columns, in output order.
    static let columns = ["segment_id", "segment_name", "confidence", "distance", "model_version"]
    /// Decimals written for confidence and distance.
    static let fractionDigits = 6

    private let format: RecordFormat
    private let names: [String]
    private let version: String
    /// Constant bytes: per segment, the bytes before the confidence (CSV `,id,name,`;
    /// JSON `,"segment_id":id,...,"confidence":`), then the bytes between the numbers, then the closing bytes.
    private let table: UnsafeMutablePointer<UInt8>
    /// Where segment `s`'s prefix starts; entry `segmentCount` is where the middle starts.
    private let prefixOffsets: [Int]
    private let middleLength: Int
    private let endingStart: Int
    private let endingLength: Int
    /// Most bytes one call appends after the record.
    let maxSuffixLength: Int

    init(format: RecordFormat, segmentNames: [String], modelVersion: String) {
        self.format = format
        names = segmentNames
        version = modelVersion
        var bytes: [UInt8] = []
        var offsets = [0]
        for (segment, name) in segmentNames.enumerated() {
            bytes += Self.prefix(segment: segment, name: name, format: format)
            offsets.append(bytes.count)
        }
        let middle: [UInt8]
        let ending: [UInt8]
        switch format {
        case .csv:
            middle = Array(",".utf8)
            ending = Array(",".utf8) + CSVEscaping.escaped(modelVersion) + [UInt8(ascii: "\n")]
        case .jsonl:
            middle = Array(",\"distance\":".utf8)
            ending = Array(",\"model_version\":".utf8) + JSONString.quoted(modelVersion) + Array("}\n".utf8)
        }
        let longestPrefix = zip(offsets, offsets.dropFirst()).map { $1 - $0 }.max() ?? 0
        maxSuffixLength = max(longestPrefix, 64) + middle.count + ending.count + 2 * FixedPointFormatter.maxLength
        middleLength = middle.count
        endingStart = bytes.count + middle.count
        endingLength = ending.count
        bytes += middle + ending
        table = .allocate(capacity: bytes.count)
        table.initialize(from: bytes, count: bytes.count)
        prefixOffsets = offsets
    }

    deinit { table.deallocate() }

    /// The CSV header line of the output: the input's header followed by the appended column names.
    static func csvHeader(_ raw: [UInt8]) -> [UInt8] {
        raw + Array(("," + columns.joined(separator: ",") + "\n").utf8)
    }

    /// Appends the record (CSV record, or JSON object without its closing brace) and the scored columns to `out`.
    @inline(__always)
    func append(record: UnsafeRawBufferPointer, isEmptyObject: Bool, assignment: Assignment, to out: ByteBuffer) {
        let segment = assignment.segment
        guard segment >= 0 && segment + 1 < prefixOffsets.count else {
            return appendUnknownSegment(record: record, isEmptyObject: isEmptyObject, assignment: assignment, to: out)
        }
        out.reserve(record.count + maxSuffixLength)
        // Work on a local cursor and store the count once: every access to the buffer's properties costs a
        // run-time exclusivity check.
        let start = out.end
        var cursor = start
        if let base = record.baseAddress {
            UnsafeMutableRawPointer(cursor).copyMemory(from: base, byteCount: record.count)
            cursor += record.count
        }
        let prefixStart = prefixOffsets[segment] + (isEmptyObject ? 1 : 0)
        cursor = copy(from: prefixStart, count: prefixOffsets[segment + 1] - prefixStart, to: cursor)
        cursor = writeNumber(assignment.confidence, to: cursor)
        cursor = copy(from: prefixOffsets[prefixOffsets.count - 1], count: middleLength, to: cursor)
        cursor = writeNumber(assignment.distance, to: cursor)
        cursor = copy(from: endingStart, count: endingLength, to: cursor)
        out.count += cursor - start
    }

    @inline(__always)
    private func copy(from offset: Int, count: Int, to cursor: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<
        UInt8
    > {
        cursor.update(from: table + offset, count: count)
        return cursor + count
    }

    @inline(__always)
    private func writeNumber(_ value: Double, to cursor: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if !value.isFinite && format == .jsonl {
            for (index, byte) in "null".utf8.enumerated() { cursor[index] = byte }
            return cursor + 4
        }
        return cursor + FixedPointFormatter.write(value, fractionDigits: Self.fractionDigits, to: cursor)
    }

    /// The slow way, for a segment id the model has no name for.
    private func appendUnknownSegment(
        record: UnsafeRawBufferPointer, isEmptyObject: Bool, assignment: Assignment,
        to out: ByteBuffer
    ) {
        if let base = record.baseAddress { out.append(base, count: record.count) }
        var bytes = Self.prefix(segment: assignment.segment, name: "", format: format)
        if isEmptyObject { bytes.removeFirst() }
        out.append(bytes)
        out.reserve(2 * FixedPointFormatter.maxLength + middleLength + endingLength)
        var cursor = out.end
        cursor = writeNumber(assignment.confidence, to: cursor)
        cursor = copy(from: prefixOffsets[prefixOffsets.count - 1], count: middleLength, to: cursor)
        cursor = writeNumber(assignment.distance, to: cursor)
        cursor = copy(from: endingStart, count: endingLength, to: cursor)
        out.count = cursor - out.base
    }

    private static func prefix(segment: Int, name: String, format: RecordFormat) -> [UInt8] {
        switch format {
        case .csv:
            Array(",\(segment),".utf8) + CSVEscaping.escaped(name) + [UInt8(ascii: ",")]
        case .jsonl:
            Array(",\"segment_id\":\(segment),\"segment_name\":".utf8) + JSONString.quoted(name)
                + Array(",\"confidence\":".utf8)
        }
    }
}
