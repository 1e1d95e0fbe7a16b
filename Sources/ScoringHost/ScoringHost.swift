import Foundation
package import Logging
package import SegmentCore
import SegmentIO
package import SegmentPlugin
import SegmentSupport

/// Where the host finds what it loads: the configured model, pipeline, segments and `plugins_dir`, the directory
/// the plugins keep their state under and the base directory relative paths in plugin settings resolve against.
/// The CLI fills it from the daemon's configuration, with absolute paths.
package struct HostSettings: Sendable {
    /// The configured model: a path, or a registry reference such as `registry:champion` (``ModelSource``).
    package var model: String
    /// The pipeline spec; nil means the built-in pipeline (the default location holds no file).
    package var pipeline: String?
    /// The segment archetypes; nil means the built-in ones.
    package var segments: String?
    package var pluginsDirectory: String
    /// True when the configuration names `plugins_dir` itself: then a missing directory is an error, not "no
    /// plugins".
    package var pluginsDirectoryRequired: Bool
    package var stateDirectory: String
    /// The configuration's base directory (`base_dir`), given to plugins as ``PluginContext/baseDirectory``.
    package var baseDirectory: String
    /// Rows scored below this confidence count in `segmentd_low_confidence_rows_total` (`low_confidence_threshold`).
    package var lowConfidenceThreshold: Double
    /// The `[challenger]` table: shadow or A/B scoring with the registry's `challenger` alias (file door only).
    package var challenger = ChallengerSettings()

    package init(
        model: String, pipeline: String?, segments: String? = nil, pluginsDirectory: String,
        pluginsDirectoryRequired: Bool = false, stateDirectory: String,
        baseDirectory: String = FileManager.default.currentDirectoryPath,
        lowConfidenceThreshold: Double = 0.5
    ) {
        self.lowConfidenceThreshold = lowConfidenceThreshold
        self.model = model
        self.pipeline = pipeline
        self.segments = segments
        self.pluginsDirectory = pluginsDirectory
        self.pluginsDirectoryRequired = pluginsDirectoryRequired
        self.stateDirectory = stateDirectory
        self.baseDirectory = baseDirectory
    }

    /// The configured model, resolved against the base directory (its registry is `<base>/var/models`).
    package var modelSource: ModelSource { ModelSource(model, baseDirectory: baseDirectory) }
}

/// The scoring host: the model, its scorer and the enabled plugins, loaded once per (re)load, and the two doors
/// through which rows are scored and passed through the plugins: a file stream (`score(file:)`, the daemon's and
/// the trial's) and rows held in memory (`score(rows:)`). Both run the same `PluginRun` and `PluginStage`.
package struct ScoringHost: Sendable {
    package let modelVersion: String
    /// The model's `created_at` (ISO 8601); nil for a scorer without a model file (tests).
    package let modelCreatedAt: String?
    /// The loaded model (`GET /v1/model` describes it); nil for a scorer without a model file (tests).
    package let model: SegmentModel?
    /// Where the model came from; a registry alias is followed (``modelSourceTarget()``). Nil in tests.
    package let modelSource: ModelSource?
    /// The first version of the model's lineage (``ModelRegistry/lineageRoot(version:parent:)``), told to the
    /// plugins with every file: the migration monitor compares segments only within one lineage.
    package let modelLineage: String
    /// The plugins this host runs (decoded and built once, when the host is built; `forHTTP(allowing:)` keeps
    /// those that may run over HTTP).
    package internal(set) var plugins: PluginSet
    /// `plugins_dir`, named in errors that send the operator to a plugin's settings.
    package let pluginsDirectory: String
    /// The output schema of the model and the enabled plugins: `segmentd schema` prints it, and the daemon writes
    /// it into every manifest and compares it across reloads.
    package internal(set) var outputSchema: OutputSchema
    /// What the business does with each segment (name, description, strategy, priority), indexed by segment id:
    /// the fields of an HTTP scoring result.
    package let segments: [SegmentDetail]
    let scorer: any RowScorer
    /// Distinguishes this load from the next (a reload builds a new host); copies share it.
    package let identity = HostIdentity()
    /// The settings' ``HostSettings/lowConfidenceThreshold``: counted per file for the metrics.
    var lowConfidenceThreshold = ScoreOptions.defaultLowConfidenceThreshold
    /// Follows the registry's challenger for the file door; nil in mode `off` (the alias is never read).
    let challengerSlot: ChallengerSlot?

    /// Loads and verifies the configured model; no plugins. Throws with a message naming the file, or when the
    /// model was trained for another pipeline than the configured one (``ModelFit``, the foreign-model check).
    package init(settings: HostSettings) throws {
        let model = try Self.loadFittingModel(settings, logger: nil)
        scorer = try SegmentScorer(model: model)
        modelVersion = model.modelVersion
        modelCreatedAt = model.createdAt
        self.model = model
        modelSource = settings.modelSource
        modelLineage = settings.modelSource.registry.lineageRoot(version: model.modelVersion, parent: model.parent)
        segments = SegmentDetail.of(model)
        plugins = .empty
        pluginsDirectory = settings.pluginsDirectory
        outputSchema = Self.schema(scorer: scorer, plugins: plugins)
        lowConfidenceThreshold = settings.lowConfidenceThreshold
        challengerSlot = Self.challengerSlot(settings, logger: nil)
    }

    /// Loads the model, then reads `plugins_dir` and builds the enabled plugins among `availablePlugins`.
    /// - Throws: the model's error, or `PluginSetError` listing every plugin problem.
    package init(settings: HostSettings, availablePlugins: [any ActionPlugin.Type], logger: Logger) throws {
        let model = try Self.loadFittingModel(settings, logger: logger)
        let scorer = try SegmentScorer(model: model)
        self.scorer = scorer
        modelVersion = model.modelVersion
        modelCreatedAt = model.createdAt
        self.model = model
        modelSource = settings.modelSource
        modelLineage = settings.modelSource.registry.lineageRoot(version: model.modelVersion, parent: model.parent)
        segments = SegmentDetail.of(model)
        pluginsDirectory = settings.pluginsDirectory
        plugins = try PluginSet.load(
            directory: settings.pluginsDirectory, available: availablePlugins,
            context: { name in
                Self.pluginContext(settings: settings, segmentNames: scorer.segmentNames, logger: logger, plugin: name)
            },
            required: settings.pluginsDirectoryRequired)
        outputSchema = Self.schema(scorer: scorer, plugins: plugins)
        lowConfidenceThreshold = settings.lowConfidenceThreshold
        challengerSlot = Self.challengerSlot(settings, logger: logger)
    }

    /// The challenger follower of `settings`; nil in mode `off`.
    private static func challengerSlot(_ settings: HostSettings, logger: Logger?) -> ChallengerSlot? {
        guard settings.challenger.mode != .off else { return nil }
        return ChallengerSlot(settings: settings.challenger, registry: settings.modelSource.registry, logger: logger)
    }

    /// A host around a given scorer and plugin set (tests use a scorer without a model file).
    init(scorer: any RowScorer, plugins: PluginSet, pluginsDirectory: String = "etc/plugins.d") {
        self.scorer = scorer
        self.plugins = plugins
        self.pluginsDirectory = pluginsDirectory
        modelVersion = scorer.modelVersion
        modelCreatedAt = nil
        model = nil
        modelSource = nil
        modelLineage = scorer.modelVersion
        segments = scorer.segmentNames.map { SegmentDetail(name: $0) }
        outputSchema = Self.schema(scorer: scorer, plugins: plugins)
        challengerSlot = nil
    }

    /// The one computation of the output schema: the model's columns, the core columns and each enabled plugin's.
    static func schema(scorer: any RowScorer, plugins: PluginSet) -> OutputSchema {
        OutputSchema(
            idColumn: scorer.idColumn, inputColumns: scorer.inputColumns,
            plugins: plugins.members.map { (name: $0.configuration.name, columns: $0.plugin.outputSchema) })
    }

    /// Loads the configured model and refuses one whose id column or input columns are not the configured
    /// pipeline's, so a reload keeps the running model instead of failing every later file. Other differences only
    /// need a retrain (an edited pipeline or segments file): they are logged as a warning saying "retrain to apply".
    private static func loadFittingModel(_ settings: HostSettings, logger: Logger?) throws -> SegmentModel {
        let source = settings.modelSource
        let model = try source.load()
        let warnings = try ModelFit.retrainWarnings(
            model, modelPath: source.description, pipelinePath: settings.pipeline, segmentsPath: settings.segments)
        for warning in warnings {
            logger?.warning("\(warning)")
        }
        return model
    }

    /// What the plugins are told when they are built: the state directory, the base directory, the model's
    /// segment names, and a log that goes to `logger` with the plugin's lines, each carrying a `plugin` field with
    /// `plugin`'s name (so an operator can select one plugin's messages).
    package static func pluginContext(
        settings: HostSettings, segmentNames: [String], logger: Logger, plugin: String? = nil
    ) -> PluginContext {
        let metadata: Logger.Metadata? = plugin.map { ["plugin": .string($0)] }
        return PluginContext(
            stateDirectory: settings.stateDirectory,
            baseDirectory: settings.baseDirectory, segmentNames: segmentNames,
            log: { level, message in
                let mapped: Logger.Level =
                    switch level {
                    case .debug: .debug
                    case .info: .info
                    case .warning: .warning
                    case .error: .error
                    }
                logger.log(level: mapped, "plugin: \(message)", metadata: metadata)
            })
    }

    /// The version the model source names now when an alias can move it (`registry:champion`), else nil; while it
    /// differs from ``modelVersion`` the daemon and the server load the model again.
    package func modelSourceTarget() throws -> String? { try modelSource?.currentTarget() }

    /// What the plugins are told about an input scored by this host.
    func pluginFile(name: String, sha256: String?, isTrial: Bool) -> PluginFile {
        PluginFile(
            name: name, sha256: sha256, modelVersion: modelVersion, modelLineage: modelLineage, isTrial: isTrial)
    }

    /// A digest of the enabled plugins and their settings; nil when none is enabled.
    package var pluginFingerprint: String? { plugins.fingerprint }

    /// The model's segment names by id (the `segment` label of `segmentd_segment_rows_total`).
    package var segmentNames: [String] { scorer.segmentNames }

    /// The model's raw input columns, in the order it reads them (the reservoir's columns).
    package var inputColumns: [String] { scorer.inputColumns }

    /// Scores one file with this host's scorer: the model's own (`SegmentScorer`) through the scoring loop
    /// specialised for it, any other (tests) through the generic one.
    func scoreFile(
        input: String, output: String, rejects: String, options: ScoreOptions, stage: PluginStage?,
        outputFormat: RecordFormat? = nil, observer: InputObserver? = nil, challenger: Challenger? = nil
    ) throws(RecordError) -> ScoreSummary {
        if let model = scorer as? SegmentScorer {
            return try FileScorer.score(
                input: input, output: output, rejects: rejects, scorer: model, options: options, progress: nil,
                stage: stage, outputFormat: outputFormat, observer: observer, challenger: challenger)
        }
        return try FileScorer.score(
            input: input, output: output, rejects: rejects, scorer: scorer, options: options, progress: nil,
            stage: stage, outputFormat: outputFormat, observer: observer, challenger: challenger)
    }

    /// The stage of the enabled plugins for one input read from `path` in `format`, as the sessions see `file`.
    func stage(file: PluginFile, format: RecordFormat, path: String) -> PluginStage {
        PluginStage(
            plugins: plugins.scoringPlugins, file: file, format: format, segmentNames: scorer.segmentNames,
            inputColumns: scorer.inputColumns, path: path, pluginsDirectory: pluginsDirectory)
    }
}
