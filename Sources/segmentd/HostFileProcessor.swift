import Foundation
import CoreMetrics
import Logging
import ScoringHost
import SegmentCore
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
    /// Counts every scored file into the per-day windows and evaluates the retrain rules; nil counts nothing.
    let monitor: RetrainMonitor?
    /// The `[retrain]` thresholds of the configuration this processor was built from.
    let thresholds: RetrainThresholds
    /// The reservoir of scored rows `segmentd retrain` trains on; nil feeds none (tests of other things).
    let reservoir: ReservoirFeed?

    /// Loads the configured model and builds the enabled plugins of `plugins_dir` among `available`; feeds the
    /// reservoir in `state_dir` (dated by `now`).
    init(
        configuration: DaemonConfiguration, available: [any ActionPlugin.Type], logger: Logger,
        monitor: RetrainMonitor? = nil, now: @escaping @Sendable () -> Date = Date.init
    ) throws {
        self.init(
            host: try ScoringHost(settings: HostSettings(configuration), availablePlugins: available, logger: logger),
            logger: logger, monitor: monitor, thresholds: configuration.retrain.thresholds,
            reservoir: configuration.retrain.reservoirRows > 0 ? ReservoirFeed(configuration, now: now) : nil)
    }

    init(
        host: ScoringHost, logger: Logger = Logger(label: "segmentd", factory: { _ in SwiftLogNoOpLogHandler() }),
        monitor: RetrainMonitor? = nil, thresholds: RetrainThresholds = RetrainConfiguration().thresholds,
        reservoir: ReservoirFeed? = nil
    ) {
        self.host = host
        self.logger = logger
        self.monitor = monitor
        self.thresholds = thresholds
        self.reservoir = reservoir
        outputSchema = Self.record(host.outputSchema)
    }

    var modelVersion: String { host.modelVersion }

    var modelCreatedAt: String? { host.modelCreatedAt }

    func modelSourceTarget() throws -> String? { try host.modelSourceTarget() }

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
        var scoring = FileScoringRequest(
            input: request.input, output: request.output, format: request.format == .jsonl ? .jsonl : .csv,
            rejects: request.rejects, inputName: request.inputName, digest: request.digest?.value,
            artifactPath: request.artifactPath, claimContent: claimContent, rejectLimit: request.rejectLimit)
        let pending = prepareReservoir(file: request.inputName)
        scoring.sampleCapture = pending?.capture
        let result: FileScoringResult
        do {
            result = try host.score(file: scoring)
        } catch {
            throw Self.failure(error)
        }
        // Recorded after the manifest, before the ledger has the file (ScoredCommit.afterManifest): off the latency.
        var sampling: (@Sendable () -> Void)?
        if let pending {
            let processor = self
            sampling = { @Sendable in processor.feedReservoir(pending, result: result, request: request) }
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
            drift: result.drift.map { DriftRecord($0, segmentNames: segmentNames) },
            commit: windowCommit(result, sampling: sampling))
        processed.shadow = sections.shadow
        processed.ab = sections.ab
        return processed
    }

    /// Counting the file into the per-day windows, run by the daemon once the file is known to be scored; its
    /// reservoir `sampling` runs once the manifest is published, and the retrain rules, when due, after that.
    private func windowCommit(_ result: FileScoringResult, sampling: (@Sendable () -> Void)?) -> ScoredCommit? {
        guard let monitor, let model = host.model else {
            return sampling.map { ScoredCommit({}, afterManifest: $0) }
        }
        let counts = WindowCounts(tally: result.tally, drift: result.drift)
        let sha256 = result.inputDigest.sha256
        let thresholds = thresholds
        return ScoredCommit(
            { try monitor.record(counts, sha256: sha256, model: model, thresholds: thresholds) },
            afterManifest: sampling, afterPublication: { monitor.evaluatePending() })
    }

    /// What the file's scoring captures for the reservoir; nil (and a warning) when the reservoir cannot be used.
    private func prepareReservoir(file: String) -> ReservoirFeed.Pending? {
        guard let reservoir else { return nil }
        do {
            return try reservoir.prepare()
        } catch {
            logReservoirFailure(error, file: file)
            return nil
        }
    }

    /// Adds the file's captured rows to the reservoir when the daemon publishes it as scored: a file over
    /// `max_reject_share` fails (`too_many_rejects`) and adds nothing. Recorded after the manifest and before the
    /// ledger commits the file, keyed by its content, so a re-run after a crash between the two adds nothing twice.
    private func feedReservoir(_ pending: ReservoirFeed.Pending, result: FileScoringResult, request: ProcessingRequest)
    {
        guard let reservoir, let sample = result.sample else { return }
        let exceeded =
            request.rejectLimit?.isExceeded(
                read: result.rowsRead, scored: result.rowsScored, rejected: result.rowsRejected) ?? false
        guard !exceeded, result.rowsScored > 0 else { return }
        do {
            try reservoir.record(
                pending, sample: sample, sha256: result.inputDigest.sha256, rowsScored: result.rowsScored,
                columns: host.inputColumns)
        } catch {
            logReservoirFailure(error, file: request.inputName)
        }
    }

    /// A reservoir failure never fails a file (the sample is a by-product of scoring): it is logged, and the file is
    /// missing from the sample.
    private func logReservoirFailure(_ error: any Error, file: String) {
        logger.warning(
            "the reservoir of scored rows cannot be used; the file is scored but not sampled",
            metadata: ["file": .string(file), "error": .string("\(error)")])
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

extension ReservoirFeed {
    /// The reservoir of the daemon's `state_dir`, sized by `[retrain]`.
    convenience init(_ configuration: DaemonConfiguration, now: @escaping @Sendable () -> Date = Date.init) {
        self.init(
            path: ReservoirStore.path(stateDirectory: configuration.stateDirectory),
            settings: ReservoirSettings(configuration.retrain), now: now)
    }
}

extension ReservoirSettings {
    /// The `[retrain]` table's reservoir keys.
    init(_ retrain: RetrainConfiguration) {
        self.init(days: retrain.reservoirDays, rows: retrain.reservoirRows)
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
