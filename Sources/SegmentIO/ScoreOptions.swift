package import SegmentCore

/// Tuning knobs for streaming a file; the defaults suit files of any size.
///
/// None of them changes the output: it is byte-identical for every chunk size and piece count.
package struct ScoreOptions: Sendable {
    /// Bytes read per chunk; memory use is a small multiple of this.
    package var chunkBytes: Int
    /// Pieces each chunk is split into; pieces run in parallel on all cores.
    package var piecesPerChunk: Int
    /// Longest single record accepted, in bytes up to its line feed; a longer one (usually an unclosed quote) is one
    /// reject, shown cut to its first `min(maxRecordBytes, 4096)` bytes, and reading resumes after it. Only a CSV
    /// header longer than this stops the file.
    package var maxRecordBytes: Int
    /// Input bytes between two progress reports.
    package var progressIntervalBytes: Int
    /// Makes the scored output durable before `score` returns (``DurableOutput``): written with `O_DIRECT` from a
    /// writer thread where the filesystem allows it (else through the page cache, flushed in the background for
    /// inputs of 4 MiB or more), and `fsync`ed at the end, so the caller can rename it into place as it is. For
    /// callers that publish the output durably, like the daemon: the bytes go to the disk once, from reused buffers,
    /// instead of being copied into new cache pages and written back later.
    package var durableOutput = false
    /// Writes the scored output with `O_DIRECT` from a writer thread where the filesystem takes it, like a durable
    /// output but without its `fsync` (elsewhere, ordinary writes): for `segmentd score`, whose output would
    /// otherwise be copied into new page-cache pages, the VM's costly first touch of memory (the README's
    /// Performance section). Ignored when `durableOutput` is set (that writes direct already).
    package var directOutput = false
    /// Creates the output and rejects files new, never through a link (see ``OutputFile``): for callers writing
    /// into a directory others can write to, like the daemon's outbox.
    package var exclusiveOutputs = false
    /// Rows whose confidence is below this are counted as low-confidence in the file's ``ScoreTally`` (the daemon's
    /// `low_confidence_threshold`). Counting only: the output is the same for any value.
    package var lowConfidenceThreshold = Self.defaultLowConfidenceThreshold
    /// Counts every scored row's raw and derived values into the model's drift bins and compares the file with the
    /// training data (``ScoreSummary/drift``): the daemon always, `segmentd score` with `--drift`. Counting only: the
    /// output is the same either way.
    package var countsDrift = false
    /// Keeps a random sample of the scored rows' parsed values for the daemon's reservoir (``ScoreSummary/sample``);
    /// nil keeps none. Sampling only: the output is the same either way.
    package var sampleCapture: SampleCapture?

    /// The default of ``lowConfidenceThreshold`` (and of the daemon's `low_confidence_threshold`).
    package static let defaultLowConfidenceThreshold = 0.5

    package init(
        chunkBytes: Int = 4 << 20, piecesPerChunk: Int = 16, maxRecordBytes: Int = 16 << 20,
        progressIntervalBytes: Int = 16 << 20
    ) {
        self.chunkBytes = chunkBytes
        self.piecesPerChunk = piecesPerChunk
        self.maxRecordBytes = maxRecordBytes
        self.progressIntervalBytes = progressIntervalBytes
    }

    /// Throws if an option is out of range.
    func validate(path: String) throws(RecordError) {
        guard chunkBytes >= 1, piecesPerChunk >= 1, piecesPerChunk <= 4096, maxRecordBytes >= 1,
            progressIntervalBytes >= 1
        else {
            throw RecordError(
                .invalidArgument, path: path,
                "Invalid streaming options (chunk \(chunkBytes) bytes, \(piecesPerChunk) pieces, "
                    + "record limit \(maxRecordBytes) bytes, progress every \(progressIntervalBytes) "
                    + "bytes). All must be positive and pieces at most 4096.")
        }
    }
}

/// How far a streaming job has come; passed to the progress callback.
package struct ScoreProgress: Sendable {
    /// Input bytes consumed so far.
    package var bytesRead: Int
    /// Size of the input file in bytes (0 if unknown).
    package var totalBytes: Int
    /// Records read so far (blank lines and the header excluded).
    package var rowsRead: Int
    /// Records rejected so far.
    package var rowsRejected: Int
    /// Seconds since the job started.
    package var seconds: Double

    /// Share of the input consumed, in [0, 1] (0 when the size is unknown).
    package var fraction: Double {
        totalBytes > 0 ? min(1, Double(bytesRead) / Double(totalBytes)) : 0
    }
}

/// What a finished scoring job did.
package struct ScoreSummary: Sendable, Equatable {
    /// Records read (blank lines and the header excluded).
    package var rowsRead: Int
    /// Records scored and written to the output.
    package var rowsScored: Int
    /// Records written to the rejects file.
    package var rowsRejected: Int
    /// Size of the input in bytes.
    package var bytesRead: Int
    /// Wall-clock duration of the job.
    package var seconds: Double
    /// Per input column, the missing values filled with the training median in the rows the model scored (a row a
    /// plugin failed afterwards included); only columns with at least one.
    package var imputed: [String: Int] = [:]
    /// Rows per segment and per confidence bin, and the low-confidence rows, of the rows the model scored (a row a
    /// plugin failed afterwards included), for the metrics.
    package var tally = ScoreTally(segments: 0)
    /// With ``ScoreOptions/countsDrift``, how the scored rows compare with the model's training data; nil without
    /// it, for a model without a drift reference, or when no row was scored.
    package var drift: DriftReport?
    /// With ``ScoreOptions/sampleCapture``, the rows kept for the reservoir (a row a plugin failed afterwards
    /// included, as in ``tally``); nil without it.
    package var sample: CapturedSample?
    /// With a challenger (shadow or A/B), what it did; nil without one.
    package var challenger: ChallengerSummary?

    /// Records read per second of wall-clock time.
    package var rowsPerSecond: Double { seconds > 0 ? Double(rowsRead) / seconds : 0 }
}
