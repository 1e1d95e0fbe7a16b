import ArgumentParser
import Foundation
import ScoringHost
import SegmentCore
import SegmentDaemon

/// `segmentd check`: the four retrain rules over the champion's current window; exit 1 when a retrain is advised.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate the retrain rules (age, drift, quality, distribution) for the champion; exit 1 when a "
            + "retrain is advised.",
        discussion: """
            The window is the champion's most recent UTC days counted by the daemon, merged backwards until \
            [retrain] min_rows rows; the thresholds are the [retrain] table's. Each rule is printed with its value, \
            threshold and verdict. Exit status: 0 no retrain needed, 1 retrain advised, and the usual sysexits \
            codes for a configuration or model that cannot be used (78, 66, 65). Works beside a running daemon.

            Examples:
              segmentd check
              segmentd check --json | jq .reasons
              segmentd check --now 2026-06-01T00:00:00Z
            """
    )

    @OptionGroup var daemonOptions: DaemonOptions

    @Flag(name: .long, help: "Print one JSON object (the shape of /v1/status's retrain).")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp("Evaluate as at this time instead of now (ISO 8601).", valueName: "TIME"))
    var now: String?

    func validate() throws {
        if let now, (try? Date(now, strategy: .iso8601)) == nil {
            throw ValidationError("--now \"\(now)\" is not an ISO 8601 time; write it like 2026-06-01T00:00:00Z.")
        }
    }

    func run() async throws {
        let inputs = try MonitorInputs(daemonOptions)
        let model = try inputs.champion()
        let time = now.flatMap { try? Date($0, strategy: .iso8601) } ?? Date()
        let advice = try inputs.advice(for: model, at: time)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(RetrainRecord(advice, at: time))
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
            for warning in advice.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        } else {
            print(RetrainText.text(advice), terminator: "")
        }
        if advice.advised { throw ExitCode(1) }
    }
}
