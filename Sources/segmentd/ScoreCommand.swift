import ArgumentParser
import Foundation
import ScoringHost
import SegmentIO

/// `segmentd score`: score a file with a model into an enriched file plus rejects.
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a CSV or JSONL file; rejected rows go to <output stem>.rejects.csv beside the output."
    )

    @Argument(help: "Input file (.csv or .jsonl).")
    var input: String

    @Argument(help: "Output file (.csv or .jsonl).")
    var output: String

    @OptionGroup var modelOptions: ModelOptions

    @OptionGroup var daemonOptions: DaemonOptions

    func validate() throws {
        guard input != output else { throw ValidationError("INPUT and OUTPUT must be different files.") }
    }

    func run() async throws {
        let bar = ProgressBar(label: "score")
        var progress: (@Sendable (ScoreProgress) -> Void)?
        if let bar { progress = { update in bar.update(update.fraction, note: "\(update.rowsRead) rows") } }
        let model = try ConfiguredFiles.model(modelOptions.model, configurationFile: daemonOptions.config)
        let summary = try ScoreJob.run(input: input, output: output, modelPath: model, progress: progress)
        bar?.finish()
        print(
            String(
                format: "%@: %d rows, %d scored, %d rejected, %.2f s, %.0f rows/s",
                output, summary.rowsRead, summary.rowsScored, summary.rowsRejected, summary.seconds,
                summary.rowsPerSecond
            ))
    }
}
