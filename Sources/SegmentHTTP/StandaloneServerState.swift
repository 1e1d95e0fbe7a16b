import Foundation
package import Logging
package import ScoringHost
import SegmentSupport
import Synchronization

/// `segmentd serve`'s ``ServerState``: a host loaded from the configuration and swapped whole on `SIGHUP`; no
/// inbox, so ready means a model is loaded. `/metrics` comes from `metrics` (the process's exposition).
package final class StandaloneServerState: ServerState {
    /// Builds a host: from the configuration file read again (`rereadConfiguration`, SIGHUP), or from the running
    /// configuration (a promotion followed, ``followModelSource()``).
    package typealias HostLoader = @Sendable (_ rereadConfiguration: Bool) throws -> ScoringHost

    private let load: HostLoader
    private let logger: Logger
    private let host = Mutex<ScoringHost?>(nil)
    /// A version the model source named whose load failed: not tried again until the source names another.
    private let failedTarget = Mutex<String?>(nil)
    /// Why the last load failed; empty once a host is loaded.
    private let loadProblem = Mutex<String?>(nil)
    private let startedAt = Date()
    /// The `config_sha256` of a host: the manifests' hash for the same configuration and plugins.
    private let configurationHash: @Sendable (ScoringHost?) -> String
    /// Renders `/metrics` given the model new requests score with (its version and age in seconds, nil without).
    package typealias MetricsRenderer = @Sendable (_ modelVersion: String?, _ modelAgeSeconds: Double?) -> [UInt8]
    private let metrics: MetricsRenderer
    private let sourceTarget: @Sendable () throws -> String?
    /// Why the model source could not be read last time, so the warning is logged once per problem.
    private let unreadableSource = Mutex(RepeatedProblem())

    /// Loads the first host at once; a failure is logged and reported by `/readyz` until a reload succeeds.
    /// - Parameter sourceTarget: the version the configured model source names now (``ModelSource/currentTarget()``
    ///   of the running configuration); nil for a pinned file. Asked even while no host is loaded, so a `serve`
    ///   started before the first `train` loads the first champion without SIGHUP. Throws when the source cannot
    ///   be read (a damaged alias file): the running model stays and a warning is logged once.
    package init(
        configurationHash: @escaping @Sendable (ScoringHost?) -> String, logger: Logger,
        metrics: @escaping MetricsRenderer = { _, _ in [] },
        sourceTarget: @escaping @Sendable () throws -> String? = { nil },
        load: @escaping HostLoader
    ) {
        self.load = load
        self.sourceTarget = sourceTarget
        self.logger = logger
        self.configurationHash = configurationHash
        self.metrics = metrics
        reload()
    }

    /// Loads a new host and swaps it in: requests that start afterwards use it, requests in progress keep the
    /// one they started with. A failed load keeps the current host.
    @discardableResult
    package func reload(rereadConfiguration: Bool = true) -> Bool {
        do {
            let loaded = try load(rereadConfiguration)
            let previous = host.withLock { host in
                defer { host = loaded }
                return host?.modelVersion
            }
            loadProblem.withLock { $0 = nil }
            logger.info(
                "model loaded for HTTP: \(loaded.modelVersion)",
                metadata: ["model_version": .string(loaded.modelVersion), "previous": .string(previous ?? "none")])
            return true
        } catch {
            loadProblem.withLock { $0 = "\(error)" }
            logger.error("cannot load the model for HTTP; the current one stays: \(error)")
            return false
        }
    }

    /// Loads the model again when the model source (`registry:champion`) names another version than the host's:
    /// a promotion or rollback takes effect without SIGHUP. Reads the small alias file; blocking, so it runs on the
    /// executor (``ModelSourceFollower``). A version that fails to load is not tried again until the alias moves.
    package func followModelSource() {
        let target: String
        do {
            guard let named = try sourceTarget() else { return }
            target = named
        } catch {
            let problem = "\(error)"
            let running = currentHost()?.modelVersion ?? "none"
            if unreadableSource.withLock({ $0.report(problem) }) {
                logger.warning("cannot read the model source; scoring stays on \(running): \(problem)")
            }
            return
        }
        if unreadableSource.withLock({ $0.clear() }) {
            logger.notice("the model source can be read again; it names \(target)")
        }
        let running = currentHost()?.modelVersion
        guard target != running else {
            failedTarget.withLock { $0 = nil }
            return
        }
        guard failedTarget.withLock({ $0 }) != target else { return }
        logger.notice(
            "model source moved: loading \(target) (was \(running ?? "none"))",
            metadata: ["model_version": .string(target), "previous_model_version": .string(running ?? "none")])
        if !reload(rereadConfiguration: false) {
            failedTarget.withLock { $0 = target }
        }
    }

    package func currentHost() -> ScoringHost? {
        host.withLock { $0 }
    }

    /// `segmentd serve` counts no files: no history to report.
    package func reportHistory(for host: ScoringHost) async throws -> ReportHistory? { nil }

    package func readinessProblems() async -> [String] {
        guard currentHost() == nil else { return [] }
        let why = loadProblem.withLock { $0 } ?? "not loaded yet"
        return ["no model is loaded: \(why)"]
    }

    package func statusDocument() async -> [UInt8] {
        let host = currentHost()
        let uptime = Date().timeIntervalSince(startedAt)
        let document = StatusDocument(
            startedAt: Self.iso8601(startedAt), uptimeSeconds: (uptime * 1000).rounded() / 1000,
            configSHA256: configurationHash(host), plugins: host?.plugins.members.map(\.configuration.name) ?? [],
            modelVersion: host?.modelVersion, modelCreatedAt: host?.modelCreatedAt,
            modelAgeSeconds: host?.modelCreatedAt.flatMap(Self.age))
        return (try? Self.encoder.encode(document)).map(Array.init) ?? Array("{}".utf8)
    }

    package func metricsExposition() async -> [UInt8] {
        let host = currentHost()
        return metrics(host?.modelVersion, host?.modelCreatedAt.flatMap(Self.age))
    }

    private struct StatusDocument: Encodable {
        var startedAt: String
        var uptimeSeconds: Double
        var configSHA256: String
        var plugins: [String]
        var modelVersion: String?
        var modelCreatedAt: String?
        var modelAgeSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case startedAt = "started_at", uptimeSeconds = "uptime_seconds", configSHA256 = "config_sha256"
            case plugins, inbox
            case modelVersion = "model_version", modelCreatedAt = "model_created_at"
            case modelAgeSeconds = "model_age_seconds"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(startedAt, forKey: .startedAt)
            try container.encode(uptimeSeconds, forKey: .uptimeSeconds)
            try container.encode(configSHA256, forKey: .configSHA256)
            try container.encode(plugins, forKey: .plugins)
            // `serve` has no inbox: the daemon's inbox fields are one explicit null.
            try container.encodeNil(forKey: .inbox)
            try container.encode(modelVersion, forKey: .modelVersion)
            try container.encode(modelCreatedAt, forKey: .modelCreatedAt)
            try container.encode(modelAgeSeconds, forKey: .modelAgeSeconds)
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// Seconds since `createdAt` (ISO 8601), nil when it does not parse.
    private static func age(_ createdAt: String) -> Double? {
        guard let date = try? Date(createdAt, strategy: .iso8601) else { return nil }
        return (Date().timeIntervalSince(date) * 1000).rounded() / 1000
    }
}
