import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the configuration and the model on SIGHUP, between files, and logs what changed (``ReloadChanges``).
///
/// The new configuration is read and checked, and the new processor (model) built, before anything changes;
/// if either fails, or the new configuration changes a key that needs a restart, the error is logged and the
/// running configuration and model stay. Jobs already running finish with what they started with.
struct ConfigurationReloader: Sendable {
    let loadConfiguration: @Sendable () throws -> DaemonConfiguration
    let processorFactory: FileProcessorFactory
    let coordinator: JobCoordinator
    let notifier: SystemdNotifier
    let logger: Logger

    /// What starts a reload.
    enum Trigger: Sendable {
        /// SIGHUP: the configuration file is read again, and the model and plugins are loaded again.
        case hangup
        /// The model source (the registry's alias file) names another version than the running model's: the
        /// running configuration stays, the model and plugins are loaded again (``ModelFollower``).
        case modelSource(target: String)
    }

    /// Reloads; returns true when the new processor was installed.
    @discardableResult
    func reload(_ trigger: Trigger = .hangup) async -> Bool {
        try? notifier.reloading()
        defer { try? notifier.ready() }
        let current = await coordinator.context
        switch trigger {
        case .hangup:
            logger.notice("reloading configuration and model")
        case .modelSource(let target):
            logger.notice(
                "model source moved: loading \(target) (was \(current.processor.modelVersion))",
                metadata: ["model_version": "\(target)", "previous_model_version": "\(current.processor.modelVersion)"])
        }
        let loadConfiguration: @Sendable () throws -> DaemonConfiguration
        if case .hangup = trigger {
            loadConfiguration = self.loadConfiguration
        } else {
            loadConfiguration = { [configuration = current.configuration] in configuration }
        }
        let processorFactory = self.processorFactory
        let attempt = try? await coordinator.executor.run {
            () -> Result<(DaemonConfiguration, any FileProcessor), ReloadFailure> in
            let configuration: DaemonConfiguration
            do {
                configuration = try loadConfiguration()
            } catch {
                return .failure(ReloadFailure(message: "the new configuration is invalid: \(error)"))
            }
            let restartOnly = configuration.restartOnlyChanges(comparedTo: current.configuration)
            guard restartOnly.isEmpty else {
                return .failure(ReloadFailure(message: ConfigurationError.notReloadable(keys: restartOnly).message))
            }
            do {
                return .success((configuration, try processorFactory(configuration)))
            } catch {
                return .failure(ReloadFailure(message: "the model or pipeline could not be loaded: \(error)"))
            }
        }
        switch attempt {
        case .success(let (configuration, processor)):
            let replaced = await coordinator.replaceContext(
                JobContext(
                    configuration: configuration, processor: processor,
                    configurationHash: configuration.outputHash(plugins: processor.pluginFingerprint),
                    ledger: current.ledger, outboxProbe: current.outboxProbe
                )
            )
            // The state may have changed while the new model loaded: a daemon shutting down keeps what it has.
            guard replaced else {
                logger.notice("reload dropped: shutting down")
                return false
            }
            let changes = ReloadChanges(
                from: current.configuration, current.processor.enabledPlugins, model: current.processor.modelVersion,
                to: configuration, processor.enabledPlugins, model: processor.modelVersion)
            var metadata = changes.metadata
            metadata["config_sha256"] = "\(configuration.outputHash(plugins: processor.pluginFingerprint))"
            logger.notice("reloaded", metadata: metadata)
            logSchemaChange(from: current.processor.outputSchema, to: processor.outputSchema)
            return true
        case .failure(let failure):
            logger.error(
                "reload rejected; keeping the running configuration and model",
                metadata: ["reason": "\(failure.message)"])
        case nil:
            logger.warning("reload interrupted by shutdown")
        }
        return false
    }
}

extension ConfigurationReloader {
    /// Logs which columns of the scored files appeared and disappeared when a reload changed the output schema
    /// (a plugin switched on or off, a plugin's columns or the model's changed), so that a consumer's failing load
    /// can be traced to the reload; nothing when the schema stayed.
    func logSchemaChange(from old: OutputSchemaRecord?, to new: OutputSchemaRecord?) {
        guard let old, let new, old.sha256 != new.sha256 else { return }
        let (appeared, disappeared) = old.changes(to: new)
        logger.notice(
            "output schema changed",
            metadata: [
                "columns_appeared": "\(appeared.joined(separator: ","))",
                "columns_disappeared": "\(disappeared.joined(separator: ","))",
                "schema_sha256": "\(new.sha256)", "previous_schema_sha256": "\(old.sha256)",
            ])
    }
}

/// Why a reload was rejected.
struct ReloadFailure: Error {
    let message: String
}

/// Waits for SIGHUP and reloads the configuration and model each time.
struct ReloadService: Service {
    let reloader: ConfigurationReloader

    func run() async {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            await reloader.reload()
        }
    }
}
