import Logging
import SegmentSupport

/// What one run of the daemon holds: the lock, the ledger, and the coordinator with recovered files queued.
struct DaemonSession: Sendable {
    let lock: InboxLock
    let coordinator: JobCoordinator

    /// Prepares directories, takes the lock, opens the ledger, builds the processor, and queues the files an
    /// earlier run left in the work directory.
    /// `once` only changes what the start-up log line says.
    static func start(daemon: Daemon, once: Bool = false) async throws -> DaemonSession {
        let configuration = daemon.configuration
        // Directories, the lock, the ledger, the model and the work directory are all blocking work: done on the
        // executor the coordinator then keeps, never on the cooperative pool.
        let executor = BlockingExecutor(threads: configuration.workers + 2)
        let (lock, ledger, processor, recovered) = try await executor.run {
            try WorkRecovery.prepareDirectories(configuration)
            // The inbox directory itself is not locked: a descriptor held open on it would keep the kernel from
            // reporting its removal (IN_DELETE_SELF), and the watch could not be restored when it is created again.
            let lock = try InboxLock(
                path: configuration.lockFile, inbox: configuration.inbox,
                directories: [
                    ("work_dir", configuration.workDirectory),
                    ("state_dir", configuration.stateDirectory),
                    ("ledger", Path.split(configuration.ledger).directory),
                ])
            let ledger = try Ledger(path: configuration.ledger)
            let processor = try daemon.processorFactory(configuration)
            let recovered = try WorkRecovery.prepare(configuration: configuration, ledger: ledger)
            return (lock, ledger, processor, recovered)
        }
        let context = JobContext(
            configuration: configuration, processor: processor,
            configurationHash: configuration.outputHash(plugins: processor.pluginFingerprint),
            ledger: ledger, outboxProbe: daemon.outboxProbe
        )
        let coordinator = JobCoordinator(context: context, logger: daemon.logger, executor: executor)
        await coordinator.enqueueRecovered(names: recovered)
        daemon.logger.notice(
            "starting",
            metadata: StartupLine.metadata(
                configuration: configuration, processor: processor, configurationHash: context.configurationHash,
                mode: once ? "once" : configuration.mode.rawValue, recovered: recovered.count)
        )
        return DaemonSession(lock: lock, coordinator: coordinator, recovered: recovered)
    }

    private init(lock: InboxLock, coordinator: JobCoordinator, recovered: [String]) {
        self.lock = lock
        self.coordinator = coordinator
        self.recovered = recovered
    }

    /// Files found in the work directory at start.
    let recovered: [String]
}
