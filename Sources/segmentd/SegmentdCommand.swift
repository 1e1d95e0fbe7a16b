import ArgumentParser

/// The `segmentd` root command: it only lists the subcommands.
@main
struct SegmentdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segmentd",
        abstract: "Customer-segmentation scoring: train a model, score files, run the inbox daemon.",
        subcommands: []
    )
}
