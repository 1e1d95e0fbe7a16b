import SegmentCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
    /// The parser of the second half when a feed brings at least `splitBytes` of complete records: the halves are
    /// parsed on two threads, and the records come out as from one parse.
    private var secondParser: RecordParser?
    /// The second half's records, kept (emptied) between parses so their arrays are not grown anew each time.
    private var secondRecords: ParsedRecords
    private let splitBytes: Int
    private var describer: RejectDescriber
    private let values: UnsafeMutableBufferPointer<Double>
    private let secondValues: UnsafeMutableBufferPointer<Double>
    /// 1-based body line of the next record, and its index.
    private var nextLine = 1
    private(set) var nextIndex = 0

    /// - Parameters:
    ///   - maxRecordBytes: the longest record; a longer one stops the stream (`recordTooLong`).
    ///   - maxRecords: the most records (`max_batch_rows`); one more stops the stream (`tooManyRows`).
    ///   - splitBytes: complete records of at least this many bytes are parsed in two halves on two threads.
    package init(
        format: BodyFormat, idColumn: String, inputColumns: [String], maxRecordBytes: Int, maxRecords: Int = .max,
        splitBytes: Int = .max
    ) {
        self.splitBytes = max(splitBytes, 2)
        secondRecords = ParsedRecords(width: inputColumns.count)
        self.format = format
        self.idColumn = idColumn
        self.inputColumns = inputColumns
        self.maxRecordBytes = maxRecordBytes
        self.maxRecords = maxRecords
        map = JSONFieldMap(idColumn: idColumn, inputColumns: inputColumns)
        describer = RejectDescriber(headerNames: [], idColumn: idColumn)
        values = .allocate(capacity: max(inputColumns.count, 1))
        values.initialize(repeating: .nan)
        secondValues = .allocate(capacity: max(inputColumns.count, 1))
        secondValues.initialize(repeating: .nan)
        switch format {
        case .csv: break
        case .ndjson:
            parser = RecordParser(csv: nil, jsonl: map, maxRecordBytes: maxRecordBytes)
            secondParser = RecordParser(csv: nil, jsonl: map, maxRecordBytes: maxRecordBytes)
        case .jsonArray, .jsonObject:
            parser = RecordParser(csv: nil, jsonl: map, maxRecordBytes: maxRecordBytes)
            secondParser = RecordParser(csv: nil, jsonl: map, maxRecordBytes: maxRecordBytes)
            splitter = JSONValueSplitter(single: format == .jsonObject, maxValueBytes: maxRecordBytes)
        }
    }

    deinit {
        values.deallocate()
        secondValues.deallocate()
    }

    /// Records begun so far (usable and rejected).
    package var recordCount: Int { nextIndex }

    /// Takes the next bytes of the body and appends the records they complete to `records`.
    package func feed(_ bytes: UnsafeRawBufferPointer, into records: inout ParsedRecords) throws(ScoringInputError) {
        try append(bytes)
        try parse(into: &records)
    }

    /// Appends the records completed by the bytes taken so far to `records`.
    package func parse(into records: inout ParsedRecords) throws(ScoringInputError) {
        try parseComplete(into: &records, final: false)
    }

    /// Takes the next bytes of the body without parsing them yet (``parse(into:)`` does): a server gathers what the
    /// socket brought before parsing it in one go. Finds where records end, and fails on a record longer than the
    /// limit as `feed` does.
    package func append(_ bytes: UnsafeRawBufferPointer) throws(ScoringInputError) {
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
        // First the records appended but not parsed yet, so that the last one (cut short, or an unclosed quote) is
        // numbered after them.
        try parseComplete(into: &records, final: false)
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
        var seen = [parser.seenKeys]
        if case .jsonl(let second)? = secondParser { seen.append(second.seenKeys) }
        var missing: [String] = []
        for name in (includingID ? [idColumn] : []) + inputColumns where !missing.contains(name) {
            guard let wanted = map.matcher.match(name) else { continue }
            if !seen.contains(where: { $0.flags[wanted] }) { missing.append(name) }
        }
        return missing
    }

    /// Moves `complete` to the end of the last whole record in the buffer.
    private func findRecordEnds() {
        let base = UnsafePointer(buffer.base)
        if format == .csv && csvState != .quoted
            && memchr(base + scanned, Int32(UInt8(ascii: "\"")), buffer.count - scanned) == nil
        {
            // No quote in the new bytes and not inside a quoted field: every line feed ends a record (what the scan
            // below finds byte by byte), and the state after the last one follows from the bytes after it.
            var index = buffer.count
            while index > scanned && base[index - 1] != UInt8(ascii: "\n") { index -= 1 }
            if index > scanned {
                complete = index
                csvState = .fieldStart
            }
            for offset in index..<buffer.count { csvState = RecordBoundaries.transition(csvState, base[offset]) }
        } else if format == .csv {
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
        let base = UnsafePointer(buffer.base)
        var sink = CollectingSink(
            records: ParsedRecords(width: records.width), width: inputColumns.count, nextIndex: nextIndex,
            maxRecords: maxRecords, firstLine: format == .jsonArray ? nil : nextLine, base: base, describer: describer)
        swap(&sink.records, &records)
        var lines = 0
        if let middle = splitPoint(start: start), var second = secondParser {
            // The second half is numbered from 0 and renumbered after the first: indices, lines and the limit come
            // out as from one parse of the whole.
            var secondSink = CollectingSink(
                records: ParsedRecords(width: records.width), width: inputColumns.count, nextIndex: 0,
                maxRecords: .max, firstLine: format == .jsonArray ? nil : 0, base: base, describer: describer)
            swap(&secondSink.records, &secondRecords)
            // Room for records of 64 bytes or more, made on this thread (whose malloc arena keeps what it frees).
            let expected = (complete - middle) / 64
            secondSink.records.ids.reserveCapacity(expected)
            secondSink.records.indices.reserveCapacity(expected)
            secondSink.records.values.reserveCapacity(expected * inputColumns.count)
            var secondLines = 0
            let (values, secondValues, end) = (values, secondValues, complete)
            ParallelBlocks.run(iterations: 2) { half in
                if half == 0 {
                    lines = parser.parse(base, start..<middle, values: values, sink: &sink)
                } else {
                    secondLines = second.parse(base, middle..<end, values: secondValues, sink: &secondSink)
                }
            }
            secondParser = second
            sink.append(secondSink.records, firstLine: nextLine + lines)
            swap(&secondSink.records, &secondRecords)
            secondRecords.removeAll()
            lines += secondLines
        } else {
            lines = parser.parse(base, start..<complete, values: values, sink: &sink)
        }
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

    /// Where the complete records from `start` are cut in two for parsing on two threads (a record start near the
    /// middle, by the rule that finds record ends), or nil when they are too few bytes to be worth it.
    private func splitPoint(start: Int) -> Int? {
        guard complete - start >= splitBytes else { return nil }
        let middle = start + (complete - start) / 2
        let split = RecordBoundaries.split(
            UnsafePointer(buffer.base), start: start, end: complete, targets: [middle], quoteAware: format == .csv)
        guard let cut = split.boundaries.first ?? nil, cut > start, cut < complete else { return nil }
        return cut
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
            secondParser = RecordParser(csv: layout, jsonl: map, maxRecordBytes: maxRecordBytes)
        } catch {
            throw ScoringInputError(.invalidHeader, error.message, line: header.lines)
        }
        describer = RejectDescriber(headerNames: header.names, idColumn: idColumn)
        nextLine = header.lines + 1
        return header.end
    }
}
