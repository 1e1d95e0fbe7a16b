import ArgumentParser
import ScoringHost
import SegmentCore

/// The training options `train` and `retrain` share: pipeline, archetypes, k, seed and the version's label.
struct TrainChoices: ParsableArguments {
    @Option(
        name: .long,
        help: "Pipeline spec (default: the configuration's `pipeline`; built-in when unset and no file is there).")
    var pipeline: String?

    @Option(
        name: .long,
        help: "Segment archetypes (default: the configuration's `segments`; built-in when unset and no file is there).")
    var segments: String?

    @Option(name: .long, help: "Number of segments, or 'auto' to choose it (default: the pipeline's [kmeans] k).")
    var k: String?

    @Option(name: .long, help: "Random seed (default: the pipeline's [kmeans] seed).")
    var seed: UInt64?

    @Option(name: .long, help: "A human label for the version, e.g. v1.2.0 (models list shows it).")
    var label: String?

    func validate() throws {
        if let k, k != "auto", Int(k).map({ $0 < 2 }) ?? true {
            throw ValidationError("--k must be 'auto' or a whole number of at least 2, got '\(k)'.")
        }
        if let label, label.isEmpty || label.hasPrefix("m-") || ModelRegistry.Alias(rawValue: label) != nil {
            throw ValidationError(
                "--label \"\(label)\" cannot be used: a label is not empty, does not start with m- (versions do) "
                    + "and is not an alias (champion, challenger, previous).")
        }
    }

    /// `--k` as training takes it; nil: the pipeline's.
    var segmentCount: SegmentCount? {
        k.map { $0 == "auto" ? .auto : .fixed(Int($0) ?? 0) }
    }
}
