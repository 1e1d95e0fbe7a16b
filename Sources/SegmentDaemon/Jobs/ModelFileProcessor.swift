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

    /// Loads and verifies the configuration's model; no plugins. Throws with a message naming the file.
    public init(configuration: DaemonConfiguration) throws {
        let model = try ModelFile.load(path: configuration.model)
        scorer = try SegmentScorer(model: model)
        modelVersion = model.modelVersion
        plugins = .empty
    }

    /// Loads the model, then reads `plugins_dir` and builds the enabled plugins among `availablePlugins`.
    /// - Throws: the model's error, or `PluginSetError` listing every plugin problem.
    public init(configuration: DaemonConfiguration, availablePlugins: [any ActionPlugin.Type], logger: Logger) throws {
        let model = try ModelFile.load(path: configuration.model)
        scorer = try SegmentScorer(model: model)
        modelVersion = model.modelVersion
        plugins = try PluginSet.load(
            directory: configuration.pluginsDirectory, available: availablePlugins,
            context: Self.pluginContext(configuration: configuration, segmentNames: scorer.segmentNames, logger: logger))
    }

    /// What the plugins are told when they are built: the state directory, the working directory, the model's
    /// segment names, and a log that goes to `logger` with the plugin's lines.
    public static func pluginContext(configuration: DaemonConfiguration, segmentNames: [String], logger: Logger) -> PluginContext {
        PluginContext(stateDirectory: configuration.stateDirectory,
                      baseDirectory: FileManager.default.currentDirectoryPath, segmentNames: segmentNames,
                      log: { level, message in
                          let mapped: Logger.Level = switch level {
                          case .debug: .debug
                          case .info: .info
                          case .warning: .warning
                          case .error: .error
                          }
                          logger.log(level: mapped, "plugin: \(message)")
                      })
    }

    public var pluginFingerprint: String? { plugins.fingerprint }

    public func process(input: String, output: String, rejects: String) throws -> ProcessedCounts {
        try FileScorer.score(
            input: input, output: output, rejects: rejects, scorer: scorer, options: ScoreOptions(), progress: nil
        ).counts
    }

    /// Scores one file through `plugins` (built from this processor's set).
    func score(input: String, output: String, rejects: String, plugins: PluginScoring) throws -> ScoreSummary {
        try FileScorer.score(input: input, output: output, rejects: rejects, scorer: scorer, options: ScoreOptions(),
                             progress: nil, plugins: plugins)
    }

    /// Only plugins need the digest before scoring (the migration monitor keys its history by it); without them
    /// the input is hashed while it is read for scoring.
    public var needsDigestBeforeProcessing: Bool { !plugins.members.isEmpty }

    public func process(_ request: ProcessingRequest) throws -> ProcessingResult {
        guard !plugins.members.isEmpty else {
            let digest = ContentDigest.Accumulator()
            let summary = try FileScorer.score(input: request.input, output: request.output, rejects: request.rejects,
                                               scorer: scorer, options: ScoreOptions(), progress: nil,
                                               observer: { digest.update($0) })
            return ProcessingResult(counts: summary.counts, inputDigest: digest.finish())
        }
        let sha256 = try request.sha256 ?? ContentDigest(path: request.input).sha256
        let file = PluginFile(name: request.inputName, sha256: sha256, modelVersion: modelVersion, isTrial: false)
        let artifacts = ArtifactFileWriter(path: request.artifactPath)
        let summary = try score(input: request.input, output: request.output, rejects: request.rejects,
                                plugins: PluginScoring(plugins: plugins.scoringPlugins, file: file, artifacts: artifacts))
        let written = try artifacts.close()
        return ProcessingResult(counts: summary.counts, plugins: plugins.records(for: summary.plugins), artifacts: written)
    }
}

extension ScoreSummary {
    /// The row counts a manifest records.
    var counts: ProcessedCounts {
        ProcessedCounts(rowsRead: rowsRead, rowsScored: rowsScored, rowsRejected: rowsRejected)
    }
}
