import ArgumentParser
import ScoringHost
import SegmentIO

/// The model file option shared by the commands that read or write a model.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: "Model file.")
    var model: String = DefaultPaths.model
}
