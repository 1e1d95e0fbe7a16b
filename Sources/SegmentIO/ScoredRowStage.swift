/// The one hook the chunk pipeline offers a layer above it: an ordered stage that sees the scored rows of every
/// piece, in file order, adds columns to them and may fail some of them. The scoring host implements it to run the
/// action plugins; record I/O knows nothing of what the stage does.
///
/// `process` runs one piece at a time, in file order (the pipeline's ordered step), on whichever worker is free;
/// `append` follows on the same thread and may run while a later piece's `process` runs on another thread, so it
/// reads only what `process` returned and the stage's immutable state.
package protocol ScoredRowStage: AnyObject, Sendable {
    /// Whether the rows' input values must be logged for the stage (`ScoredRowColumns.inputValues`).
    var keepsInputValues: Bool { get }

    /// Called once the input and the outputs are open and the input's layout is known, before the header and the
    /// first row: a stage that fails here fails the file as an unusable input or output would, in the same order.
    func open() throws(RecordError)

    /// `header` (a whole CSV header line, with its line feed) with the stage's column names appended.
    func csvHeader(_ header: [UInt8]) -> [UInt8]

    /// The ordered step: works on the rows of one piece, whose first line is `firstLine` (1-based), and returns
    /// what `append` needs. A throw stops the file.
    func process(_ rows: ScoredRowColumns, firstLine: Int) throws(RecordError) -> any ScoredRowStageResult

    /// Appends to `output` the rows of `formatted` (the piece's scored rows, which end at `rows.outputEnds`) that
    /// the stage kept, each with its columns; returns the rows it failed, in line order.
    func append(
        _ result: any ScoredRowStageResult, rows: ScoredRowColumns, formatted: ByteBuffer, into output: ByteBuffer
    ) -> [StageReject]
}

/// What a stage's ordered step made of one piece, handed back to the same stage's `append`.
package protocol ScoredRowStageResult {}

/// A row the stage failed, waiting to be written to the rejects file.
package struct StageReject {
    /// 1-based line of the record in the input.
    package var line: Int
    /// The reject reason (the rejects file's `reason` column).
    package var reason: String
    /// The record's bytes in the chunk.
    package var record: Range<Int>

    package init(line: Int, reason: String, record: Range<Int>) {
        self.line = line
        self.reason = reason
        self.record = record
    }
}
