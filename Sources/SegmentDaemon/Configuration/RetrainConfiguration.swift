/// The `[retrain]` table of the configuration: what `segmentd retrain` and `segmentd check` work from, with every
/// default in this one place. `etc/segmentd.toml` documents each key.
///
/// The reservoir keys take effect on reload (the processor that feeds the reservoir is rebuilt with them).
package struct RetrainConfiguration: Sendable, Equatable {
    /// UTC days of scored rows the daemon's reservoir sample covers, today included (`reservoir_days`); older days
    /// are dropped.
    package var reservoirDays = 30
    /// The most rows the reservoir sample holds over those days (`reservoir_rows`); each day keeps
    /// `reservoir_rows / reservoir_days` (rounded up), so the file stays bounded (about 200 bytes a row with the
    /// shipped pipeline). 0 turns the reservoir off: the daemon samples nothing (and `retrain` has nothing to train
    /// on).
    package var reservoirRows = 100_000

    /// The built-in defaults.
    package init() {}

    /// The effective values as one TOML inline table, in the documented order: the canonical text of `retrain`.
    package var canonicalText: String {
        "{ reservoir_days = \(reservoirDays), reservoir_rows = \(reservoirRows) }"
    }
}
