/// The parser for one piece, whichever the format.
enum RecordParser {
    case csv(CSVRecordParser)
    case jsonl(JSONLineParser)

    /// A parser for `format`; `layout` is required for CSV and `map` for JSONL.
    init(csv layout: CSVLayout?, jsonl map: JSONFieldMap, maxRecordBytes: Int) {
        if let layout {
            self = .csv(CSVRecordParser(layout: layout, maxRecordBytes: maxRecordBytes))
        } else {
            self = .jsonl(JSONLineParser(map: map, maxRecordBytes: maxRecordBytes))
        }
    }

    /// Parses the records of piece `piece` of `chunk`; returns the number of line feeds consumed. A record the
    /// reader read past for being too long is one reject.
    mutating func parse<Sink: RecordSink>(
        _ chunk: Chunk, piece: Int, values: UnsafeMutableBufferPointer<Double>,
        sink: inout Sink
    ) -> Int {
        guard let oversized = chunk.oversized else {
            return parse(chunk.base, chunk.piece(piece), values: values, sink: &sink)
        }
        let reason: RejectReason =
            oversized.unterminated
            ? .unterminatedQuote : .recordTooLong(limit: oversized.limit, shown: oversized.shown.count)
        sink.reject(PendingReject(line: 0, column: .none, reason: reason, record: oversized.shown))
        return oversized.lineFeeds
    }

    /// Parses the records in `base[range]`; returns the number of line feeds consumed.
    mutating func parse<Sink: RecordSink>(
        _ base: UnsafePointer<UInt8>, _ range: Range<Int>,
        values: UnsafeMutableBufferPointer<Double>, sink: inout Sink
    ) -> Int {
        switch self {
        case .csv(var parser):
            let lines = parser.parse(base, range, values: values, sink: &sink)
            self = .csv(parser)
            return lines
        case .jsonl(var parser):
            let lines = parser.parse(base, range, values: values, sink: &sink)
            self = .jsonl(parser)
            return lines
        }
    }
}

/// The format-specific facts a job learns from the start of its input.
struct InputLayout: Sendable {
    var format: RecordFormat
    /// CSV only: the header.
    var header: CSVHeader?
    /// CSV only: the field mapping.
    var csv: CSVLayout?
    /// JSONL mapping (built for both formats; used for JSONL).
    var jsonl: JSONFieldMap

    /// Longest record accepted, in bytes up to its line feed.
    var maxRecordBytes: Int

    /// Reads the header (CSV) or checks for content (JSONL) in the first chunk and positions it on the first record.
    init(
        format: RecordFormat, first: Chunk, idColumn: String, inputColumns: [String], maxRecordBytes: Int,
        path: String
    ) throws(RecordError) {
        self.format = format
        self.maxRecordBytes = maxRecordBytes
        jsonl = JSONFieldMap(idColumn: idColumn, inputColumns: inputColumns)
        switch format {
        case .csv:
            let header = try CSVHeader.read(from: first, maxRecordBytes: maxRecordBytes, path: path)
            csv = try CSVLayout(header: header, idColumn: idColumn, inputColumns: inputColumns, path: path)
            self.header = header
            first.skipRecords(to: header.end)
            first.firstLine = header.lines + 1
        case .jsonl:
            let blank: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")]
            let content = UnsafeBufferPointer(start: first.base, count: first.count).contains { !blank.contains($0) }
            guard content || !first.isLast else {
                throw RecordError(
                    .emptyFile, path: path,
                    "\(path) holds no records. A JSONL file needs one JSON object per line.")
            }
            first.firstLine = 1
        }
    }

    /// Header names for messages (empty for JSONL).
    var headerNames: [String] { header?.names ?? [] }

    /// A new parser for one piece.
    func makeParser() -> RecordParser {
        RecordParser(csv: csv, jsonl: jsonl, maxRecordBytes: maxRecordBytes)
    }
}
