import ArgumentParser
import Foundation
import ScoringHost
import SegmentCore
import SegmentDaemon
import SegmentSupport

/// `segmentd retrain`: train on the daemon's reservoir sample and register the result as challenger.
struct RetrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrain",
        abstract: "Train on the rows the daemon scored recently and register the model as challenger.",
        discussion: """
            Trains on the daemon's reservoir (<state_dir>/reservoir.sqlite): a uniform random sample of the rows \
            `segmentd run` scored in the last reservoir_days UTC days, at most reservoir_rows ([retrain] in the \
            configuration). The champion is the previous model, so matching segments keep their ids; the new \
            version becomes the challenger, never the champion: compare it, then promote it. Works beside a \
            running daemon.

            Exits 66 when there is no reservoir yet (the daemon has scored nothing), 65 when it holds too few rows \
            (10 per segment of the champion, at least 10), 66 when there is no champion.

            Examples:
              segmentd retrain
              segmentd retrain --label v1.3.0
              segmentd retrain --config /srv/segmentd/etc/segmentd.toml --now 2026-12-06T00:00:00Z
            """
    )

    @OptionGroup var daemonOptions: DaemonOptions

    @OptionGroup var choices: TrainChoices

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The end of the window, ISO 8601 (default: now): the sample covers the reservoir_days UTC days up to "
                + "and including this one.",
            valueName: "TIME"))
    var now: String?

    func validate() throws {
        if let now, Self.date(now) == nil {
            throw ValidationError(
                "--now \"\(now)\" is not an ISO 8601 time; write it like 2026-12-06T12:00:00Z.")
        }
    }

    /// `text` as ISO 8601 with a time zone (`2026-12-06T12:00:00Z`), or a bare date taken as its UTC midnight.
    static func date(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text + "T00:00:00Z", strategy: .iso8601)
    }

    func run() async throws {
        let (configuration, _) = try DaemonConfigurationFile.load(daemonOptions.config)
        let registry = ConfiguredFiles.registry(in: configuration)
        let champion = ModelRegistry.Alias.champion.rawValue
        let request = RetrainRequest(
            reservoirPath: ReservoirStore.path(stateDirectory: configuration.stateDirectory),
            settings: ReservoirSettings(configuration.retrain), now: now.flatMap(Self.date) ?? Date(),
            registry: registry, championPath: registry.path(of: try registry.resolve(champion)),
            pipelinePath: ConfiguredFiles.pipeline(choices.pipeline, in: configuration),
            segmentsPath: ConfiguredFiles.segments(choices.segments, in: configuration),
            segmentCount: choices.segmentCount, seed: choices.seed, label: choices.label,
            createdAt: Timestamp.reproducibleNow())
        let bar = ProgressBar(label: "retrain")
        var progress: (@Sendable (String, Double) -> Void)?
        if let bar { progress = { stage, share in bar.update(share, note: stage) } }
        let report = try RetrainJob.run(request, progress: progress)
        bar?.finish()
        print(ModelReport.text(report.train.model), terminator: "")
        print("")
        for line in Self.summary(report, reservoir: request.reservoirPath) { print(line) }
        for warning in report.train.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
    }

    /// What retrain did and what to do next, one line each.
    static func summary(_ report: RetrainReport, reservoir: String) -> [String] {
        let sample = report.sample
        let scored = sample.days.reduce(0) { $0 + $1.rowsScored }
        let span =
            sample.days.first.map { first in
                let last = sample.days.last?.day ?? first.day
                return first.day == last ? first.day.text : "\(first.day.text) to \(last.text)"
            } ?? "no day"
        let plural = sample.days.count == 1 ? "" : "s"
        let model = report.train.model
        let named = model.label.map { "\(model.modelVersion) (\($0))" } ?? model.modelVersion
        var lines = [
            "trained on \(sample.rowCount) rows sampled from \(reservoir): \(sample.days.count) day\(plural) ("
                + "\(span)), \(scored) rows scored, sampling rate \(String(format: "%.4f", sample.rate))",
            String(
                format: "registered %@ as challenger in %.2f s (parent %@, the champion)", named,
                report.train.seconds, report.parent),
        ]
        if sample.rowsWithOtherColumns > 0 {
            lines.append(
                "\(sample.rowsWithOtherColumns) rows of the window were left out: they lack an input column of the "
                    + "pipeline (scored by a model with other inputs)")
        }
        if !report.registration.added {
            lines.append("this version was registered before; its file is kept as it was")
        }
        lines.append(
            "champion stays \(report.parent); next: segmentd models diff champion challenger, then "
                + "segmentd models promote challenger")
        return lines
    }
}
