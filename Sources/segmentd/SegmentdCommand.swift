import ArgumentParser

/// The `segmentd` root command: it only lists the subcommands.
@main
struct SegmentdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segmentd",
        abstract: "Customer segmentation: train a model, score files, inspect models, generate sample data.",
        subcommands: [TrainCommand.self, ScoreCommand.self, InspectCommand.self, GenerateCommand.self]
    )
}
