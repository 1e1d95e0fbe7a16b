/// The rows one piece of a training file yields, reused from chunk to chunk.
final class TrainingPiece: @unchecked Sendable {
    var ids: [String] = []
    var values: [Double] = []
    var rejects: [PendingReject] = []
    var rows = 0
    var lines = 0
    var parser: RecordParser
    let row: UnsafeMutableBufferPointer<Double>

    init(parser: RecordParser, columnCount: Int) {
        self.parser = parser
        row = .allocate(capacity: max(columnCount, 1))
        row.initialize(repeating: .nan)
    }

    deinit { row.deallocate() }
}

/// Collects ids and values of usable records and the rejections.
private struct TrainingSink: RecordSink {
    var ids: [String]
    var values: [Double]
    var rejects: [PendingReject]
    var rows = 0

    mutating func accept(
        record: UnsafeRawBufferPointer, isEmptyObject: Bool, id: UnsafeRawBufferPointer,
        values row: UnsafeMutableBufferPointer<Double>
    ) {
        rows += 1
        ids.append(String(decoding: id, as: UTF8.self))
        values.append(contentsOf: row)
    }

    mutating func reject(_ reject: PendingReject) {
        rows += 1
        rejects.append(reject)
    }
}

/// Parses a training file's chunks in parallel and appends their rows in file order.
final class TrainingConsumer: ChunkConsumer, @unchecked Sendable {
    private let sets: [[TrainingPiece]]
    private let describer: RejectDescriber
    /// Everything appended so far.
    private(set) var table: TrainingTable

    init(layout: InputLayout, pieces: Int, columns: [String], idColumn: String, expectedRows: Int) {
        sets = (0..<2).map { _ in
            (0..<pieces).map { _ in TrainingPiece(parser: layout.makeParser(), columnCount: columns.count) }
        }
        describer = RejectDescriber(headerNames: layout.headerNames, idColumn: idColumn)
        table = TrainingTable(ids: [], columns: columns, values: [], rejects: [], rowsRead: 0)
        table.ids.reserveCapacity(expectedRows)
        table.values.reserveCapacity(expectedRows * columns.count)
    }

    func process(piece index: Int, of chunk: Chunk, set: Int) {
        let piece = sets[set][index]
        var sink = TrainingSink(ids: [], values: [], rejects: [])
        swap(&sink.ids, &piece.ids)
        swap(&sink.values, &piece.values)
        swap(&sink.rejects, &piece.rejects)
        sink.ids.removeAll(keepingCapacity: true)
        sink.values.removeAll(keepingCapacity: true)
        sink.rejects.removeAll(keepingCapacity: true)
        piece.lines = piece.parser.parse(chunk, piece: index, values: piece.row, sink: &sink)
        swap(&sink.ids, &piece.ids)
        swap(&sink.values, &piece.values)
        swap(&sink.rejects, &piece.rejects)
        piece.rows = sink.rows
    }

    func lines(piece: Int, set: Int) -> Int {
        sets[set][piece].lines
    }

    /// Adds the record count of the chunk just processed into `set`.
    func tally(set: Int) {
        for piece in sets[set] { table.rowsRead += piece.rows }
    }

    func finish(_ chunk: Chunk, set: Int, pieceFirstLines: [Int]) throws(RecordError) {
        let base = UnsafePointer(chunk.base)
        for (index, piece) in sets[set].enumerated() where index < chunk.pieceCount {
            table.ids.append(contentsOf: piece.ids)
            table.values.append(contentsOf: piece.values)
            for pending in piece.rejects {
                table.rejects.append(describer.rejectedRecord(pending, base: base, firstLine: pieceFirstLines[index]))
            }
        }
    }
}
