package import SegmentIO

/// The `[challenger]` table as the scoring host needs it (the daemon's configuration fills it in).
package struct ChallengerSettings: Sendable, Equatable {
    /// What the daemon does with the registry's `challenger` alias.
    package enum Mode: String, Sendable, CaseIterable {
        /// The champion alone (the default): the alias is not even read.
        case off
        /// Every file is also scored by the challenger; only the manifest and the metrics show it.
        case shadow
        /// Each customer's arm decides which model scores the row (``ExperimentArm``).
        case ab
    }

    package var mode: Mode
    /// The challenger arm's share of the customers in A/B, from 0 to 1.
    package var share: Double

    package init(mode: Mode = .off, share: Double = 0.5) {
        self.mode = mode
        self.share = share
    }
}

/// What became of the challenger for one file, for the manifest's `shadow` or `ab` section and the metrics.
package struct ChallengerReport: Sendable {
    /// `shadow` or `ab` (never `off`: then there is no report).
    package var mode: ChallengerSettings.Mode
    /// The configured share (A/B).
    package var share: Double
    /// What the challenger did; nil when the file was scored by the champion alone (see ``problem``).
    package var summary: ChallengerSummary?
    /// Why the champion scored alone: no challenger set, or one that cannot be used; nil when ``summary`` is set.
    package var problem: String?
    /// The version the alias named, when it named one (also when it could not be used).
    package var version: String?

    package init(
        mode: ChallengerSettings.Mode, share: Double, summary: ChallengerSummary?, problem: String?, version: String?
    ) {
        self.mode = mode
        self.share = share
        self.summary = summary
        self.problem = problem
        self.version = version
    }
}
