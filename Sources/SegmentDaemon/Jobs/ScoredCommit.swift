/// A processor's own durable record of a file that will be published as scored (the scoring host's per-day
/// monitoring windows), run by the daemon once the file's outcome is known to be `scored`: after its outputs are
/// published, before its manifest and ledger record. A file that fails (too many rejects) or turns out to be a
/// duplicate runs nothing.
///
/// Exactly once is the record's own business: it runs again when the job is re-run after a crash anywhere before the
/// ledger record, so it must be keyed by the input's content and ignore a second run. A throw keeps the input in
/// the work directory for a retry, like any fault of the environment. Compares equal to any other: it is not part of
/// what a result says about the file.
package struct ScoredCommit: Sendable, Equatable {
    let commit: @Sendable () throws -> Void

    package init(_ commit: @escaping @Sendable () throws -> Void) {
        self.commit = commit
    }

    package static func == (lhs: Self, rhs: Self) -> Bool { true }
}
