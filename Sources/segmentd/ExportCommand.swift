import ArgumentParser
import Foundation
import ScoringHost
import SegmentCore
import SegmentExport

/// `segmentd export`: the model's whole scoring pipeline as a file another runtime scores with (ONNX).
struct ExportCommand: AsyncParsableCommand {
    /// The formats `--format` takes.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case onnx
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a model's whole scoring pipeline as an ONNX graph that any ONNX runtime scores with.",
        discussion: """
            The graph takes one double matrix `input` [N, input columns] in the model's input-column order (NaN for \
            a missing value; the order is in the file's metadata_props `input_columns`) and gives `segment_id`, \
            `confidence` and `distance` as `segmentd score` computes them.

            Examples:
              segmentd export --format onnx --output model.onnx
              segmentd export registry:v1.2.0 --format onnx --output v1.2.0.onnx
            """
    )

    @Argument(help: "Model file, or registry:REF (default: the configuration's `model`).")
    var model: String?

    @OptionGroup var daemonOptions: DaemonOptions

    @Option(name: .long, help: "Export format: onnx.")
    var format: Format

    @Option(name: .long, help: ArgumentHelp("File to write (replaced atomically).", valueName: "FILE"))
    var output: String

    func run() async throws {
        let source = try ConfiguredFiles.model(model, configurationFile: daemonOptions.config)
        let loaded = try source.load()
        let bytes = try ONNXExporter.export(loaded, producerVersion: BuildInfo.version)
        try AtomicFile.write(Data(bytes), to: ConfiguredFiles.absolute(output))
        print("exported \(loaded.modelVersion) as ONNX to \(output) (\(bytes.count) bytes)")
    }
}
