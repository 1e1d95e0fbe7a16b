import SegmentPlugin

/// One file's batches, exchanged with the plugin's shared child; its report counts the rows the child did not
/// answer usefully and the children started meanwhile.
final class ExecSession: PluginFileSession {
    private let supervisor: ChildSupervisor
    private let startsAtOpen: Int
    private var outOfStepBatches = 0
    private var rows = 0
    private var failedRows = 0

    init(supervisor: ChildSupervisor) {
        self.supervisor = supervisor
        startsAtOpen = supervisor.starts
    }

    /// Sends the batch to the child; failed rows are marked in `output`, nothing is thrown.
    func process(_ batch: ScoredBatch, into output: inout PluginColumns) throws(PluginError) {
        if supervisor.process(batch, into: &output) { outOfStepBatches += 1 }
        rows += batch.count
        failedRows += output.failures.count
    }

    /// Reports `rows`, `failed_rows`, `child_starts` (children started while this file was processed; other
    /// files sharing the child may have caused some) and `out_of_step_batches` (this file's batches rejected whole
    /// because the child's answers were out of step with the rows).
    func finish(artifacts: any PluginArtifactWriter) throws(PluginError) -> PluginFileReport {
        PluginFileReport(metrics: [
            "rows": Double(rows), "failed_rows": Double(failedRows),
            "child_starts": Double(supervisor.starts - startsAtOpen),
            "out_of_step_batches": Double(outOfStepBatches),
        ])
    }
}
