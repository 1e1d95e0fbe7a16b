/// What a `--once` run did, file by file outcome.
package struct DaemonSummary: Sendable, Equatable {
    /// Files scored and published.
    package var scored: Int
    /// Files recognised as duplicates of earlier content.
    package var duplicates: Int
    /// Files moved to the failed directory.
    package var failed: Int
    /// Files kept because output could not be written: in the work directory after an attempt, or left in the inbox
    /// untouched when intake was paused (outbox full, read-only or below `min_free_bytes`) before they were taken.
    package var deferred: Int
    /// Files whose earlier, interrupted run had already published everything.
    package var completedEarlier: Int

    init(tally: [String: Int]) {
        scored = tally["scored", default: 0]
        duplicates = tally["duplicate", default: 0]
        failed = tally["failed", default: 0]
        deferred = tally["deferred", default: 0]
        completedEarlier = tally["completed", default: 0]
    }
}
