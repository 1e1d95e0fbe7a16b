import ArgumentParser
import SegmentSupport

/// The `segmentd` root command: it only lists the subcommands.
@main
struct SegmentdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segmentd",
        abstract:
            "Customer segmentation: run the inbox daemon, train a model, score files, inspect models, "
            + "generate sample data.",
        discussion: """
            Examples:
              segmentd generate --rows 10000 customers.csv
              segmentd train customers.csv
              segmentd models list
              segmentd score customers.csv scored.csv
              segmentd validate && segmentd run
              segmentd history
              segmentd check || echo "retrain advised"


            """ + ExitStatus.helpText,
        version: BuildInfo.text,
        subcommands: [
            RunCommand.self, ServeCommand.self, TrainCommand.self, RetrainCommand.self, ModelsCommand.self,
            ScoreCommand.self, InspectCommand.self, ExportCommand.self, ReportCommand.self, ValidateCommand.self,
            CheckCommand.self, HistoryCommand.self, GenerateCommand.self, PluginsCommand.self, SchemaCommand.self,
            VersionCommand.self,
        ]
    )
}
