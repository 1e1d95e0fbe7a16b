package import SegmentCore
import SegmentSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Receives the bytes of an input file as they are read: each byte once, in file order, valid only during the call.
package typealias InputObserver = @Sendable (UnsafeRawBufferPointer) -> Void

/// Scores whole files: every record of a CSV or JSONL input is assigned a segment and written out with the
/// scoring columns appended; bad records go to a rejects file and never stop the run.
package enum FileScorer {
    /// The columns scoring appends to every record, in order; a stage's columns follow them.
    package static let scoringColumns = ScoredRowFormatter.columns

    /// Scores `input` into `output`, writing unusable records to `rejects`.
    ///
    /// Each output record is the input record byte for byte (for JSONL, the object up to its closing brace)
    /// followed by `segment_id, segment_name, confidence, distance, model_version`; confidence and distance have
    /// six decimals. A CSV output starts with the input's header line extended by those names. Records keep their
    /// input order, and the output is identical for any `options`. Line endings in the output are line feeds.
    ///
    /// The rejects file is always written, as CSV with the header `line,column,reason,record`, even if no record
    /// was rejected. Memory stays bounded by a few chunks whatever the input size.
    /// - Parameters:
    ///   - input: a `.csv`, `.jsonl` or `.ndjson` file.
    ///   - output: the scored file; its extension must name the same format as the input's, unless `outputFormat`
    ///     is given.
    ///   - rejects: the rejects file (CSV whatever its extension).
    ///   - scorer: the model; its `idColumn` and `inputColumns` must be in the input (letter case ignored).
    ///   - options: chunking; the defaults suit any file.
    ///   - progress: called on the calling thread about every `options.progressIntervalBytes` and once at the end.
    ///   - stage: an ordered stage to pass the scored rows through (the scoring host's plugins); its columns follow
    ///     `model_version` (CSV) or are added as members (JSONL), and rows it fails go to the rejects file. Nil
    ///     scores exactly as without. What happens before the first and after the last row is the caller's.
    ///   - outputFormat: the format of `output` when the caller knows it (the daemon's hidden temporaries); it must
    ///     be the input's. Nil takes it from `output`'s extension.
    ///   - observer: sees every byte of the input once, in order, while it is read (so a caller can hash the file
    ///     without reading it twice); it runs beside the scoring, on one thread at a time.
    ///   - inputFormat: the format of `input` when its name does not say it (standard input); nil takes it from
    ///     `input`'s extension.
    ///   - challenger: a second model (shadow or A/B, see ``Challenger``); its id column and input columns must be
    ///     the scorer's. Nil scores exactly as before it existed. In A/B the summary's `tally` and `drift` cover the
    ///     champion arm's rows, ``ScoreSummary/challenger`` the challenger arm's.
    /// - Throws: `RecordError` when the file as a whole cannot be scored: missing file, unknown or mismatched
    ///   formats, no header, missing columns, unwritable outputs, I/O failure.
    package static func score(
        input: String, output: String, rejects: String, scorer: some RowScorer,
        options: ScoreOptions = ScoreOptions(),
        progress: (@Sendable (ScoreProgress) -> Void)? = nil,
        stage: (any ScoredRowStage)? = nil,
        outputFormat: RecordFormat? = nil,
        observer: InputObserver? = nil,
        inputFormat: RecordFormat? = nil,
        challenger: Challenger? = nil
    ) throws(RecordError) -> ScoreSummary {
        try run(
            input: input, output: output, rejects: rejects, scorer: scorer, options: options, progress: progress,
            stage: stage, outputFormat: outputFormat, observer: observer, inputFormat: inputFormat,
            challenger: challenger)
    }

    /// `score` with the model's own scorer. The scoring loop is generic over the scorer; called from here it is
    /// specialised for `SegmentScorer` inside this module, which a caller in another module (the scoring host, the
    /// `score` command) would not get from the generic entry.
    package static func score(
        input: String, output: String, rejects: String, scorer: SegmentScorer,
        options: ScoreOptions = ScoreOptions(),
        progress: (@Sendable (ScoreProgress) -> Void)? = nil,
        stage: (any ScoredRowStage)? = nil,
        outputFormat: RecordFormat? = nil,
        observer: InputObserver? = nil,
        inputFormat: RecordFormat? = nil,
        challenger: Challenger? = nil
    ) throws(RecordError) -> ScoreSummary {
        try run(
            input: input, output: output, rejects: rejects, scorer: scorer, options: options, progress: progress,
            stage: stage, outputFormat: outputFormat, observer: observer, inputFormat: inputFormat,
            challenger: challenger)
    }

    private static func run(
        input: String, output: String, rejects: String, scorer: some RowScorer, options: ScoreOptions,
        progress: (@Sendable (ScoreProgress) -> Void)?, stage: (any ScoredRowStage)?, outputFormat: RecordFormat?,
        observer: InputObserver?, inputFormat: RecordFormat?, challenger: Challenger?
    ) throws(RecordError) -> ScoreSummary {
        if let challenger {
            precondition(
                challenger.scorer.idColumn == scorer.idColumn && challenger.scorer.inputColumns == scorer.inputColumns,
                "a challenger must read the champion's columns")
        }
        let clock = ContinuousClock()
        let started = clock.now
        try options.validate(path: input)
        let format: RecordFormat
        if let inputFormat { format = inputFormat } else { format = try RecordFormat(path: input) }
        var chosenFormat = outputFormat
        if chosenFormat == nil { chosenFormat = try RecordFormat(path: output) }
        guard chosenFormat == format else {
            throw RecordError(
                .formatMismatch, path: output,
                "The output \(output) must use the input's format (\(format == .csv ? "CSV" : "JSONL")); "
                    + "give it the extension \(format == .csv ? ".csv" : ".jsonl") too.")
        }
        try checkDistinct(input: input, output: output, rejects: rejects)

        let file = try InputFile(path: input)
        let reader = ChunkReader(
            file: file, quoteAware: format == .csv, chunkBytes: options.chunkBytes,
            maxRecordBytes: options.maxRecordBytes, piecesPerChunk: options.piecesPerChunk,
            observer: observer)
        let first = Chunk(capacity: reader.chunkBytes)
        try reader.fill(first, after: nil, limit: reader.firstFillBytes)
        let layout = try InputLayout(
            format: format, first: first, idColumn: scorer.idColumn,
            inputColumns: scorer.inputColumns, maxRecordBytes: options.maxRecordBytes,
            path: input)

        let outputFile = try DurableOutput(
            path: output, durable: options.durableOutput, direct: options.directOutput,
            exclusive: options.exclusiveOutputs, inputBytes: file.size)
        let rejectsWriter = try RejectsWriter(path: rejects, exclusive: options.exclusiveOutputs)
        try stage?.open()
        if let header = layout.header {
            let line = ScoredRowFormatter.csvHeader(header.raw)
            try outputFile.write(stage?.csvHeader(line) ?? line)
        }
        let consumer = ScoringConsumer(
            layout: layout, pieces: options.piecesPerChunk, chunkBytes: reader.chunkBytes,
            scorer: scorer, output: outputFile, rejects: rejectsWriter, stage: stage,
            lowConfidenceThreshold: options.lowConfidenceThreshold, countsDrift: options.countsDrift,
            sampleCapture: options.sampleCapture, challenger: challenger)
        var nextReport = options.progressIntervalBytes
        func report(_ chunk: Chunk, set: Int) {
            consumer.tally(set: set)
            let consumed = min(chunk.fileOffsetOfRecordsEnd, file.size)
            guard let progress, consumed >= nextReport || chunk.isLast else { return }
            while nextReport <= consumed { nextReport += options.progressIntervalBytes }
            progress(
                ScoreProgress(
                    bytesRead: chunk.isLast ? reader.bytesRead : consumed, totalBytes: file.size,
                    rowsRead: consumer.rowsRead, rowsRejected: consumer.rowsRejected,
                    seconds: seconds(since: started, clock: clock)))
        }
        try ChunkPipeline.run(reader: reader, first: first, consumer: consumer, afterChunk: report)
        try consumer.close()
        if format == .jsonl && consumer.rowsRead > consumer.rowsRejected {
            try requireEveryColumn(layout.jsonl, scorer.inputColumns, seen: consumer.seenKeys, path: input)
        }
        try outputFile.finish()
        let rejected = consumer.rowsRejected + consumer.stageRowsRejected
        var imputed: [String: Int] = [:]
        for (name, count) in zip(scorer.inputColumns, consumer.imputed) where count > 0 { imputed[name] = count }
        let tally = consumer.scoreTally
        var drift: DriftReport?
        if let reference = scorer.driftReference, !consumer.driftCounts.isEmpty, tally.rows > 0 {
            drift = DriftReport(
                reference: reference, stridedCounts: consumer.driftCounts,
                inputColumnCount: scorer.inputColumns.count, segmentRows: tally.segmentRows,
                confidenceSum: tally.confidenceSum, lowConfidenceRows: tally.lowConfidenceRows,
                lowConfidenceThreshold: tally.lowConfidenceThreshold)
        }
        return ScoreSummary(
            rowsRead: consumer.rowsRead, rowsScored: consumer.rowsRead - rejected,
            rowsRejected: rejected, bytesRead: reader.bytesRead,
            seconds: seconds(since: started, clock: clock), imputed: imputed, tally: tally, drift: drift,
            sample: consumer.sample(), challenger: consumer.challenger?.summary)
    }

    /// Fails a JSONL input in which some input column never appears, as a CSV header lacking it fails: a key that
    /// no record has is misspelt or not exported, and imputing it in every row would hide that. A key that some
    /// records leave out is imputed in those.
    private static func requireEveryColumn(
        _ map: JSONFieldMap, _ inputColumns: [String], seen: [SeenKeys], path: String
    ) throws(RecordError) {
        let missing = map.columnsNeverSeen(inputColumns, in: seen)
        guard !missing.isEmpty else { return }
        let plural = missing.count == 1 ? "" : "s"
        throw RecordError(
            .missingColumns, path: path,
            "No record of \(path) has the key\(plural) \(missing.joined(separator: ", ")). A record may leave a key "
                + "out (its value is then filled with the training median), but a key that no record has is missing "
                + "from the export or misspelt. Add the key\(plural) (null is allowed) or fix the spelling (letter "
                + "case is ignored).")
    }

    /// Refuses to write a file over the input or over the other output.
    private static func checkDistinct(input: String, output: String, rejects: String) throws(RecordError) {
        func same(_ first: String, _ second: String) -> Bool {
            if first == second { return true }
            var one = stat()
            var two = stat()
            guard RawPath.withCString(first, { stat($0, &one) }) == 0,
                RawPath.withCString(second, { stat($0, &two) }) == 0
            else { return false }
            return one.st_dev == two.st_dev && one.st_ino == two.st_ino
        }
        if same(input, output) || same(input, rejects) {
            throw RecordError(
                .sameInputAndOutput, path: input,
                "The output and rejects files must differ from the input \(input); "
                    + "writing them would destroy it. Choose other paths.")
        }
        if same(output, rejects) {
            throw RecordError(
                .sameInputAndOutput, path: output,
                "The output and the rejects file are both \(output). Choose two different paths.")
        }
    }

    private static func seconds(since start: ContinuousClock.Instant, clock: ContinuousClock) -> Double {
        let elapsed = clock.now - start
        return elapsed.inSeconds
    }
}
