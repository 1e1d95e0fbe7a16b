/// The `[retrain]` table: the thresholds of the retrain rules `segmentd check` and the daemon evaluate, and the
/// reservoir of scored rows `segmentd retrain` trains on, with every default in this one place. `etc/segmentd.toml`
/// documents each key; README's "Model lifecycle" the rules.
///
/// Every key is reloadable: the daemon reads the table of the configuration the current processor was built from
/// (the processor that feeds the reservoir is rebuilt with it).
package struct RetrainConfiguration: Sendable, Equatable {
    /// Age rule: retrain when the champion is older than this many days (`max_model_age_days`).
    package var maxModelAgeDays = 90.0
    /// Drift rule: retrain when any raw or derived feature's PSI over the window is above this (`max_psi`).
    package var maxPSI = 0.15
    /// Quality rule: retrain when the silhouette of recent rows is below this share of the training silhouette
    /// (`min_silhouette_ratio`).
    package var minSilhouetteRatio = 0.7
    /// Distribution rule: retrain when any segment's share moved by more than this relative to training
    /// (`max_share_change`).
    package var maxShareChange = 0.2
    /// The window: the most recent UTC days merged until at least this many rows (`min_rows`).
    package var minRows = 5_000
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
        "{ max_model_age_days = \(maxModelAgeDays), max_psi = \(maxPSI), min_silhouette_ratio = \(minSilhouetteRatio), "
            + "max_share_change = \(maxShareChange), min_rows = \(minRows), reservoir_days = \(reservoirDays), "
            + "reservoir_rows = \(reservoirRows) }"
    }
}
