package import Logging
package import ServiceLifecycle
import Foundation
import UnixSignals

/// The inbox daemon: watches the inbox, scores each complete file with a ``FileProcessor``, publishes the results
/// crash-safely in the outbox and archives the input. The `segmentd run` command starts it.
///
/// ``run()`` serves until SIGTERM or SIGINT (draining files in progress), reloads on SIGHUP, and talks to systemd
/// when `$NOTIFY_SOCKET` is set; ``run(services:)`` does the same with more services (an HTTP server) in its service
/// group. ``runOnce()`` processes what is in the inbox and returns.
package struct Daemon: Sendable {
    let configuration: DaemonConfiguration
    let loadConfiguration: @Sendable () throws -> DaemonConfiguration
    let processorFactory: FileProcessorFactory
    let logger: Logger
    let notifier: SystemdNotifier
    let outboxProbe: any OutboxHealthProbe

    /// Makes a daemon for `configuration`.
    /// - Parameters:
    ///   - configurationFile: the TOML file SIGHUP re-reads; nil keeps `configuration` on reload (the model is
    ///     still reloaded).
    ///   - processorFactory: builds the processor (loads the model) at start and on every reload.
    ///   - environment: where to find `$NOTIFY_SOCKET`; nil reads the process environment.
    package init(
        configuration: DaemonConfiguration,
        configurationFile: String? = nil,
        processorFactory: @escaping FileProcessorFactory,
        logger: Logger,
        environment: [String: String]? = nil,
        outboxProbe: any OutboxHealthProbe = FileSystemOutboxProbe()
    ) {
        self.configuration = configuration
        if let configurationFile {
            loadConfiguration = { try DaemonConfiguration.load(path: configurationFile) }
        } else {
            loadConfiguration = { configuration }
        }
        self.processorFactory = processorFactory
        self.logger = logger
        self.notifier = SystemdNotifier(environment: environment ?? ProcessInfo.processInfo.environment)
        self.outboxProbe = outboxProbe
    }

    /// Serves the inbox until SIGTERM or SIGINT, then drains and returns. Throws when it cannot start
    /// (another daemon holds the lock, a directory is missing, the model cannot be loaded, …).
    package func run() async throws {
        try await run(services: { _ in [] })
    }

    /// Serves like ``run()``, with the services `services` builds (an HTTP server) in the daemon's one service group.
    ///
    /// `services` is called once the daemon is set up (lock, ledger, model, recovered files queued), before the inbox
    /// is watched; a throw ends the run before anything is served. The services start with the group. At shutdown
    /// the daemon stops taking files first, then the services are told to shut down gracefully (they stop taking
    /// new work and finish what they have), then the daemon finishes the files in progress. A service that fails
    /// or returns shuts the group down gracefully, and its error is rethrown once the files in progress are done.
    package func run(services: @Sendable (DaemonHandle) async throws -> [any Service]) async throws {
        try await run(
            eventSource: nil, startWatcher: configuration.mode == .watch, services: services, onStart: { _ in })
    }

    /// Processes the files in the inbox (and any left in the work directory), then returns what it did.
    package func runOnce() async throws -> DaemonSummary {
        let session = try await DaemonSession.start(daemon: self, once: true)
        await session.coordinator.scanInbox()
        // The first look needs no tick, even when the scan found nothing (then the run ends at once).
        session.coordinator.wakeUp.signal()
        let dispatch = DispatchService(
            coordinator: session.coordinator, logger: logger, stopWhenIdle: true, notifier: notifier)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: dispatch, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
            )
        )
        try await group.run()
        return DaemonSummary(tally: await session.coordinator.tally)
    }

    /// Serves with `eventSource` (tests inject one), or with an inotify watch when `startWatcher` is true.
    /// `onStart` receives the service group once everything is set up, so tests can shut it down gracefully.
    func run(
        eventSource: (any InboxEventSource)?, startWatcher: Bool,
        services extraServices: @Sendable (DaemonHandle) async throws -> [any Service] = { _ in [] },
        onStart: @Sendable (ServiceGroup) async -> Void
    ) async throws {
        let session = try await DaemonSession.start(daemon: self)
        let extra = try await extraServices(DaemonHandle(coordinator: session.coordinator))
        var source = eventSource
        if source == nil, startWatcher {
            source = try await InotifyWatcher.start(directory: configuration.inbox, on: session.coordinator.executor)
        }
        // The watch is in place before this scan, so no file can slip between the two.
        await session.coordinator.scanInbox()
        // Graceful shutdown tells the services one at a time, last first, each ending before the next is told: the
        // intake stops at once, the reload and systemd services end, the extra services (an HTTP server) drain their
        // requests, and the dispatch service, first, finishes the files in progress last.
        let coordinator = session.coordinator
        let reloader = ConfigurationReloader(
            loadConfiguration: loadConfiguration, processorFactory: processorFactory, coordinator: coordinator,
            notifier: notifier, logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(
                service: DispatchService(
                    coordinator: coordinator, logger: logger, stopWhenIdle: false, notifier: notifier,
                    follower: ModelFollower(reloader: reloader))),
            .init(service: ReconcileService(coordinator: coordinator)),
        ]
        if let source {
            services.append(.init(service: InboxWatchService(source: source, coordinator: coordinator, logger: logger)))
        }
        // A failing or ending extra service must not cut the files in progress short: the group shuts down
        // gracefully, and the error is rethrown at the end.
        services += extra.map {
            .init(
                service: $0, successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup)
        }
        services.append(
            .init(service: SystemdNotificationService(coordinator: coordinator, notifier: notifier, logger: logger)))
        services.append(.init(service: ReloadService(reloader: reloader)))
        services.append(.init(service: IntakeStopService(coordinator: coordinator)))
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        await onStart(group)
        try await group.run()
        withExtendedLifetime(session.lock) {}
        logger.notice("stopped")
    }
}
