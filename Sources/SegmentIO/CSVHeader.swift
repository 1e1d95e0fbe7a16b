/// The header record of a CSV file.
struct CSVHeader: Sendable {
    /// Column names, unquoted and trimmed, in file order.
    var names: [String]
    /// The header record's bytes as in the file, without the byte-order mark and the line ending.
    var raw: [UInt8]
    /// Offset in the first chunk just after the header's line ending.
    var end: Int
    /// Physical lines up to and including the header (blank lines before it count).
    var lines: Int

    /// Reads the header at the start of the first chunk, skipping a UTF-8 byte-order mark and blank lines.
    static func read(from chunk: Chunk, maxRecordBytes: Int, path: String) throws(RecordError) -> CSVHeader {
        let base = UnsafePointer(chunk.base)
        if chunk.oversized != nil { throw tooLong(path: path, limit: maxRecordBytes) }
        var start = 0
        if chunk.recordsEnd >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { start = 3 }
        var lines = 0
        while start < chunk.recordsEnd, let blankEnd = blankLineEnd(base, start) {
            lines += 1
            start = blankEnd
        }
        guard start < chunk.recordsEnd else {
            throw RecordError(
                .emptyFile, path: path,
                "\(path) has no header line. A CSV file must start with a line naming its columns.")
        }
        guard let end = RecordBoundaries.recordEnd(base, start: start, end: chunk.recordsEnd) else {
            throw RecordError(
                .invalidHeader, path: path,
                "The header of \(path) opens a double quote that is never closed. Fix the header's quoting.")
        }
        guard end - 1 - start <= maxRecordBytes else { throw tooLong(path: path, limit: maxRecordBytes) }
        var recordEnd = end - 1
        if recordEnd > start && base[recordEnd - 1] == UInt8(ascii: "\r") { recordEnd -= 1 }
        let raw = Array(UnsafeBufferPointer(start: base + start, count: recordEnd - start))
        if let bad = firstInvalidUTF8(raw) {
            throw RecordError(
                .invalidHeader, path: path,
                "The header of \(path) is not valid UTF-8 (byte \(bad + 1) of line \(lines + 1)). "
                    + "Save the file as UTF-8.")
        }
        for index in start..<end where base[index] == UInt8(ascii: "\n") { lines += 1 }

        var ranges: [Range<Int>] = []
        if let fault = CSVFields.split(base, start: start, end: recordEnd, into: &ranges) {
            let position =
                switch fault {
                case .bareQuote(let field), .textAfterClosingQuote(let field): field
                }
            throw RecordError(
                .invalidHeader, path: path,
                "Column \(position + 1) of the header of \(path) is not correctly quoted. "
                    + "Put quotes only around a whole name and double any quote inside it.")
        }
        let scratch = ByteBuffer(capacity: 256)
        var names: [String] = []
        for (position, range) in ranges.enumerated() {
            guard let value = CSVFields.value(base, range, scratch: scratch) else {
                throw RecordError(
                    .invalidHeader, path: path,
                    "Column \(position + 1) of the header of \(path) is not correctly quoted. "
                        + "Put quotes only around a whole name and double any quote inside it.")
            }
            names.append(String(decoding: value, as: UTF8.self))
        }
        return CSVHeader(names: names, raw: raw, end: end, lines: lines)
    }

    private static func tooLong(path: String, limit: Int) -> RecordError {
        RecordError(
            .recordTooLong, path: path,
            "The header of \(path) is longer than \(limit) bytes, the limit for one record. This usually "
                + "means the file is not CSV, or a double quote in the header is never closed.")
    }

    /// Offset after a blank line (only a line feed or CR LF) at `start`, or `nil` if the line is not blank.
    private static func blankLineEnd(_ base: UnsafePointer<UInt8>, _ start: Int) -> Int? {
        if base[start] == UInt8(ascii: "\n") { return start + 1 }
        if base[start] == UInt8(ascii: "\r") && base[start + 1] == UInt8(ascii: "\n") { return start + 2 }
        return nil
    }

    /// Index of the first byte that breaks UTF-8, or `nil` if `bytes` is valid UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
