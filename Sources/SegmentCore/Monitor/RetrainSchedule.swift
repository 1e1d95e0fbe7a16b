/// When the daemon evaluates the retrain rules: once per window, as a small state machine fed with every file it
/// counts, so a test drives it with any clock and never sleeps.
///
/// The rules are evaluated on the first file counted (after a start), then whenever `min_rows` more rows have been
/// counted since the last evaluation (a new window's worth of data), the UTC day of the counted file differs from
/// the last evaluation's (the window's newest day moved, and the age rule may have crossed its limit), or the model
/// changed (a promotion: the window is now the new champion's). Between those points the window's figures barely
/// move, and evaluating after every small file would only repeat the same advice.
package struct RetrainSchedule: Sendable, Equatable {
    private var lastDay: String?
    private var lastModel: String?
    private var rowsSinceEvaluation = 0

    package init() {}

    /// Notes `rows` counted on `day` for `modelVersion`; true when the rules are to be evaluated now (and the
    /// schedule starts over from this point).
    package mutating func counted(rows: Int, day: String, modelVersion: String, minRows: Int) -> Bool {
        rowsSinceEvaluation += rows
        let due =
            lastDay == nil || lastDay != day || lastModel != modelVersion || rowsSinceEvaluation >= max(minRows, 1)
        guard due else { return false }
        lastDay = day
        lastModel = modelVersion
        rowsSinceEvaluation = 0
        return true
    }
}
