/// The formats of a request body.
package enum BodyFormat: Sendable, Equatable {
    /// CSV with a header line (`text/csv`).
    case csv
    /// One JSON object per line (`application/x-ndjson`).
    case ndjson
    /// A JSON array of objects (`application/json`), each element read as an NDJSON line.
    case jsonArray
    /// One JSON object (`POST /v1/segment`), read as an NDJSON line.
    case jsonObject
}

/// The records parsed from the bytes fed so far: the usable ones (id and input values) and the rejected ones, each
/// with its 0-based index among the body's records.
package struct ParsedRecords: Sendable {
    /// Input values per usable record.
    package let width: Int
    package var ids: [String] = []
    /// Row-major: `width` values per usable record, NaN where missing (the model fills in its median).
    package var values: [Double] = []
    package var indices: [Int] = []
    package var rejects: [RecordReject] = []

    package init(width: Int) {
        self.width = width
    }

    /// Usable and rejected records held.
    package var count: Int { ids.count + rejects.count }

    package mutating func removeAll() {
        ids.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
    }
}

/// Parses a request body fed in pieces of any size, cut anywhere, into records, with the parsers of the file path
/// (`CSVRecordParser`, `JSONLineParser`) and so with the same rules as a `.csv` or `.jsonl` file: the same rejects,
/// the same id rule, the same numbers. Only complete records are parsed; the bytes of an unfinished one are carried
/// over, so memory is bounded by the pieces fed plus one record (`maxRecordBytes`), never by the body.
package final class RecordStream {
    private let format: BodyFormat
    private let idColumn: String
    private let inputColumns: [String]
    private let maxRecordBytes: Int
    private let maxRecords: Int
    private let map: JSONFieldMap
    /// The bytes not yet parsed (for JSON bodies: the splitter's lines), with the padding the parsers read past.
    private let buffer = Chunk(capacity: 64 << 10)
    private var splitter: JSONValueSplitter?
    /// Bytes of `buffer` scanned for record ends, the end of the last complete record, and (CSV) the quoting state.
    private var scanned = 0
    private var complete = 0
    private var csvState = CSVScanState.fieldStart
    private var parser: RecordParser?
    private var describer: RejectDescriber
    private let values: UnsafeMutableBufferPointer<Double>
    /// 1-based body line of the next record, and its index.
    private var nextLine = 1
    private(set) var nextIndex = 0

    /// - Parameters:
    ///   - maxRecordBytes: the longest record; a longer one stops the stream (`recordTooLong`).
    ///   - maxRecords: the most records (`max_batch_rows`); one more stops the stream (`tooManyRows`).
    package init(
        format: BodyFormat, idColumn: String, inputColumns: [String], maxRecordBytes: Int, maxRecords: Int = .max
    ) {
        self.format = format
        self.idColumn = idColumn
        self.inputColumns = inputColumns
        self.maxRecordBytes = maxRecordBytes
        self.maxRecords = maxRecords
        map = JSONFieldMap(idColumn: idColumn, inputColumns: inputColumns)
        describer = RejectDescriber(headerNames: [], idColumn: idColumn)
        values = .allocate(capacity: max(inputColumns.count, 1))
        values.initialize(repeating: .nan)
        switch format {
        case .csv: break
        case .ndjson: parser = RecordParser(csv: nil, jsonl: map, maxRecordBytes: maxRecordBytes)
        case .jsonArray, .jsonObject:
            parser = RecordParser(csv: nil, jsonl: map, maxRecordBytes: maxRecordBytes)
            splitter = JSONValueSplitter(single: format == .jsonObject, maxValueBytes: maxRecordBytes)
        }
    }

    deinit { values.deallocate() }

    /// Records begun so far (usable and rejected).
    package var recordCount: Int { nextIndex }

    /// Takes the next bytes of the body and appends the records they complete to `records`.
    package func feed(_ bytes: UnsafeRawBufferPointer, into records: inout ParsedRecords) throws(ScoringInputError) {
        if splitter != nil {
            try splitter?.feed(bytes, into: buffer)
        } else if let source = bytes.baseAddress, !bytes.isEmpty {
            if buffer.count + bytes.count > buffer.capacity {
                buffer.grow(to: max(buffer.capacity * 2, buffer.count + bytes.count))
            }
            (buffer.base + buffer.count).update(
                from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
            buffer.count += bytes.count
        }
        findRecordEnds()
        try parseComplete(into: &records, final: false)
        if buffer.count - complete > maxRecordBytes + 2 {
            throw ScoringInputError(
                .recordTooLong,
                "The record starting on line \(nextLine) of the body (record \(nextIndex)) is longer than "
                    + "\(maxRecordBytes) bytes, the limit for one record; a double quote that is never closed can "
                    + "cause this.", index: nextIndex, line: format == .jsonArray ? nil : nextLine)
        }
    }

    /// Ends the body: parses the last record (which may lack its line feed) into `records`.
    package func finish(into records: inout ParsedRecords) throws(ScoringInputError) {
        if splitter != nil { try splitter?.finish(into: buffer) }
        findRecordEnds()
        if buffer.count > complete {
            if format == .csv && csvState == .quoted && parser != nil {
                // The last record opens a quote it never closes: one reject, as in a file.
                records.rejects.append(
                    RecordReject(
                        index: nextIndex, line: nextLine, column: nil,
                        reason: describer.reason(.unterminatedQuote, base: buffer.base)))
                nextIndex += 1
                buffer.count = complete
                scanned = complete
            } else {
                buffer.grow(to: buffer.count + 1)
                buffer.base[buffer.count] = UInt8(ascii: "\n")
                buffer.count += 1
                complete = buffer.count
                scanned = buffer.count
            }
        }
        try parseComplete(into: &records, final: true)
        if format == .csv && parser == nil {
            throw ScoringInputError(
                .emptyBody, "The body has no header line. A CSV body must start with a line naming its columns.")
        }
    }

    /// The needed keys no JSON record held so far, whatever its value: the id column (when `includingID`) and then
    /// the input columns, in the model's order. Empty for CSV, whose header is checked when it is read.
    package func keysNeverSeen(includingID: Bool) -> [String] {
        guard case .jsonl(let parser)? = parser else { return [] }
        var missing: [String] = []
        for name in (includingID ? [idColumn] : []) + inputColumns where !missing.contains(name) {
            guard let wanted = map.matcher.match(name) else { continue }
            if !parser.seenKeys.flags[wanted] { missing.append(name) }
        }
        return missing
    }

    /// Moves `complete` to the end of the last whole record in the buffer.
    private func findRecordEnds() {
        let base = UnsafePointer(buffer.base)
        if format == .csv {
            while scanned < buffer.count,
                let end = RecordBoundaries.nextEnd(base, from: scanned, to: buffer.count, state: &csvState)
            {
                complete = end
                scanned = end
            }
        } else {
            var index = buffer.count
            while index > scanned && base[index - 1] != UInt8(ascii: "\n") { index -= 1 }
            if index > scanned { complete = index }
        }
        scanned = buffer.count
    }

    /// Parses the complete records (after the header, read first for CSV) and drops their bytes.
    private func parseComplete(into records: inout ParsedRecords, final: Bool) throws(ScoringInputError) {
        guard complete > 0 else { return }
        var start = 0
        if parser == nil {
            guard let end = try readHeader(final: final) else { return }
            start = end
        }
        guard var parser else { return }
        var sink = CollectingSink(
            records: ParsedRecords(width: records.width), width: inputColumns.count, nextIndex: nextIndex,
            maxRecords: maxRecords, firstLine: format == .jsonArray ? nil : nextLine,
            base: UnsafePointer(buffer.base), describer: describer)
        swap(&sink.records, &records)
        let lines = parser.parse(UnsafePointer(buffer.base), start..<complete, values: values, sink: &sink)
        swap(&sink.records, &records)
        self.parser = parser
        nextLine += lines
        nextIndex = sink.nextIndex
        buffer.drop(from: complete, to: 0)
        scanned -= complete
        complete = 0
        if sink.overflow {
            throw ScoringInputError(
                .tooManyRows,
                "The body holds more than \(maxRecords) records, the limit max_batch_rows in [http] of "
                    + "segmentd.toml. Split it into smaller batches.", index: maxRecords)
        }
    }

    /// Reads the CSV header from the complete records; nil while only blank lines have come.
    /// - Returns: the offset after the header.
    private func readHeader(final: Bool) throws(ScoringInputError) -> Int? {
        buffer.recordsEnd = complete
        let header: CSVHeader
        do {
            header = try CSVHeader.read(from: buffer, maxRecordBytes: maxRecordBytes, path: "the body")
        } catch {
            if error.code == .emptyFile && !final { return nil }
            if error.code == .emptyFile {
                throw ScoringInputError(
                    .emptyBody, "The body has no header line. A CSV body must start with a line naming its columns.")
            }
            throw ScoringInputError(.invalidHeader, error.message, line: 1)
        }
        let matcher = ColumnMatcher(names: header.names)
        var missing: [String] = []
        for name in [idColumn] + inputColumns where matcher.match(name) == nil && !missing.contains(name) {
            missing.append(name)
        }
        guard missing.isEmpty else {
            throw ScoringInputError(
                .missingColumns,
                "The CSV header lacks the column\(missing.count == 1 ? "" : "s") "
                    + "\(missing.joined(separator: ", ")) the model needs. Add "
                    + "\(missing.count == 1 ? "it" : "them") (letter case is ignored).",
                line: header.lines, missingColumns: missing)
        }
        do {
            let layout = try CSVLayout(
                header: header, idColumn: idColumn, inputColumns: inputColumns, path: "the body")
            parser = RecordParser(csv: layout, jsonl: map, maxRecordBytes: maxRecordBytes)
        } catch {
            throw ScoringInputError(.invalidHeader, error.message, line: header.lines)
        }
        describer = RejectDescriber(headerNames: header.names, idColumn: idColumn)
        nextLine = header.lines + 1
        return header.end
    }
}

/// Collects the records one parse call reads, numbering them; rejects are described at once, while their bytes are
/// still in the buffer.
private struct CollectingSink: RecordSink {
    var records: ParsedRecords
    let width: Int
    var nextIndex: Int
    let maxRecords: Int
    let firstLine: Int?
    let base: UnsafePointer<UInt8>
    let describer: RejectDescriber
    var overflow = false

    mutating func accept(
        record: UnsafeRawBufferPointer, isEmptyObject: Bool, id: UnsafeRawBufferPointer,
        values: UnsafeMutableBufferPointer<Double>
    ) {
        guard take() else { return }
        records.ids.append(String(decoding: id, as: UTF8.self))
        records.values.append(contentsOf: UnsafeMutableBufferPointer(rebasing: values[0..<width]))
        records.indices.append(nextIndex - 1)
    }

    mutating func reject(_ reject: PendingReject) {
        guard take() else { return }
        let column = describer.column(reject.column, base: base)
        records.rejects.append(
            RecordReject(
                index: nextIndex - 1, line: firstLine.map { $0 + reject.line },
                column: column.isEmpty ? nil : column, reason: describer.reason(reject.reason, base: base)))
    }

    /// Numbers the next record; false (and `overflow`) past the limit.
    private mutating func take() -> Bool {
        guard nextIndex < maxRecords else {
            overflow = true
            return false
        }
        nextIndex += 1
        return true
    }
}
