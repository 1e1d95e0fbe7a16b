/// What ``DaemonHandle`` reads: the status snapshot and the readiness problems, from the state machine and the
/// context new jobs start with.
extension JobCoordinator {
    /// The status document's content now.
    var status: DaemonStatus {
        machine.status(processor: context.processor, configurationHash: context.configurationHash)
    }

    /// Why the daemon is not ready (empty: ready).
    var readinessProblems: [String] {
        machine.readinessProblems(modelVersion: context.processor.modelVersion)
    }
}
