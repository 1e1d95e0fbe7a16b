import ArgumentParser
import Foundation
import ScoringHost
import SegmentSupport

/// `segmentd report`: a model as one self-contained HTML page of charts and tables.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a model's HTML report: summary, k choice, variance, sizes, profiles, segments.",
        discussion: """
            One self-contained HTML file (inline SVG and CSS, no script, no external resource): open it offline or
            print it. With --data, adds a PCA scatter of a seeded sample of the file's rows (at most 5,000) and the
            file's segment shares against training.

            Examples:
              segmentd report --output report.html
              segmentd report registry:previous --data scored.csv --output report.html
            """
    )

    @Argument(help: "Model file, or registry:REF (default: the configuration's `model`).")
    var model: String?

    @OptionGroup var daemonOptions: DaemonOptions

    @Option(name: .long, help: ArgumentHelp("A raw or scored CSV/JSONL file to draw.", valueName: "FILE"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("Where to write the HTML.", valueName: "FILE"))
    var output: String

    func run() async throws {
        let source = try ConfiguredFiles.model(model, configurationFile: daemonOptions.config)
        let loaded = try source.load()
        let bytes = try ReportJob.run(
            model: loaded, dataPath: data.map(ConfiguredFiles.absolute), output: ConfiguredFiles.absolute(output),
            generatedAt: Timestamp.reproducibleNow())
        FileHandle.standardError.write(Data("wrote \(output) (\(bytes) bytes)\n".utf8))
    }
}
