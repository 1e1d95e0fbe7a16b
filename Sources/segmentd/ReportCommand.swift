import ArgumentParser
import Foundation
import ScoringHost
import SegmentCore
import SegmentDaemon
import SegmentSupport

/// `segmentd report`: a model as one self-contained HTML page of charts and tables.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a model's HTML report: summary, k choice, variance, sizes, profiles, segments.",
        discussion: """
            One self-contained HTML file (inline SVG and CSS, no script, no external resource): open it offline or
            print it. With --data, adds a PCA scatter of a seeded sample of the file's rows (at most 5,000) and the
            file's segment shares against training and per-segment confidence histograms. With --history, adds
            the daemon's per-day counts of this model (segment shares, largest feature PSI against [retrain]
            max_psi, rows) and the retrain rules over the latest window, as `segmentd check` evaluates them.
            With --compare MODEL (needs --data), adds the migration matrix: the file's rows labelled by both
            models, where each segment's customers would go, and the adjusted Rand index; with the migration
            monitor's history (plugins.d/migration.toml), also the flows between segments over its last --files
            files (default 20).

            Examples:
              segmentd report --output report.html
              segmentd report registry:previous --data scored.csv --output report.html
              segmentd report --history --output report.html
              segmentd report --data customers.csv --compare registry:challenger --output compare.html
            """
    )

    @Argument(help: "Model file, or registry:REF (default: the configuration's `model`).")
    var model: String?

    @OptionGroup var daemonOptions: DaemonOptions

    @Option(name: .long, help: ArgumentHelp("A raw or scored CSV/JSONL file to draw.", valueName: "FILE"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("Where to write the HTML.", valueName: "FILE"))
    var output: String

    @Flag(
        name: .long,
        help: "Add the daemon's per-day history of this model (shares, largest PSI, rows) and the retrain rules.")
    var history = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Another model (file or registry:REF) to compare on the rows of --data: the migration matrix.",
            valueName: "MODEL"))
    var compare: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --compare: the migration monitor's last N files to count flows between segments over.",
            valueName: "N"))
    var files = 20

    func validate() throws {
        if compare != nil, data == nil {
            throw ValidationError("--compare needs --data FILE: the two models are compared on the same rows.")
        }
        if files < 1 { throw ValidationError("--files must be at least 1, got \(files).") }
    }

    func run() async throws {
        let source = try ConfiguredFiles.model(model, configurationFile: daemonOptions.config)
        let loaded = try source.load()
        var days: ReportHistory?
        if history {
            let inputs = try MonitorInputs(daemonOptions)
            let report = HistoryReport(try inputs.days(modelVersion: loaded.modelVersion)) { _ in loaded }
            days = ReportHistory(
                days: report.days, modelVersion: loaded.modelVersion,
                psiThreshold: inputs.configuration.retrain.thresholds.maxPSI,
                advice: try inputs.advice(for: loaded, at: Date()))
        }
        let other = try compare.map { try ConfiguredFiles.model($0, configurationFile: daemonOptions.config).load() }
        var flows: ReportFlows?
        if other != nil {
            let configuration = try DaemonConfigurationFile.load(daemonOptions.config).0
            flows = try MigrationFlowsSource.flows(in: configuration, lastFiles: files)
        }
        let bytes = try ReportJob.run(
            model: loaded, dataPath: data.map(ConfiguredFiles.absolute), history: days, compare: other, flows: flows,
            output: ConfiguredFiles.absolute(output), generatedAt: Timestamp.reproducibleNow())
        FileHandle.standardError.write(Data("wrote \(output) (\(bytes) bytes)\n".utf8))
    }
}
