import ArgumentParser
import Foundation
import ScoringHost
import SegmentCore
import SegmentIO

/// `segmentd score`: score a file with a model into an enriched file plus rejects.
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a CSV or JSONL file; rejected rows go to <output stem>.rejects.csv beside the output.",
        discussion: """
            The output's extension chooses its format, whatever the input's: in.csv → out.jsonl writes JSON \
            lines, in.jsonl → out.csv writes CSV. `-` as INPUT reads standard input, as OUTPUT writes standard \
            output (then rejected rows go to standard error as CSV, and no summary is printed); --format gives \
            their format.

            Examples:
              segmentd score customers.csv scored.csv
              segmentd score customers.csv scored.jsonl --model var/model.json
              cat customers.csv | segmentd score - - > scored.csv
              segmentd score customers.jsonl - --format csv | head
              segmentd score drifted.csv scored.csv --drift
            """
    )

    /// The record formats `--format` names.
    enum StreamFormat: String, ExpressibleByArgument, CaseIterable {
        case csv, jsonl

        var recordFormat: RecordFormat { self == .csv ? .csv : .jsonl }
    }

    @Argument(help: "Input file (.csv or .jsonl), or - for standard input.")
    var input: String

    @Argument(help: "Output file (.csv or .jsonl), or - for standard output.")
    var output: String

    @OptionGroup var modelOptions: ModelOptions

    @OptionGroup var daemonOptions: DaemonOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Format of standard input and output (-): csv or jsonl (default: CSV for standard input, the input's "
                + "format for standard output).",
            valueName: "format"))
    var format: StreamFormat?

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Also compare the rows with the model's training data, as the daemon's manifests do: PSI per feature, "
                + "segment shares, confidence."))
    var drift = false

    func validate() throws {
        guard input != output || input == ScoreJob.standardStream else {
            throw ValidationError("INPUT and OUTPUT must be different files.")
        }
    }

    func run() async throws {
        let bar = ProgressBar(label: "score")
        var progress: (@Sendable (ScoreProgress) -> Void)?
        if let bar { progress = { update in bar.update(update.fraction, note: "\(update.rowsRead) rows") } }
        let model = try ConfiguredFiles.model(modelOptions.model, configurationFile: daemonOptions.config).load()
        let summary = try ScoreJob.run(
            input: input, output: output, loaded: model, streamFormat: format?.recordFormat, drift: drift,
            progress: progress)
        bar?.finish()
        var driftText: String?
        if drift {
            let names = model.segments.sorted { $0.id < $1.id }.map(\.name)
            driftText =
                summary.drift.map { DriftText.text($0, segmentNames: names) }
                ?? "drift: not compared (the model has no drift reference, or no row was scored)\n"
        }
        // Standard output carries the scored records only.
        guard output != ScoreJob.standardStream else {
            if let driftText { FileHandle.standardError.write(Data(driftText.utf8)) }
            return
        }
        defer { if let driftText { print(driftText, terminator: "") } }
        print(
            String(
                format: "%@: %d rows, %d scored, %d rejected, %.2f s, %.0f rows/s",
                output, summary.rowsRead, summary.rowsScored, summary.rowsRejected, summary.seconds,
                summary.rowsPerSecond
            ))
    }
}
