import ArgumentParser
import ScoringHost
import SegmentIO

/// `segmentd generate`: synthetic credit-card customers for examples, tests and benchmarks.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract:
            "Write synthetic credit-card customers (the 18 columns of the public credit-card dataset) to a CSV file.",
        discussion: """
            Example:
              segmentd generate --rows 10000 --seed 7 customers.csv
            """
    )

    /// Read whatever follows `--rows`, so `--rows -5` is refused as a number rather than taken for an option.
    @Option(name: .long, parsing: .unconditional, help: "Number of customers (a positive whole number).")
    var rows: Int

    @Option(name: .long, help: "Random seed; the same seed gives the same file.")
    var seed: UInt64 = 1

    @Argument(help: "Output CSV file.")
    var output: String

    func validate() throws {
        guard rows > 0 else {
            throw ValidationError("--rows must be a positive number of customers (1 or more), got \(rows).")
        }
    }

    func run() async throws {
        let bar = ProgressBar(label: "generate")
        var progress: (@Sendable (Double) -> Void)?
        if let bar { progress = { share in bar.update(share, note: "") } }
        try GenerateJob.run(rows: rows, seed: seed, output: output, progress: progress)
        bar?.finish()
    }
}
