import SegmentCore
package import SegmentIO

/// Limits of one scoring request (`[http]` in segmentd.toml).
package struct ScoringLimits: Sendable {
    /// Most records in one batch (`max_batch_rows`).
    package var maxRows: Int
    /// Most body bytes of one batch (`max_stream_bytes`).
    package var maxStreamBytes: Int
    /// Longest single record, in bytes.
    package var maxRecordBytes: Int
    /// Records scored together; the memory a request holds is about this many records and their results.
    package var pieceRows: Int
    /// A JSON response holds its rejects until the results are closed: at most this many.
    package var maxHeldRejects: Int
    /// A feed that completes at least this many bytes of records is parsed in two halves on two threads, and a
    /// piece of at least `splitRows` records is assigned its segments in two halves: the second core works on the
    /// request while the first parses or writes. The response is the same byte for byte, whatever the two are.
    package var splitBytes: Int
    package var splitRows: Int

    package init(
        maxRows: Int = 10_000_000, maxStreamBytes: Int = 2 << 30, maxRecordBytes: Int = 1 << 20,
        pieceRows: Int = 4096, maxHeldRejects: Int = 100_000, splitBytes: Int = 64 << 10, splitRows: Int = 1024
    ) {
        self.maxRows = maxRows
        self.maxStreamBytes = maxStreamBytes
        self.maxRecordBytes = maxRecordBytes
        self.pieceRows = max(1, pieceRows)
        self.maxHeldRejects = maxHeldRejects
        self.splitBytes = splitBytes
        self.splitRows = splitRows
    }
}

/// `POST /v1/segment/batch` without the HTTP: fed the request body in pieces cut anywhere (CSV with a header,
/// NDJSON, or a JSON array of objects), it parses the complete records with the file path's parsers, scores them
/// `pieceRows` at a time through the host (the scorer and the plugins' stage, as `score(rows:)` does), and hands
/// back the response bytes due so far. Memory is bounded by the piece, not by the body.
///
/// The response starts (``hasStarted``) with the first scored piece, so everything that fails a request as a whole
/// (a CSV header lacking columns, a JSON key no record of the first piece has, a body that is not JSON) is thrown
/// before any byte is due and can still be answered with a status. After the start, a failure is written as the
/// response's final error record by ``failure(_:)``. Rejected records are reported in index order, never dropped.
///
/// One request uses one stream, one call at a time (the server runs each call on its executor in turn).
package final class BatchScoringStream: @unchecked Sendable {
    /// The version of the model every result of this stream is scored with.
    package let modelVersion: String
    package let format: ResponseFormat
    private let body: BodyFormat
    private let limits: ScoringLimits
    private let records: RecordStream
    private var pending: ParsedRecords
    private let scorer: RequestScorer
    private let output = ByteBuffer(capacity: 1 << 16)
    private var bytesSeen = 0
    /// Whether response bytes have been handed out (the status is then sent).
    package private(set) var hasStarted = false
    private var isClosed = false

    /// - Parameters:
    ///   - host: the host the whole request scores with (a reload does not change it mid-request).
    ///   - body: the request body's format (`.csv`, `.ndjson` or `.jsonArray`).
    ///   - response: the response's format.
    package convenience init(
        host: ScoringHost, body: BodyFormat, response: ResponseFormat, limits: ScoringLimits = .init()
    ) {
        self.init(host: host, template: host.resultTemplate(response), body: body, limits: limits)
    }

    /// A stream of a prepared host: its response template is the one ``RequestScoring`` rendered once.
    package convenience init(
        scoring: RequestScoring, body: BodyFormat, response: ResponseFormat, limits: ScoringLimits = .init()
    ) {
        self.init(host: scoring.host, template: scoring.template(response), body: body, limits: limits)
    }

    private init(host: ScoringHost, template: ResultTemplate, body: BodyFormat, limits: ScoringLimits) {
        let response = template.format
        modelVersion = host.modelVersion
        format = response
        self.body = body
        self.limits = limits
        records = RecordStream(
            format: body, idColumn: host.scorer.idColumn, inputColumns: host.scorer.inputColumns,
            maxRecordBytes: limits.maxRecordBytes, maxRecords: limits.maxRows, splitBytes: limits.splitBytes)
        pending = ParsedRecords(width: host.scorer.inputColumns.count)
        scorer = RequestScorer(host: host, template: template, splitRows: limits.splitRows)
    }

    /// Rows scored and rejected so far.
    package var rowsScored: Int { scorer.rowsScored }
    package var rowsRejected: Int { scorer.rowsRejected }

    /// Takes the next bytes of the body; returns the response bytes now due (often none).
    package func feed(_ bytes: UnsafeRawBufferPointer) throws(ScoringInputError) -> [UInt8] {
        try feed(bytes) { Array($0) }
    }

    /// `feed` handing the response bytes now due (possibly none) to `drain`, which copies them where they go (the
    /// server: straight into the buffer it writes to the socket), instead of into an array first.
    package func feed<Drained>(_ bytes: UnsafeRawBufferPointer, drain: (UnsafeRawBufferPointer) -> Drained)
        throws(ScoringInputError) -> Drained
    {
        try append(bytes)
        return try process(drain: drain)
    }

    /// Takes the next bytes of the body without parsing them yet: a server appends what the socket brought, then
    /// calls ``process(drain:)`` once, so that a parse has enough bytes to be cut in two for two threads.
    package func append(_ bytes: UnsafeRawBufferPointer) throws(ScoringInputError) {
        bytesSeen += bytes.count
        if bytesSeen > limits.maxStreamBytes {
            throw ScoringInputError(
                .bodyTooLarge,
                "The body is longer than \(limits.maxStreamBytes) bytes, the limit max_stream_bytes in [http] of "
                    + "segmentd.toml. Split it into smaller batches.")
        }
        try records.append(bytes)
    }

    /// Parses and scores what was appended, handing the response bytes now due (possibly none) to `drain`.
    package func process<Drained>(drain: (UnsafeRawBufferPointer) -> Drained) throws(ScoringInputError) -> Drained {
        try records.parse(into: &pending)
        if pending.count >= limits.pieceRows { try scorePending() }
        return take(drain)
    }

    /// `feed` for bytes held in an array.
    package func feed(_ bytes: [UInt8]) throws(ScoringInputError) -> [UInt8] {
        var result: Result<[UInt8], ScoringInputError> = .success([])
        bytes.withUnsafeBytes { raw in
            do throws(ScoringInputError) {
                result = .success(try feed(raw))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    /// Ends the body: scores what is left, finishes the plugins, and returns the response's last bytes.
    package func finish() throws(ScoringInputError) -> [UInt8] {
        try finish { Array($0) }
    }

    /// `finish` handing the last bytes to `drain`.
    package func finish<Drained>(drain: (UnsafeRawBufferPointer) -> Drained) throws(ScoringInputError) -> Drained {
        try records.finish(into: &pending)
        try scorePending()
        try scorer.finish()
        scorer.writer.closing(into: output)
        isClosed = true
        return take(drain)
    }

    /// The bytes that end a response broken off by `error` after its start (its final error record), starting the
    /// response first if it had not started; the plugins' sessions are cancelled.
    package func failure(_ error: ScoringInputError) -> [UInt8] {
        scorer.cancel()
        guard !isClosed else { return [] }
        isClosed = true
        if !hasStarted { scorer.writer.opening(into: output) }
        scorer.writer.failure(error, into: output)
        hasStarted = true
        return take { Array($0) }
    }

    /// Stops the request without a response (the client went away): cancels the plugins' sessions.
    package func cancel() {
        scorer.cancel()
        isClosed = true
    }

    private func scorePending() throws(ScoringInputError) {
        if !hasStarted {
            // As for a JSONL file: a key that no record has is misspelt or missing from the export; imputing it in
            // every row would hide that. Judged on the first piece, before the response starts.
            if body != .csv && !pending.ids.isEmpty {
                let missing = records.keysNeverSeen(includingID: false)
                if !missing.isEmpty { throw Self.missingKeys(missing, records: pending.count) }
            }
            scorer.writer.opening(into: output)
            hasStarted = true
        }
        guard pending.count > 0 else { return }
        try scorer.score(&pending, into: output)
        pending.removeAll()
        if format == .json && scorer.writer.heldRejectCount > limits.maxHeldRejects {
            throw ScoringInputError(
                .tooManyRejects,
                "More than \(limits.maxHeldRejects) records were rejected; a JSON response holds its rejects until "
                    + "the end. Ask for NDJSON (Accept: application/x-ndjson) or CSV, which report rejects in line.")
        }
    }

    private static func missingKeys(_ missing: [String], records: Int) -> ScoringInputError {
        let plural = missing.count == 1 ? "" : "s"
        return ScoringInputError(
            .missingColumns,
            "No record of the first \(records) has the key\(plural) \(missing.joined(separator: ", ")). A record may "
                + "leave a key out (its value is then the training median), but a key no record has is missing from "
                + "the export or misspelt. Add the key\(plural) (null is allowed) or fix the spelling (letter case "
                + "is ignored).", missingColumns: missing)
    }

    private func take<Drained>(_ drain: (UnsafeRawBufferPointer) -> Drained) -> Drained {
        defer { output.count = 0 }
        return drain(output.bytes)
    }
}
