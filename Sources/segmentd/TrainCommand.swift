import ArgumentParser
import Foundation
import SegmentCore
import SegmentDaemon
import ScoringHost
import SegmentIO
import SegmentSupport

/// `segmentd train`: fit the pipeline on a CSV or JSONL file and register the model (or write it to `--output`).
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a segmentation model on a CSV or JSONL file and register it in var/models/.",
        discussion: """
            The model is registered as a new version in the registry (var/models/ under the base directory); it \
            does not replace the champion the daemon scores with unless --promote is given, except the registry's \
            first model, which becomes champion. --output FILE writes the model to FILE instead, outside the \
            registry.

            --k is at most one segment per 10 training rows, and at most 100; --k auto searches no further. \
            Warnings (a segment under 1% of the rows, an archetype that fits its segment negatively) go to standard \
            error; they do not stop training.

            Examples:
              segmentd train customers.csv
              segmentd train customers.csv --previous champion --label v1.2.0
              segmentd train customers.csv --previous champion --promote
              segmentd train customers.csv --k auto --output var/model-next.json --previous var/model.json
            """
    )

    @Argument(help: "Training data (.csv or .jsonl).")
    var data: String

    @OptionGroup var daemonOptions: DaemonOptions

    @OptionGroup var choices: TrainChoices

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Previous model (a file, or a registry version, label or alias such as champion): keep its segment ids "
                + "for the matching new segments; recorded as the new model's parent.",
            valueName: "MODEL"))
    var previous: String?

    @Flag(name: .long, help: "Make the new version the champion (the old champion becomes previous).")
    var promote = false

    @Option(name: .long, help: "Write the model to this file instead of registering it.")
    var output: String?

    func validate() throws {
        if promote, output != nil {
            throw ValidationError("--promote registers the model; it cannot be combined with --output.")
        }
    }

    func run() async throws {
        let (configuration, _) = try DaemonConfigurationFile.load(daemonOptions.config)
        let registry = ConfiguredFiles.registry(in: configuration)
        let request = TrainRequest(
            dataPath: data, pipelinePath: ConfiguredFiles.pipeline(choices.pipeline, in: configuration),
            segmentsPath: ConfiguredFiles.segments(choices.segments, in: configuration),
            segmentCount: choices.segmentCount, seed: choices.seed,
            previousModelPath: try previous.map { try ConfiguredFiles.modelFile($0, in: configuration) },
            outputPath: output.map(ConfiguredFiles.absolute), createdAt: Timestamp.reproducibleNow(),
            label: choices.label
        )
        let bar = ProgressBar(label: "train")
        var progress: (@Sendable (String, Double) -> Void)?
        if let bar { progress = { stage, share in bar.update(share, note: stage) } }
        let report = try TrainJob.run(request, progress: progress)
        bar?.finish()
        print(ModelReport.text(report.model), terminator: "")
        if TerminalCharts.wanted { print(ModelReport.charts(report.model), terminator: "") }
        if !report.rejects.isEmpty {
            // Line, column and reason only: the record itself can hold what a terminal log should not keep.
            let first = report.rejects[0]
            let column = first.column.isEmpty ? "" : ", column \(first.column)"
            print("\n\(report.rejects.count) rows rejected; first: line \(first.line)\(column): \(first.reason)")
        }
        if let output = request.outputPath {
            print(String(format: "\nwrote %@ (%@) in %.2f s", output, report.model.modelVersion, report.seconds))
        } else {
            try register(report, in: registry, configuration: configuration)
        }
        for warning in report.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
    }

    /// Registers the model and says what the champion is now.
    private func register(
        _ report: TrainReport, in registry: ModelRegistry, configuration: DaemonConfiguration
    ) throws {
        let model = report.model
        let registration = try registry.register(model)
        let named = model.label.map { "\(model.modelVersion) (\($0))" } ?? model.modelVersion
        print(String(format: "\nregistered %@ as %@ in %.2f s", named, registration.path, report.seconds))
        if !registration.added {
            print("this version was registered before; its file is kept as it was")
        }
        if registration.becameChampion {
            print("champion: \(model.modelVersion) (the registry's first model)")
        } else if promote {
            let change = try registry.promote(model.modelVersion)
            print(ModelsCommand.championLine(change))
        } else {
            let champion = (try? registry.readAliases())?[.champion] ?? "none"
            print(
                "champion stays \(champion); to score with the new version: "
                    + "segmentd models promote \(model.modelVersion)")
        }
        if case .file(let path) = ModelSource(configuration.model, baseDirectory: configuration.baseDirectory).location
        {
            FileHandle.standardError.write(
                Data(
                    ("warning: the configuration pins model = \"\(path)\": the daemon scores with that file, not "
                        + "with the registry's champion; set model = \"registry:champion\" to follow it\n").utf8))
        }
    }
}
