package import SegmentCore
package import SegmentIO
import SegmentPlugin
package import SegmentSupport

/// One input for the host's file door: where to read and write, and what the plugins are told about it.
package struct FileScoringRequest: Sendable {
    /// The input to score; its extension says the format.
    package var input: String
    /// The scored output, in the input's format.
    package var output: String
    /// The output's format, given explicitly (the daemon writes to hidden temporaries whose names say nothing); it
    /// must be the input's.
    package var format: RecordFormat
    /// The rejects file.
    package var rejects: String
    /// The input's name as the plugins are told it.
    package var inputName: String
    /// The input's digest when the caller hashed it first; nil lets the host hash it while reading it.
    package var digest: FileSHA256.Digest?
    /// Where the plugins' artifact `suffix` is written.
    package var artifactPath: @Sendable (_ suffix: String) -> String
    /// Called with the digest learnt while reading, once the whole input is read and before any plugin finishes;
    /// a throw stops the file (nothing is committed) and is rethrown wrapped as `RecordError.Code.stoppedByCaller`.
    package var claimContent: (@Sendable (FileSHA256.Digest) throws -> Void)?
    /// Counts above this limit mean the caller will not publish the file: the plugins' sessions are cancelled
    /// instead of finished, so they commit no state and write no artifact. Nil: always finished.
    package var rejectLimit: RejectLimit?
    /// What to keep of the scored rows for the daemon's reservoir (``ReservoirStore``); nil keeps nothing.
    package var sampleCapture: SampleCapture?

    package init(
        input: String, output: String, format: RecordFormat, rejects: String, inputName: String,
        digest: FileSHA256.Digest?, artifactPath: @escaping @Sendable (String) -> String,
        claimContent: (@Sendable (FileSHA256.Digest) throws -> Void)? = nil, rejectLimit: RejectLimit? = nil
    ) {
        self.input = input
        self.output = output
        self.format = format
        self.rejects = rejects
        self.inputName = inputName
        self.digest = digest
        self.artifactPath = artifactPath
        self.claimContent = claimContent
        self.rejectLimit = rejectLimit
    }
}

/// What the file door produced besides the scored and rejects files.
package struct FileScoringResult: Sendable {
    package var rowsRead: Int
    package var rowsScored: Int
    package var rowsRejected: Int
    /// What each plugin did, in the order they ran, with its settings' digest.
    package var plugins: [PluginOutcome]
    /// Suffixes of the artifacts written (at `FileScoringRequest.artifactPath`), sorted.
    package var artifacts: [String]
    /// The input's SHA-256 and size: the caller's, or the one computed while reading.
    package var inputDigest: FileSHA256.Digest
    /// True when the scored output was flushed to stable storage before the door returned (see `fileOptions`): the
    /// caller renames it into place without opening it again.
    package var outputIsSynced: Bool
    /// Per input column, the missing values filled with the training median; only columns with at least one.
    package var imputed: [String: Int] = [:]
    /// Rows per segment and confidence bin, for the metrics (``ScoringMetrics``).
    package var tally: ScoreTally
    /// How the rows compare with the model's training data (the manifest's `drift`); nil for a model without a
    /// drift reference or when no row was scored.
    package var drift: DriftReport?
    /// With ``FileScoringRequest/sampleCapture``, the rows kept for the reservoir (in ``ScoringHost/inputColumns``
    /// order); nil without it.
    package var sample: CapturedSample?
    /// With `[challenger] mode` shadow or ab: the manifest's `shadow` or `ab` section; nil in mode off.
    package var challenger: ChallengerReport?
}

extension ScoringHost {
    /// How the daemon streams a file: 2 MiB chunks instead of `score`'s 4 MiB, and the scored output durable
    /// (written with `O_DIRECT` where possible and flushed before the scorer returns, so it is published as it is).
    /// The daemon scores several files at once (`workers`), each holding two chunks and their output buffers, so
    /// halving the chunk keeps its peak memory well under 64 MB with two large files in flight; the output is the
    /// same for any chunk size. The output is flushed to disk before it is published anyway, so it goes there
    /// directly from reused buffers instead of through new page-cache pages that are written back afterwards: on this
    /// project's VM that copy cost up to 0.5 s of kernel CPU per 150 MB output.
    static let fileOptions: ScoreOptions = {
        var options = ScoreOptions(chunkBytes: 2 << 20)
        options.durableOutput = true
        // The outbox is shared with consumers: never write through a link planted at a temporary's name.
        options.exclusiveOutputs = true
        return options
    }()

    /// The file door: scores the request's input, through the plugins when any is enabled.
    ///
    /// Without `request.digest` the input is hashed while it is scored and the plugins learn the digest after the
    /// last row (`PluginRun`): a plugin that needed it from the start (the migration monitor, for content it
    /// processed before) answers so, and the file is scored once more with the digest known from the first row;
    /// nothing of the first pass is kept. Once the digest is known, and before any plugin finishes, it goes to
    /// `request.claimContent`.
    package func score(file request: FileScoringRequest) throws -> FileScoringResult {
        let hashing = request.digest == nil ? InputDigest() : nil
        var observer: InputObserver?
        if let hashing { observer = { bytes in hashing.update(bytes) } }
        let claimContent = request.claimContent
        var options = Self.fileOptions
        options.lowConfidenceThreshold = lowConfidenceThreshold
        options.countsDrift = true
        options.sampleCapture = request.sampleCapture
        // The challenger is chosen once per file, before the first pass: a second pass (for the digest) uses it too.
        let experiment = challengerSlot?.current(champion: scorer)
        let run = PluginRun(
            plugins: plugins.scoringPlugins,
            file: pluginFile(name: request.inputName, sha256: request.digest?.sha256, isTrial: false),
            path: request.input)
        let rejectLimit = request.rejectLimit
        let outcome = try run.run(
            stage: { file in stage(file: file, format: request.format, path: request.input) },
            artifacts: { ArtifactFileWriter(path: request.artifactPath) },
            digestAfterReading: {
                let known = (hashing ?? InputDigest()).finish()
                try claimContent?(known)
                return known.sha256
            },
            pass: { stage, isFirst in
                try scoreFile(
                    input: request.input, output: request.output, rejects: request.rejects,
                    options: options, stage: stage, outputFormat: request.format,
                    observer: isFirst ? observer : nil, challenger: experiment?.challenger)
            },
            publishes: { summary in
                !(rejectLimit?.isExceeded(
                    read: summary.rowsRead, scored: summary.rowsScored, rejected: summary.rowsRejected) ?? false)
            })
        let written = try outcome.artifacts?.close() ?? []
        let summary = outcome.summary
        var report = experiment?.report
        report?.summary = summary.challenger
        return FileScoringResult(
            rowsRead: summary.rowsRead, rowsScored: summary.rowsScored, rowsRejected: summary.rowsRejected,
            plugins: plugins.outcomes(for: outcome.plugins), artifacts: written,
            inputDigest: request.digest ?? (hashing ?? InputDigest()).finish(),
            outputIsSynced: Self.fileOptions.durableOutput, imputed: summary.imputed, tally: summary.tally,
            drift: summary.drift, sample: summary.sample, challenger: report)
    }

    /// The input's format for the plugins' stage; an unknown one is reported by the scorer, before the stage opens.
    static func format(of path: String) -> RecordFormat {
        (try? RecordFormat(path: path)) ?? .csv
    }
}
