import ArgumentParser
import Foundation
import SegmentCore
import SegmentDaemon
import ScoringHost
import SegmentIO
import SegmentSupport

/// `segmentd train`: fit the pipeline on a CSV or JSONL file and write the model.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a segmentation model on a CSV or JSONL file.",
        discussion: """
            --k is at most one segment per 10 training rows, and at most 100; --k auto searches no further. \
            Warnings (a segment under 1% of the rows, an archetype that fits its segment negatively) go to standard \
            error; they do not stop training.

            Examples:
              segmentd train customers.csv
              segmentd train customers.csv --k auto --output var/model-next.json --previous var/model.json
            """
    )

    @Argument(help: "Training data (.csv or .jsonl).")
    var data: String

    @OptionGroup var daemonOptions: DaemonOptions

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

    @Option(name: .long, help: "Previous model: keep its segment ids for the matching new segments.")
    var previous: String?

    @Option(name: .long, help: "Where to write the model (default: the configuration's `model`).")
    var output: String?

    func validate() throws {
        if let k, k != "auto", Int(k).map({ $0 < 2 }) ?? true {
            throw ValidationError("--k must be 'auto' or a whole number of at least 2, got '\(k)'.")
        }
    }

    func run() async throws {
        let (configuration, _) = try DaemonConfigurationFile.load(daemonOptions.config)
        let output = ConfiguredFiles.model(output, in: configuration)
        let segmentCount: SegmentCount? = k.map { $0 == "auto" ? .auto : .fixed(Int($0) ?? 0) }
        let request = TrainRequest(
            dataPath: data, pipelinePath: ConfiguredFiles.pipeline(pipeline, in: configuration),
            segmentsPath: ConfiguredFiles.segments(segments, in: configuration), segmentCount: segmentCount,
            seed: seed, previousModelPath: previous, outputPath: output, createdAt: Timestamp.reproducibleNow()
        )
        let bar = ProgressBar(label: "train")
        var progress: (@Sendable (String, Double) -> Void)?
        if let bar { progress = { stage, share in bar.update(share, note: stage) } }
        let report = try TrainJob.run(request, progress: progress)
        bar?.finish()
        print(ModelReport.text(report.model), terminator: "")
        if !report.rejects.isEmpty {
            // Line, column and reason only: the record itself can hold what a terminal log should not keep.
            let first = report.rejects[0]
            let column = first.column.isEmpty ? "" : ", column \(first.column)"
            print("\n\(report.rejects.count) rows rejected; first: line \(first.line)\(column): \(first.reason)")
        }
        print(String(format: "\nwrote %@ (%@) in %.2f s", output, report.model.modelVersion, report.seconds))
        for warning in report.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
    }
}
