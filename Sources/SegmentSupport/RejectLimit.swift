/// When a scored file counts as failed: rows were read but none was scored, or the share of rejected rows is above
/// `max_reject_share`. A header-only file (no rows) never does.
///
/// One rule for two places: the daemon fails such a file (`too_many_rejects`), and the scoring host cancels the
/// plugins' sessions instead of finishing them, so a file that will not be published commits no plugin state (the
/// migration monitor's history) and writes no artifact.
package struct RejectLimit: Sendable, Equatable {
    /// Largest share of rejected rows (0 to 1) a file may have and still be published.
    package var maxShare: Double

    package init(maxShare: Double) {
        self.maxShare = maxShare
    }

    /// Whether a file with these counts fails under the limit.
    package func isExceeded(read: Int, scored: Int, rejected: Int) -> Bool {
        guard read > 0 else { return false }
        return scored == 0 || Double(rejected) / Double(read) > maxShare
    }
}
