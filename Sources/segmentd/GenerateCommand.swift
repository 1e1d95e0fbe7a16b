import ArgumentParser
import ScoringHost
import SegmentCore
import SegmentIO

/// `segmentd generate`: synthetic credit-card customers for examples, tests and benchmarks.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract:
            "Write synthetic credit-card customers (the 18 columns of the public credit-card dataset) to a CSV file.",
        discussion: """
            --shift COLUMN=FACTOR multiplies a numeric column by FACTOR in every row (repeatable): drifted data \
            to try drift statistics with (a model's manifests and `segmentd score --drift` report it).

            --precision full writes every number with six decimals, trailing zeros kept (12.000000), as a \
            database or pandas export does: the same values as the default (trimmed: each column's own decimals, \
            trailing zeros dropped, like the public file), about 75% more bytes.

            Examples:
              segmentd generate --rows 10000 --seed 7 customers.csv
              segmentd generate --rows 1000000 --precision full export.csv
              segmentd generate --rows 10000 --seed 8 --shift PURCHASES=3 drifted.csv
            """
    )

    /// Read whatever follows `--rows`, so `--rows -5` is refused as a number rather than taken for an option.
    @Option(name: .long, parsing: .unconditional, help: "Number of customers (a positive whole number).")
    var rows: Int

    @Option(name: .long, help: "Random seed; the same seed gives the same file.")
    var seed: UInt64 = 1

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Multiply a numeric column by FACTOR in every row, e.g. PURCHASES=3 (repeatable).",
            valueName: "COLUMN=FACTOR"))
    var shift: [String] = []

    /// The decimals written: `trimmed` (default) or `full`.
    enum Precision: String, ExpressibleByArgument, CaseIterable {
        case trimmed, full

        var csvPrecision: SyntheticCustomers.CSVPrecision { self == .full ? .full : .trimmed }
    }

    @Option(
        name: .long,
        help: "trimmed: each column's own decimals, trailing zeros dropped; full: six decimals on every number.")
    var precision: Precision = .trimmed

    @Argument(help: "Output CSV file.")
    var output: String

    func validate() throws {
        guard rows > 0 else {
            throw ValidationError("--rows must be a positive number of customers (1 or more), got \(rows).")
        }
        for text in shift {
            do {
                _ = try GenerateJob.columnShift(text)
            } catch {
                throw ValidationError("\(error)")
            }
        }
    }

    func run() async throws {
        let bar = ProgressBar(label: "generate")
        var progress: (@Sendable (Double) -> Void)?
        if let bar { progress = { share in bar.update(share, note: "") } }
        try GenerateJob.run(
            rows: rows, seed: seed, output: output, shifts: shift, precision: precision.csvPrecision,
            progress: progress)
        bar?.finish()
    }
}
