/// How one attempt at one inbox file ended.
package enum JobOutcome: Sendable, Equatable {
    /// Scored and published; the input is in the archive.
    case scored(ProcessedCounts, manifest: String)
    /// Same content as an earlier input: a manifest points at it, nothing was scored; the input is in the archive.
    case duplicate(of: String, manifest: String)
    /// An earlier attempt had published everything before a crash; only the move to the archive was left.
    case completedEarlier(manifest: String)
    /// Could not be processed (or had too many rejects): moved to the failed directory (under `failedName`) with an
    /// `.error.json`, after its failed manifest was published.
    case failed(reason: String, failedName: String)
    /// Output could not be written (outbox full, read-only, …); the input waits in the work directory.
    case deferred(problem: String, outboxUnavailable: Bool)
    /// Nothing was done: the file went away, or a file of the same name is still in progress.
    case skipped(reason: String)

    /// One word for logs: scored, duplicate, completed, failed, deferred or skipped.
    package var word: String {
        switch self {
        case .scored: "scored"
        case .duplicate: "duplicate"
        case .completedEarlier: "completed"
        case .failed: "failed"
        case .deferred: "deferred"
        case .skipped: "skipped"
        }
    }
}
