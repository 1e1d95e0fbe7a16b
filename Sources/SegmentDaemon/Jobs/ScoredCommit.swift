/// A processor's own durable record of a file that will be published as scored (the scoring host's per-day
/// monitoring windows), run by the daemon once the file's outcome is known to be `scored`: after its outputs are
/// published, before its manifest and ledger record. A file that fails (too many rejects) or turns out to be a
/// duplicate runs nothing.
///
/// Exactly once is the record's own business: it runs again when the job is re-run after a crash anywhere before the
/// ledger record, so it must be keyed by the input's content and ignore a second run. A throw keeps the input in
/// the work directory for a retry, like any fault of the environment. Compares equal to any other: it is not part of
/// what a result says about the file.
///
/// `afterManifest` is a record that must be made before the ledger has the file but need not delay its manifest
/// (the reservoir's sample of the file's rows, a few hundred microseconds of SQLite per file): it runs right after
/// the manifest is published, before the ledger record, and throws nothing (it logs its own failures). Like
/// `commit`, it is keyed by the content: a crash before the ledger record re-runs the job, which runs it again.
///
/// `afterPublication` is what follows from the record but must not delay the file's manifest (the retrain rules'
/// evaluation, a silhouette over thousands of rows): it runs once the manifest is published and the ledger has the
/// file, and throws nothing (it logs its own failures). A crash before it runs loses only that run.
package struct ScoredCommit: Sendable, Equatable {
    let commit: @Sendable () throws -> Void
    let afterManifest: (@Sendable () -> Void)?
    let afterPublication: (@Sendable () -> Void)?

    package init(
        _ commit: @escaping @Sendable () throws -> Void, afterManifest: (@Sendable () -> Void)? = nil,
        afterPublication: (@Sendable () -> Void)? = nil
    ) {
        self.commit = commit
        self.afterManifest = afterManifest
        self.afterPublication = afterPublication
    }

    package static func == (lhs: Self, rhs: Self) -> Bool { true }
}
