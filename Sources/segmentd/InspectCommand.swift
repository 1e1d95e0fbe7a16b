import ArgumentParser
import Foundation
import ScoringHost
import SegmentIO
import SegmentCore

/// `segmentd inspect`: show a model in words, or as JSON.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe a model: pipeline, explained variance, k table, segments and their profiles.",
        discussion: """
            Examples:
              segmentd inspect
              segmentd inspect --json registry:previous > model-report.json
              segmentd inspect var/model-pinned.json
            """
    )

    @Argument(help: "Model file, or registry:REF (default: the configuration's `model`).")
    var model: String?

    @OptionGroup var daemonOptions: DaemonOptions

    @Flag(name: .long, help: "Print the whole model document as JSON.")
    var json = false

    func run() async throws {
        let source = try ConfiguredFiles.model(model, configurationFile: daemonOptions.config)
        let loaded = try source.load()
        if let warning = loaded.driftWarning(source: try source.path()) {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        if json {
            FileHandle.standardOutput.write(try loaded.jsonData())
        } else {
            print(ModelReport.text(loaded), terminator: "")
            if TerminalCharts.wanted { print(ModelReport.charts(loaded), terminator: "") }
        }
    }
}
