package import SegmentSupport
/// Row counts of one processed file.
package struct ProcessedCounts: Sendable, Equatable, Codable {
    /// Data rows read from the input (header not counted).
    package var rowsRead: Int
    /// Rows written to the scored output.
    package var rowsScored: Int
    /// Rows written to the rejects file.
    package var rowsRejected: Int

    /// Makes counts.
    package init(rowsRead: Int, rowsScored: Int, rowsRejected: Int) {
        self.rowsRead = rowsRead
        self.rowsScored = rowsScored
        self.rowsRejected = rowsRejected
    }

    enum CodingKeys: String, CodingKey {
        case rowsRead = "read"
        case rowsScored = "scored"
        case rowsRejected = "rejected"
    }
}

/// What the daemon runs on each complete input file. The CLI adapts the real scorer to it; tests use fakes.
///
/// The daemon calls `process` from several threads at once, one file per call, so an implementation keeps no
/// mutable state. It must be deterministic: the same input must give byte-identical outputs, because after a crash
/// the daemon processes the file again from scratch.
package protocol FileProcessor: Sendable {
    /// Scores `input` into `output` and `rejects` (both paths the daemon chooses; their extension says the format:
    /// `.csv` or `.jsonl`); returns the counts. (``process(_:)`` is told the format in the request.) Throws for
    /// whole-file failures; a thrown error's description is shown to people in the `.error.json` beside the failed
    /// file, so it should say what is wrong and how to fix it.
    func process(input: String, output: String, rejects: String) throws -> ProcessedCounts

    /// Scores one file as the daemon asks for it, with what plugins need to know about the input, and says what
    /// the plugins did, which artifacts they wrote and the input's digest. The default calls
    /// `process(input:output:rejects:)` and hashes the input unless the request carries its digest.
    ///
    /// Throw a ``ProcessingFailure`` to say whether the input or the environment is at fault; any other error
    /// fails the input.
    func process(_ request: ProcessingRequest) throws -> ProcessingResult

    /// Version of the model the processor scores with; it is written into every manifest.
    var modelVersion: String { get }

    /// A digest of the enabled plugins and their settings, hashed into the manifests' `config_sha256`;
    /// nil (the default) when no plugin is enabled.
    var pluginFingerprint: String? { get }

    /// The output schema every file scored by this processor gets (the configuration's: model and plugins); nil (the
    /// default) when the processor does not know it. The reloader compares it across reloads to log the columns
    /// that appeared or disappeared.
    var outputSchema: OutputSchemaRecord? { get }

    /// Whether `process(_:)` must be given the input's SHA-256 (true, the default), or may be called without it
    /// and then returns the digest it computed while reading the input, sparing the daemon a pass over the file.
    var needsDigestBeforeProcessing: Bool { get }

    /// The enabled plugins in the order they run, named by the start-up line and compared by a reload; empty (the
    /// default) without plugins.
    var enabledPlugins: [EnabledPlugin] { get }

    /// When the model was trained (its `created_at`, ISO 8601), for the model's age in the start-up line; nil (the
    /// default) when not known.
    var modelCreatedAt: String? { get }

    /// The model version the processor's model source names now, read cheaply (the registry's alias file), or nil
    /// (the default) when the source is a pinned file that only a reload changes. While it differs from
    /// ``modelVersion`` the daemon loads the model again (``ModelFollowService``): a promotion takes effect without
    /// a restart. Throws when the source cannot be read (a damaged alias file): the daemon keeps its model and
    /// says so.
    func modelSourceTarget() throws -> String?
}

extension FileProcessor {
    package func process(_ request: ProcessingRequest) throws -> ProcessingResult {
        let counts = try process(input: request.input, output: request.output, rejects: request.rejects)
        return ProcessingResult(counts: counts, inputDigest: try request.digest ?? ContentDigest(path: request.input))
    }

    package var pluginFingerprint: String? { nil }

    package var outputSchema: OutputSchemaRecord? { nil }

    package var needsDigestBeforeProcessing: Bool { true }

    package var enabledPlugins: [EnabledPlugin] { [] }

    package var modelCreatedAt: String? { nil }

    package func modelSourceTarget() throws -> String? { nil }
}

/// The record format of an input and of its scored output, which follows the input's.
package enum ScoredFormat: String, Sendable {
    case csv, jsonl

    /// `.jsonl` and `.ndjson` inputs give JSON Lines output, `.csv` CSV (the inbox takes no other extension,
    /// see ``InboxFilter``).
    init(inputName: String) {
        switch Path.stemAndExtension(inputName).extension?.lowercased() {
        case "jsonl", "ndjson": self = .jsonl
        default: self = .csv
        }
    }
}

/// One file for a ``FileProcessor``: where to read and write, and what the plugins are told about the input.
package struct ProcessingRequest: Sendable {
    /// The input to score.
    package var input: String
    /// The scored output (a hidden temporary; its name does not decide the format).
    package var output: String
    /// The format of `output`: the input's.
    package var format: ScoredFormat
    /// The rejects file.
    package var rejects: String
    /// The input's name as it arrived in the inbox.
    package var inputName: String
    /// SHA-256 (hex) and size of the input's bytes; nil when the daemon leaves hashing to a processor that does not
    /// need the digest before processing (see ``FileProcessor/needsDigestBeforeProcessing``).
    package var digest: ContentDigest?
    /// Where the plugins' artifact `suffix` is written before the daemon publishes it as `<stem>.<suffix>`.
    package var artifactPath: @Sendable (_ suffix: String) -> String
    /// Set by the daemon when `sha256` is nil and duplicates are skipped: a processor that learns the input's digest
    /// while reading calls it with that digest once the whole input is read, before any plugin commits its state or
    /// finishes. It blocks while another copy of the same content is in progress, and throws when that copy (or an
    /// earlier one) was scored: the processor then stops, commits nothing, and rethrows.
    package var claimContent: (@Sendable (ContentDigest) throws -> Void)?
    /// The daemon's `max_reject_share`: a processor with plugins cancels their sessions, rather than finishing
    /// them, when the file's counts exceed it, because the daemon will not publish the file. Nil: no limit.
    package var rejectLimit: RejectLimit?

    /// Describes one file to process.
    package init(
        input: String, output: String, format: ScoredFormat, rejects: String, inputName: String,
        digest: ContentDigest?,
        artifactPath: @escaping @Sendable (String) -> String,
        claimContent: (@Sendable (ContentDigest) throws -> Void)? = nil,
        rejectLimit: RejectLimit? = nil
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

/// What processing one file produced besides the scored and rejects files.
package struct ProcessingResult: Sendable, Equatable {
    /// Row counts.
    package var counts: ProcessedCounts
    /// What each plugin did, in the order they ran; written into the manifest.
    package var plugins: [PluginRecord]
    /// Suffixes of the artifacts written (at `ProcessingRequest.artifactPath`), sorted.
    package var artifacts: [String]
    /// SHA-256 (hex) and size of the input: the request's, or the one the processor computed while reading.
    package var inputDigest: ContentDigest
    /// True when the processor flushed the scored output to stable storage itself (it was written durably, see
    /// `ScoreOptions.durableOutput`): the daemon renames it into place without opening it again.
    package var outputIsSynced: Bool
    /// The schema the scored output was written with; nil when the processor does not know it.
    package var schema: OutputSchemaRecord?
    /// Per input column, how many missing values were filled in (imputed) in the rows the model scored; only
    /// columns with at least one. Nil when the processor does not count them.
    package var imputed: [String: Int]?
    /// What the processor records about the file's rows (segments, confidence) once its manifest is published, so
    /// the metrics count only files that were published as scored; nil records nothing.
    package var metrics: PublicationMetrics?
    /// How the rows compare with the model's training data (the manifest's `drift`); nil when the processor does
    /// not compare them.
    package var drift: DriftRecord?
    /// What the processor records durably about a file published as scored (see ``ScoredCommit``); nil: nothing.
    package var commit: ScoredCommit?
    /// `[challenger] mode = "shadow"`: the manifest's `shadow` section; nil otherwise.
    package var shadow: ShadowRecord?
    /// `[challenger] mode = "ab"`: the manifest's `ab` section; nil otherwise.
    package var ab: ABRecord?

    /// Makes a result.
    package init(
        counts: ProcessedCounts, plugins: [PluginRecord] = [], artifacts: [String] = [], inputDigest: ContentDigest,
        outputIsSynced: Bool = false, schema: OutputSchemaRecord? = nil, imputed: [String: Int]? = nil,
        metrics: PublicationMetrics? = nil, drift: DriftRecord? = nil, commit: ScoredCommit? = nil
    ) {
        self.commit = commit
        self.metrics = metrics
        self.drift = drift
        self.counts = counts
        self.plugins = plugins
        self.artifacts = artifacts
        self.inputDigest = inputDigest
        self.outputIsSynced = outputIsSynced
        self.schema = schema
        self.imputed = imputed
    }
}

/// A processor's whole-file failure as the daemon acts on it: the input is at fault (it goes to the failed directory
/// with this description) or the environment is (an I/O error, a plugin database that cannot be used: the input is
/// kept and retried). The processor knows which; the daemon knows nothing of how the file was scored.
package struct ProcessingFailure: Error, Sendable, CustomStringConvertible {
    /// What the daemon does with the input.
    package enum Disposition: Sendable, Equatable {
        /// The input cannot be processed: it is moved to the failed directory.
        case failInput
        /// The environment is at fault: the input stays in the work directory and is retried.
        case keepInput
        /// The outbox cannot take the outputs (a full disk, an exhausted quota, a read-only outbox): the input stays in
        /// the work directory and intake pauses until the outbox takes writes again.
        case outboxUnavailable
    }

    package var disposition: Disposition
    /// What is wrong and how to fix it; shown in the `.error.json` or the log.
    package var description: String

    /// Makes a failure.
    package init(_ disposition: Disposition, _ description: String) {
        self.disposition = disposition
        self.description = description
    }
}

/// Builds the processor for a configuration: loads the model and pipeline it names.
/// Called at start and on every reload (SIGHUP); a throw keeps the previous processor.
package typealias FileProcessorFactory = @Sendable (DaemonConfiguration) throws -> any FileProcessor
