import SegmentCore
import SegmentIO

/// The daemon's real processor: scores each file with the model the configuration names, through `FileScorer`.
public struct ModelFileProcessor: FileProcessor {
    public let modelVersion: String
    private let scorer: SegmentScorer

    /// Loads and verifies the configuration's model; throws with a message naming the file when it cannot.
    public init(configuration: DaemonConfiguration) throws {
        let model = try ModelFile.load(path: configuration.model)
        scorer = try SegmentScorer(model: model)
        modelVersion = model.modelVersion
    }

    public func process(input: String, output: String, rejects: String) throws -> ProcessedCounts {
        let summary = try FileScorer.score(
            input: input, output: output, rejects: rejects, scorer: scorer, options: ScoreOptions(), progress: nil
        )
        return ProcessedCounts(rowsRead: summary.rowsRead, rowsScored: summary.rowsScored, rowsRejected: summary.rowsRejected)
    }
}
