/// What a service running beside the daemon (the HTTP server) may read from it; ``Daemon/run(services:)`` hands one
/// to the function that builds those services. A value: copies read the same daemon.
///
/// - ``status()``: the `/v1/status` content (``DaemonStatus``): files pending in the inbox (`inbox_pending`),
///   waiting in the work directory (`in_work`) and in progress (`in_flight`); whether intake is paused and why; the
///   last 20 settled files, newest first; the run's start and uptime; the `config_sha256` of new manifests; the
///   enabled plugins; the model's version, creation time and age. Times use the coordinator's clock. The meaning of
///   each field is in `docs/status.md`.
/// - ``readinessProblems()``: why `/readyz` must answer 503, one sentence each saying what and how to fix it
///   (recovery of interrupted work not finished, no model loaded, intake paused because the outbox cannot take
///   output — the state the outbox probe left, not a new probe —, shutting down); empty when ready.
/// - ``currentProcessor()``: the processor new jobs start with, swapped in one step when a reload (SIGHUP) installs
///   a new model; a job or request keeps the one it took. Reading it never waits on a job.
/// - ``executor``: the daemon's one ``BlockingExecutor``, for blocking or CPU-heavy work (one per process).
package struct DaemonHandle: Sendable {
    let coordinator: JobCoordinator

    init(coordinator: JobCoordinator) {
        self.coordinator = coordinator
    }

    /// The daemon's state now, as `/v1/status` shows it.
    package func status() async -> DaemonStatus {
        await coordinator.status
    }

    /// Why the daemon is not ready, one sentence each; empty when it is.
    package func readinessProblems() async -> [String] {
        await coordinator.readinessProblems
    }

    /// The processor new jobs start with now (lock-protected, swapped by a reload).
    package func currentProcessor() -> any FileProcessor {
        coordinator.currentProcessor.value
    }

    /// The daemon's blocking executor: run blocking and CPU-heavy work here, never on the cooperative pool.
    package var executor: BlockingExecutor {
        coordinator.executor
    }
}
