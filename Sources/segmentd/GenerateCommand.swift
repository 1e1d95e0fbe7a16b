import ArgumentParser
import ScoringHost
import SegmentIO

/// `segmentd generate`: synthetic credit-card customers for examples, tests and benchmarks.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract:
            "Write synthetic credit-card customers (the 18 columns of the public credit-card dataset) to a CSV file."
    )

    @Option(name: .long, help: "Number of customers.")
    var rows: Int

    @Option(name: .long, help: "Random seed; the same seed gives the same file.")
    var seed: UInt64 = 1

    @Argument(help: "Output CSV file.")
    var output: String

    func validate() throws {
        guard rows >= 0 else { throw ValidationError("--rows must be zero or more, got \(rows).") }
    }

    func run() async throws {
        let bar = ProgressBar(label: "generate")
        var progress: (@Sendable (Double) -> Void)?
        if let bar { progress = { share in bar.update(share, note: "") } }
        try GenerateJob.run(rows: rows, seed: seed, output: output, progress: progress)
        bar?.finish()
    }
}
