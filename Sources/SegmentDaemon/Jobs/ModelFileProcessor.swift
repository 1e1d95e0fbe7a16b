import Foundation
public import Logging
import SegmentCore
import SegmentIO
public import SegmentPlugin

/// The daemon's real processor: scores each file with the model the configuration names, through `FileScorer`,
/// and passes the rows through the enabled plugins of `plugins_dir`.
public struct ModelFileProcessor: FileProcessor {
    public let modelVersion: String
    /// The plugins this processor runs (decoded and built once, when the processor is built).
    public let plugins: PluginSet
    private let scorer: SegmentScorer

    /// Loads and verifies the configuration's model; no plugins. Throws with a message naming the file, or when the
    /// model was trained for another pipeline than the configured one (``ModelFit``).
    public init(configuration: DaemonConfiguration) throws {
        let model = try Self.loadFittingModel(configuration, logger: nil)
        scorer = try SegmentScorer(model: model)
        modelVersion = model.modelVersion
        plugins = .empty
    }

    /// Loads the model, then reads `plugins_dir` and builds the enabled plugins among `availablePlugins`.
    /// - Throws: the model's error, or `PluginSetError` listing every plugin problem.
    public init(configuration: DaemonConfiguration, availablePlugins: [any ActionPlugin.Type], logger: Logger) throws {
        let model = try Self.loadFittingModel(configuration, logger: logger)
        scorer = try SegmentScorer(model: model)
        modelVersion = model.modelVersion
        plugins = try PluginSet.load(
            directory: configuration.pluginsDirectory, available: availablePlugins,
            context: Self.pluginContext(configuration: configuration, segmentNames: scorer.segmentNames, logger: logger)
        )
    }

    /// Loads the configured model and refuses one whose id column or input columns are not the configured
    /// pipeline's, so a reload keeps the running model instead of failing every later file. Other differences only
    /// need a retrain: they are logged as a warning.
    private static func loadFittingModel(_ configuration: DaemonConfiguration, logger: Logger?) throws -> SegmentModel {
        let model = try ModelFile.load(path: configuration.model)
        let later = try ModelFit.requireCompatible(
            model, modelPath: configuration.model, pipelinePath: configuration.pipeline)
        if let warning = ModelFit.retrainWarning(
            later, modelPath: configuration.model, pipelinePath: configuration.pipeline)
        {
            logger?.warning("\(warning)")
        }
        return model
    }

    /// What the plugins are told when they are built: the state directory, the working directory, the model's
    /// segment names, and a log that goes to `logger` with the plugin's lines.
    public static func pluginContext(configuration: DaemonConfiguration, segmentNames: [String], logger: Logger)
        -> PluginContext
    {
        PluginContext(
            stateDirectory: configuration.stateDirectory,
            baseDirectory: FileManager.default.currentDirectoryPath, segmentNames: segmentNames,
            log: { level, message in
                let mapped: Logger.Level =
                    switch level {
                    case .debug: .debug
                    case .info: .info
                    case .warning: .warning
                    case .error: .error
                    }
                logger.log(level: mapped, "plugin: \(message)")
            })
    }

    public var pluginFingerprint: String? { plugins.fingerprint }

    /// How the daemon streams a file: 2 MiB chunks instead of `score`'s 4 MiB, and the scored output durable
    /// (written with `O_DIRECT` where possible and flushed before the scorer returns, so it is published as it is).
    /// The daemon scores several files at once (`workers`), each holding two chunks and their output buffers, so
    /// halving the chunk keeps its peak memory well under 64 MB with two large files in flight; the output is the
    /// same for any chunk size. The output is flushed to disk before it is published anyway, so it goes there
    /// directly from reused buffers instead of through new page-cache pages that are written back afterwards: on this
    /// project's VM that copy cost up to 0.5 s of kernel CPU per 150 MB output.
    static let scoreOptions: ScoreOptions = {
        var options = ScoreOptions(chunkBytes: 2 << 20)
        options.durableOutput = true
        // The outbox is shared with consumers: never write through a link planted at a temporary's name.
        options.exclusiveOutputs = true
        return options
    }()

    public func process(input: String, output: String, rejects: String) throws -> ProcessedCounts {
        try score(input: input, output: output, rejects: rejects, plugins: nil).counts
    }

    /// Scores one file, through `plugins` (built from this processor's set) when given; `observer` sees the input's
    /// bytes as they are read.
    func score(
        input: String, output: String, rejects: String, plugins: PluginScoring?,
        format: ScoredFormat? = nil, observer: InputObserver? = nil
    ) throws -> ScoreSummary {
        let outputFormat: RecordFormat? = format.map { $0 == .csv ? RecordFormat.csv : RecordFormat.jsonl }
        return try FileScorer.score(
            input: input, output: output, rejects: rejects, scorer: scorer, options: Self.scoreOptions,
            progress: nil, plugins: plugins, outputFormat: outputFormat, observer: observer)
    }

    /// The input is hashed while it is read for scoring, so the daemon need not read it first.
    public var needsDigestBeforeProcessing: Bool { false }

    /// Scores the request's input, through the plugins when any is enabled.
    ///
    /// Without `request.sha256` the input is hashed while it is scored and the plugins learn the digest after the
    /// last row. A plugin that needed it from the start (the migration monitor, for content it processed before)
    /// then refuses to finish; the file is scored once more, with the digest known from the first row, and nothing
    /// of the first pass is kept (the outputs are written again from the start). Once the digest is known, and
    /// before any plugin finishes, it goes to `request.claimContent`; a throw there stops the file and is rethrown
    /// (wrapped by the scorer as `RecordError.Code.stoppedByCaller`).
    public func process(_ request: ProcessingRequest) throws -> ProcessingResult {
        let digest = request.sha256 == nil ? ContentDigest.Accumulator() : nil
        do {
            return try process(request, sha256: request.sha256, digest: digest)
        } catch let error as RecordError where error.code == .digestNeededFirst {
            guard let known = digest?.finish() else { throw error }
            var result = try process(request, sha256: known.sha256, digest: nil)
            result.inputDigest = known
            return result
        }
    }

    /// One pass over the input: `sha256` is what the plugins are told up front; `digest`, when given, hashes the
    /// input as it is read and goes into the result.
    private func process(
        _ request: ProcessingRequest, sha256: String?,
        digest: ContentDigest.Accumulator?
    ) throws -> ProcessingResult {
        var observer: InputObserver?
        var digestAfterReading: (() throws -> String)?
        if let digest {
            observer = { bytes in digest.update(bytes) }
            let claimContent = request.claimContent
            // The content is claimed before the plugins finish, so a copy that loses commits no plugin state.
            digestAfterReading = {
                let known = digest.finish()
                try claimContent?(known)
                return known.sha256
            }
        }
        guard !plugins.members.isEmpty else {
            let summary = try score(
                input: request.input, output: request.output, rejects: request.rejects,
                plugins: nil, format: request.format, observer: observer)
            return ProcessingResult(
                counts: summary.counts, inputDigest: digest?.finish(),
                outputIsSynced: Self.scoreOptions.durableOutput)
        }
        let file = PluginFile(name: request.inputName, sha256: sha256, modelVersion: modelVersion, isTrial: false)
        let artifacts = ArtifactFileWriter(path: request.artifactPath)
        let scoring = PluginScoring(
            plugins: plugins.scoringPlugins, file: file, artifacts: artifacts,
            digestAfterReading: digestAfterReading)
        let summary = try score(
            input: request.input, output: request.output, rejects: request.rejects,
            plugins: scoring, format: request.format, observer: observer)
        let written = try artifacts.close()
        return ProcessingResult(
            counts: summary.counts, plugins: plugins.records(for: summary.plugins),
            artifacts: written, inputDigest: digest?.finish(), outputIsSynced: Self.scoreOptions.durableOutput)
    }
}

extension ScoreSummary {
    /// The row counts a manifest records.
    var counts: ProcessedCounts {
        ProcessedCounts(rowsRead: rowsRead, rowsScored: rowsScored, rowsRejected: rowsRejected)
    }
}
