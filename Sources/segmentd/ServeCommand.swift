import ArgumentParser
import Logging
import PluginRegistry
import ScoringHost
import SegmentDaemon
import SegmentHTTP
import SegmentMetrics
import Synchronization

/// `segmentd serve`: the model over HTTP, without the inbox.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the model over HTTP (scoring, model, status, health, metrics); no inbox.",
        discussion: """
            Listens on [http] listen of the configuration (default 127.0.0.1:9464); see docs/http.md.
            SIGHUP reloads the model and plugins for new requests; with model = "registry:champion" a promotion or
            rollback is followed within 0.1 s, without SIGHUP. SIGTERM lets requests in progress finish.
            Examples:
              segmentd serve
              segmentd serve --config /srv/segmentd/etc/segmentd.toml
              curl -s localhost:9464/v1/model
            """
    )

    @OptionGroup var daemonOptions: DaemonOptions

    func run() async throws {
        let (configuration, file) = try DaemonConfigurationFile.load(daemonOptions.config)
        DaemonLogging.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let logger = Logger(label: "segmentd")
        SegmentMetrics.bootstrap()
        let explicit = daemonOptions.config
        let running = Mutex(configuration)
        let state = StandaloneServerState(
            configurationHash: { configuration.outputHash(plugins: $0?.pluginFingerprint) }, logger: logger,
            metrics: { version, age in
                // No inbox: its gauges stay 0; the model's are set from the host new requests score with.
                SegmentMetrics.updateState(
                    inboxPending: 0, filesInProgress: 0, paused: false, modelVersion: version, modelAgeSeconds: age)
                return SegmentMetrics.render()
            },
            sourceTarget: { try HostSettings(running.withLock { $0 }).modelSource.currentTarget() }
        ) { rereadConfiguration in
            // SIGHUP reads the configuration file again: a new model path or plugin settings apply. Following a
            // promotion keeps the configuration running now.
            let current = try running.withLock { (value: inout DaemonConfiguration) throws -> DaemonConfiguration in
                if rereadConfiguration, file != nil { value = try DaemonConfigurationFile.load(explicit).0 }
                return value
            }
            return try ScoringHost(
                settings: HostSettings(current), availablePlugins: BuiltInPlugins.all, logger: logger)
        }
        try await StandaloneServer.run(configuration: configuration.http, state: state, logger: logger)
    }
}
