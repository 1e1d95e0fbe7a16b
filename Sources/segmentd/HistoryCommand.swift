import ArgumentParser
import Foundation
import ScoringHost

/// `segmentd history`: the daemon's per-day windows, one line per UTC day and model.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show, per UTC day, the rows the daemon scored, the segment shares, the mean confidence and the "
            + "largest feature PSI.",
        discussion: """
            The daemon counts every file it publishes as scored into <state_dir>/monitor.sqlite, once per content. \
            Each line is one day of one model: its merged counts against that model's training reference. Works \
            beside a running daemon.

            Examples:
              segmentd history
              segmentd history --since 2026-01-01 --json | jq '.[] | [.day, .max_psi]'
            """
    )

    @OptionGroup var daemonOptions: DaemonOptions

    @Option(name: .long, help: ArgumentHelp("Only days from this UTC day on.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Flag(name: .long, help: "Print a JSON array, one object per day and model.")
    var json = false

    func validate() throws {
        if let since, !Self.isDay(since) {
            throw ValidationError("--since \"\(since)\" is not a day; write it as YYYY-MM-DD, like 2026-01-31.")
        }
    }

    /// True for `YYYY-MM-DD` naming a real day.
    static func isDay(_ text: String) -> Bool {
        guard text.count == 10, let date = try? Date(text + "T00:00:00Z", strategy: .iso8601) else { return false }
        return date.formatted(.iso8601).hasPrefix(text)
    }

    func run() async throws {
        let inputs = try MonitorInputs(daemonOptions)
        let report = HistoryReport(try inputs.days(since: since), model: inputs.modelFinder())
        if json {
            var data = try JSONSerialization.data(
                withJSONObject: report.json, options: [.sortedKeys, .withoutEscapingSlashes])
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        } else {
            print(report.text, terminator: "")
        }
    }
}
