import Logging
import SegmentCore
import SegmentIO
import Synchronization

/// Follows the registry's `challenger` alias for the file door, as the daemon follows `champion`: before each file
/// one read of the alias file says which version it names now, and a version not loaded yet is loaded then, so
/// `segmentd models promote V --as challenger` takes effect for the next file and `models promote challenger`
/// (which clears the alias) ends the experiment for the next file. Files in progress keep the challenger they
/// started with.
///
/// A mode set with no challenger, or a challenger that cannot be used (unreadable, or reading other columns than the
/// champion), scores with the champion alone: logged once as a warning until the alias changes, and said in every
/// such manifest.
final class ChallengerSlot: Sendable {
    let settings: ChallengerSettings
    let registry: ModelRegistry
    let logger: Logger?

    private struct State {
        /// The version last named and what became of it: its scorer, or why it cannot be used.
        var version: String?
        var scorer: SegmentScorer?
        var problem: String?
        /// Whether this version's state (a warning for a problem) was logged.
        var announced = false
    }

    private let state = Mutex(State())

    init(settings: ChallengerSettings, registry: ModelRegistry, logger: Logger?) {
        self.settings = settings
        self.registry = registry
        self.logger = logger
    }

    /// The challenger to score the next file with, and the report to fill in; nil in mode `off`.
    func current(champion: any RowScorer) -> (challenger: Challenger?, report: ChallengerReport)? {
        let mode: Challenger.Mode
        switch settings.mode {
        case .off: return nil
        case .shadow: mode = .shadow
        case .ab: mode = .ab(ExperimentArm(share: settings.share))
        }
        let version: String?
        do {
            version = try registry.cheapTarget(ModelRegistry.Alias.challenger.rawValue)
        } catch {
            // A damaged aliases.json says nothing about the challenger: the champion scores alone, and says why.
            let problem = "the registry's aliases cannot be read (\(error)); files are scored by the champion alone"
            return (
                nil,
                ChallengerReport(
                    mode: settings.mode, share: settings.share, summary: nil, problem: problem, version: nil)
            )
        }
        let (scorer, problem, announce) = state.withLock { state in
            if state.version != version || (state.scorer == nil && state.problem == nil) {
                state = State(version: version)
                (state.scorer, state.problem) = Self.load(version, champion: champion, registry: registry)
            }
            let announce = !state.announced
            state.announced = true
            return (state.scorer, state.problem, announce)
        }
        if announce {
            let metadata: Logger.Metadata = ["challenger": .string(version ?? "none")]
            if let problem {
                logger?.warning(
                    "challenger mode \(settings.mode.rawValue): \(problem); files are scored by the champion alone",
                    metadata: metadata)
            } else {
                logger?.info("challenger mode \(settings.mode.rawValue): scoring with a challenger", metadata: metadata)
            }
        }
        let report = ChallengerReport(
            mode: settings.mode, share: settings.share, summary: nil, problem: problem, version: version)
        return (scorer.map { Challenger(scorer: $0, mode: mode) }, report)
    }

    /// The scorer of `version`, or why there is none.
    private static func load(_ version: String?, champion: any RowScorer, registry: ModelRegistry) -> (
        SegmentScorer?, String?
    ) {
        guard let version else {
            let hint = "set one with: segmentd models promote V --as challenger"
            return (nil, "no challenger is set in \(registry.directory) (\(hint))")
        }
        let scorer: SegmentScorer
        do {
            scorer = try SegmentScorer(model: registry.model(version))
        } catch {
            return (nil, "the challenger \(version) cannot be loaded: \(error)")
        }
        guard scorer.idColumn == champion.idColumn, scorer.inputColumns == champion.inputColumns else {
            return (
                nil,
                "the challenger \(version) reads other columns than the champion (id \(scorer.idColumn), "
                    + "\(scorer.inputColumns.joined(separator: ", "))); train it with the champion's pipeline"
            )
        }
        return (scorer, nil)
    }
}
