import SegmentCore
package import SegmentIO
import Foundation

/// Scores one file with a model file: `segmentd score`.
package enum ScoreJob {
    /// The rejects file that goes with an output: `<dir>/<stem>.rejects.csv`.
    package static func rejectsPath(forOutput output: String) -> String {
        let url = URL(fileURLWithPath: output)
        let stem = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(stem).rejects.csv").path
    }

    /// Loads a model and compiles its scorer, throwing what is wrong with it.
    package static func checkModel(path: String) throws {
        _ = try SegmentScorer(model: try ModelFile.load(path: path))
    }

    package static func run(
        input: String, output: String, modelPath: String, progress: (@Sendable (ScoreProgress) -> Void)? = nil
    ) throws -> ScoreSummary {
        let model = try ModelFile.load(path: modelPath)
        let scorer = try SegmentScorer(model: model)
        return try FileScorer.score(
            input: input, output: output, rejects: rejectsPath(forOutput: output), scorer: scorer,
            options: ScoreOptions(), progress: progress
        )
    }
}
