import Foundation
import CoreMetrics
import Logging
import ScoringHost
import SegmentDaemon
import SegmentIO
import SegmentPlugin
import SegmentSupport

/// The daemon's real processor: the scoring host behind the daemon's `FileProcessor`. This adapter is the one place
/// where the file-lifecycle engine and the scoring host meet; neither imports the other.
struct HostFileProcessor: FileProcessor {
    let host: ScoringHost
    /// Where the flags plugins raise on a file are logged.
    let logger: Logger
    /// The host's output schema, as the daemon writes it into manifests (computed once: it hashes the document).
    let outputSchema: OutputSchemaRecord?

    /// Loads the configured model and builds the enabled plugins of `plugins_dir` among `available`.
    init(configuration: DaemonConfiguration, available: [any ActionPlugin.Type], logger: Logger) throws {
        self.init(
            host: try ScoringHost(settings: HostSettings(configuration), availablePlugins: available, logger: logger),
            logger: logger)
    }

    init(host: ScoringHost, logger: Logger = Logger(label: "segmentd", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.host = host
        self.logger = logger
        outputSchema = Self.record(host.outputSchema)
    }

    var modelVersion: String { host.modelVersion }

    var modelCreatedAt: String? { host.modelCreatedAt }

    func modelSourceTarget() -> String? { host.modelSourceTarget() }

    var enabledPlugins: [EnabledPlugin] {
        host.plugins.members.map { member in
            let file = member.configuration
            return EnabledPlugin(
                name: file.name, version: file.type.descriptor.version, order: file.host.order,
                settingsSHA256: file.settingsSHA256)
        }
    }

    var pluginFingerprint: String? { host.pluginFingerprint }

    /// The input is hashed while it is read for scoring, so the daemon need not read it first.
    var needsDigestBeforeProcessing: Bool { false }

    func process(input: String, output: String, rejects: String) throws -> ProcessedCounts {
        let request = ProcessingRequest(
            input: input, output: output, format: (try? RecordFormat(path: output)) == .jsonl ? .jsonl : .csv,
            rejects: rejects, inputName: input, digest: nil,
            artifactPath: { output + "." + $0 })
        return try process(request).counts
    }

    func process(_ request: ProcessingRequest) throws -> ProcessingResult {
        var claimContent: (@Sendable (FileSHA256.Digest) throws -> Void)?
        if let claim = request.claimContent {
            claimContent = { digest in try claim(ContentDigest(digest)) }
        }
        let scoring = FileScoringRequest(
            input: request.input, output: request.output, format: request.format == .jsonl ? .jsonl : .csv,
            rejects: request.rejects, inputName: request.inputName, digest: request.digest?.value,
            artifactPath: request.artifactPath, claimContent: claimContent, rejectLimit: request.rejectLimit)
        let result: FileScoringResult
        do {
            result = try host.score(file: scoring)
        } catch {
            throw Self.failure(error)
        }
        logFlags(result.plugins, file: request.inputName)
        let tally = result.tally
        let segmentNames = host.segmentNames
        let challenger = result.challenger
        let sections = ChallengerRecords.sections(
            challenger, championVersion: host.modelVersion, championNames: segmentNames, tally: tally)
        var processed = ProcessingResult(
            counts: ProcessedCounts(
                rowsRead: result.rowsRead, rowsScored: result.rowsScored, rowsRejected: result.rowsRejected),
            plugins: result.plugins.map { outcome in
                PluginRecord(
                    name: outcome.name, version: outcome.version, settingsSHA256: outcome.settingsSHA256,
                    flags: outcome.report.flags, metrics: outcome.report.metrics, rowsFailed: outcome.rowsFailed)
            },
            artifacts: result.artifacts, inputDigest: ContentDigest(result.inputDigest),
            outputIsSynced: result.outputIsSynced, schema: outputSchema, imputed: result.imputed,
            metrics: PublicationMetrics { factory in
                ScoringMetrics.record(tally, segmentNames: segmentNames, factory: factory)
                ChallengerMetrics.record(challenger, champion: tally, factory: factory)
            },
            drift: result.drift.map { DriftRecord($0, segmentNames: segmentNames) })
        processed.shadow = sections.shadow
        processed.ab = sections.ab
        return processed
    }

    /// `schema` as the daemon knows it: the appended columns and the document's digest.
    static func record(_ schema: OutputSchema) -> OutputSchemaRecord {
        OutputSchemaRecord(
            columns: schema.columns.map {
                SchemaColumnRecord(name: $0.name, type: $0.type.rawValue, nullable: $0.nullable, source: $0.source)
            },
            sha256: schema.sha256)
    }

    /// A flag is a plugin telling the operator to look at the file (the migration monitor's
    /// `downgrade_share_exceeded`): one `warning` line per plugin that raised any, naming the file, so it is seen
    /// without reading every manifest.
    private func logFlags(_ outcomes: [PluginOutcome], file: String) {
        for outcome in outcomes where !outcome.report.flags.isEmpty {
            logger.warning(
                "plugin flagged the file",
                metadata: [
                    "file": .string(file), "plugin": .string(outcome.name),
                    "flags": .array(outcome.report.flags.map { .string($0) }),
                ])
        }
    }

    /// What a scoring error means for the input: faults of the environment (an I/O error, a plugin database that
    /// cannot be used) keep it for a retry; anything else fails it with the scorer's message.
    static func failure(_ error: any Error) -> any Error {
        guard let error = error as? RecordError else { return error }
        // A full disk or an exhausted quota met while writing is the outbox's fault, not the input's.
        if let cause = error.cause, cause.isOutOfSpace || (cause.isNotWritable && error.code == .unwritableFile) {
            return ProcessingFailure(.outboxUnavailable, "\(error)")
        }
        switch error.code {
        case .pluginStateUnavailable:
            return ProcessingFailure(
                .keepInput, "\(error) The input is kept and retried until the state can be used.")
        case .ioFailure:
            return ProcessingFailure(.keepInput, "\(error)")
        default:
            return error
        }
    }
}

extension HostSettings {
    /// The host's part of the daemon's configuration: the files ``ConfiguredFiles`` names for it.
    init(_ configuration: DaemonConfiguration) {
        self.init(
            model: configuration.model,
            pipeline: ConfiguredFiles.pipeline(nil, in: configuration),
            segments: ConfiguredFiles.segments(nil, in: configuration),
            pluginsDirectory: configuration.pluginsDirectory,
            pluginsDirectoryRequired: configuration.keysSet.contains("plugins_dir"),
            stateDirectory: configuration.stateDirectory,
            baseDirectory: configuration.baseDirectory.isEmpty
                ? FileManager.default.currentDirectoryPath : configuration.baseDirectory,
            lowConfidenceThreshold: configuration.lowConfidenceThreshold)
        challenger = ChallengerSettings(
            mode: ChallengerSettings.Mode(rawValue: configuration.challenger.mode.rawValue) ?? .off,
            share: configuration.challenger.share)
    }
}
