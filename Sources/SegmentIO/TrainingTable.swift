/// The rows of a training file: ids and raw numeric values, with the records that could not be used.
package struct TrainingTable: Sendable {
    /// The id of every usable row, in file order.
    package var ids: [String]
    /// The value columns, in the order the caller asked for them.
    package var columns: [String]
    /// Row-major values, `rowCount × columns.count`; NaN where the input was blank or null.
    package var values: [Double]
    /// Records that could not be used, in file order.
    package var rejects: [RejectedRecord]
    /// Records read (usable and rejected; blank lines and the header excluded).
    package var rowsRead: Int

    /// Number of usable rows.
    package var rowCount: Int { ids.count }

    package init(ids: [String], columns: [String], values: [Double], rejects: [RejectedRecord], rowsRead: Int) {
        self.ids = ids
        self.columns = columns
        self.values = values
        self.rejects = rejects
        self.rowsRead = rowsRead
    }

    /// Reads a whole CSV or JSONL file (format by extension) with the same rules as scoring:
    /// columns matched ignoring letter case, blanks and nulls as NaN, bad records collected in `rejects`.
    /// - Parameters:
    ///   - path: a `.csv`, `.jsonl` or `.ndjson` file.
    ///   - idColumn: the column that identifies a row; a row without it is rejected.
    ///   - columns: the numeric columns to read, in the order wanted in `values`.
    ///   - options: chunking; the defaults suit any file.
    /// - Throws: `RecordError` when the file as a whole cannot be read (missing, unknown format, no header,
    ///   missing columns, I/O failure).
    package static func load(
        path: String, idColumn: String, columns: [String],
        options: ScoreOptions = ScoreOptions()
    ) throws(RecordError) -> TrainingTable {
        try options.validate(path: path)
        let format = try RecordFormat(path: path)
        let file = try InputFile(path: path)
        let reader = ChunkReader(
            file: file, quoteAware: format == .csv, chunkBytes: options.chunkBytes,
            maxRecordBytes: options.maxRecordBytes, piecesPerChunk: options.piecesPerChunk)
        let first = Chunk(capacity: reader.chunkBytes)
        try reader.fill(first, after: nil, limit: reader.firstFillBytes)
        let layout = try InputLayout(
            format: format, first: first, idColumn: idColumn, inputColumns: columns,
            maxRecordBytes: options.maxRecordBytes, path: path)
        let recordBytes = max(first.recordsEnd - first.recordsStart, 1)
        let firstRows = max(Self.lineFeeds(in: first), 1)
        let expectedRows = Int(Double(file.size) / (Double(recordBytes) / Double(firstRows)) * 1.02) + 16
        let consumer = TrainingConsumer(
            layout: layout, pieces: options.piecesPerChunk, columns: columns,
            idColumn: idColumn, expectedRows: expectedRows)
        try ChunkPipeline.run(reader: reader, first: first, consumer: consumer) { _, set in consumer.tally(set: set) }
        return consumer.table
    }

    private static func lineFeeds(in chunk: Chunk) -> Int {
        var count = 0
        for index in chunk.recordsStart..<chunk.recordsEnd where chunk.base[index] == UInt8(ascii: "\n") { count += 1 }
        return count
    }
}
