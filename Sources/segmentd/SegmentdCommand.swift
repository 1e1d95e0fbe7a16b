import ArgumentParser

/// The `segmentd` root command: it only lists the subcommands.
@main
struct SegmentdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segmentd",
        abstract:
            "Customer segmentation: run the inbox daemon, train a model, score files, inspect models, "
            + "generate sample data.",
        subcommands: [
            RunCommand.self, TrainCommand.self, ScoreCommand.self, InspectCommand.self, ValidateCommand.self,
            GenerateCommand.self, PluginsCommand.self, SchemaCommand.self,
        ]
    )
}
