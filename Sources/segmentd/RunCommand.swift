import ArgumentParser
import Foundation
import Logging
import PluginRegistry
import ScoringHost
import SegmentDaemon
import SegmentHTTP
import SegmentMetrics
import SegmentSupport

/// `segmentd run`: the inbox daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch the inbox and turn every complete CSV/JSONL file into scored files in the outbox.",
        discussion: """
            Examples:
              segmentd run
              segmentd run --once --config /srv/segmentd/etc/segmentd.toml
              segmentd run --test sample.csv > enriched.csv 2> rejects.csv
            """
    )

    @OptionGroup var daemonOptions: DaemonOptions

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Process what is in the inbox (and any interrupted work), then exit: 0 when every file was settled, "
                + "65 when a file failed, 75 when one was left for a retry (outbox unavailable)."))
    var once = false

    @Option(
        name: .customLong("test"),
        help: ArgumentHelp(
            "Score this one file through the enabled plugins: enriched rows to stdout, rejects (CSV) to "
                + "stderr; changes nothing.",
            valueName: "FILE"))
    var testFile: String?

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp(
            "Log only records at this level or above: "
                + Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                + " (default: log_level of the configuration, info).",
            valueName: "LEVEL"))
    var logLevel: String?

    func validate() throws {
        guard !(once && testFile != nil) else { throw ValidationError("--once and --test cannot be combined.") }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError(
                "--log-level \"\(logLevel)\" is not a level; use one of "
                    + Logger.Level.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
    }

    func run() async throws {
        let (configuration, file) = try DaemonConfigurationFile.load(daemonOptions.config)
        if let testFile {
            return try runTrial(testFile, configuration: configuration)
        }
        // The command line wins over the file; the configuration itself keeps the file's value, so a reload that
        // leaves log_level alone is not taken for a change that needs a restart.
        let level = logLevel.flatMap(Logger.Level.init(rawValue:)) ?? configuration.logLevel
        DaemonLogging.bootstrap(format: configuration.logFormat, level: level)
        SegmentMetrics.bootstrap()
        defer { MetricsDump.writeIfAsked() }
        let logger = Logger(label: "segmentd")
        let monitor = Self.monitor(configuration, logger: logger)
        let daemon = Daemon(
            configuration: configuration, configurationFile: file,
            processorFactory: {
                try HostFileProcessor(
                    configuration: $0, available: BuiltInPlugins.all, logger: logger, monitor: monitor)
            },
            logger: logger
        )
        do {
            if once {
                let summary = try await daemon.runOnce()
                print(
                    "scored \(summary.scored), duplicates \(summary.duplicates), failed \(summary.failed), "
                        + "deferred \(summary.deferred), completed earlier \(summary.completedEarlier)")
                if let code = Self.exitCode(of: summary) { throw ExitCode(code) }
            } else if configuration.http.enabled {
                // The HTTP server joins the daemon's service group: it stops after the intake, before the files in
                // progress are finished, and scores on the daemon's one blocking executor.
                let http = configuration.http
                try await daemon.run(services: { handle in
                    [
                        try HTTPService(
                            configuration: http, state: DaemonServerState(handle: handle, monitor: monitor),
                            logger: logger,
                            executor: handle.executor)
                    ]
                })
            } else {
                try await daemon.run()
            }
        } catch let error as DaemonError {
            FileHandle.standardError.write(Data("segmentd: \(error.message)\n".utf8))
            throw ExitCode(error.exitStatus.rawValue)
        }
    }

    /// The per-day windows and retrain checks of this run, at `<state_dir>/monitor.sqlite` (the state directory is
    /// restart-only, so one monitor serves every processor a reload builds; it opens the store at the first file).
    static func monitor(_ configuration: DaemonConfiguration, logger: Logger) -> RetrainMonitor {
        let stateDirectory = configuration.stateDirectory
        return RetrainMonitor(
            storePath: MonitorStore.path(stateDirectory: stateDirectory), logger: logger,
            recentRows: { model, window, now in
                // The reservoir's sample of the window's days; one that cannot be read leaves the quality rule
                // not evaluated (logged), the other rules are still evaluated.
                do throws(ReservoirError) {
                    return try ReservoirStore.recentRows(
                        stateDirectory: stateDirectory, model: model, window: window, now: now)
                } catch {
                    logger.warning("the quality rule has no recent rows: \(error.message)")
                    return nil
                }
            })
    }

    /// The exit status of a `--once` run that did not finish everything (sysexits.h): 65 (`EX_DATAERR`) when a file
    /// failed (it is in the failed directory with its `.error.json`), else 75 (`EX_TEMPFAIL`) when a file was left
    /// deferred (kept for a retry: the outbox could not take it); nil, exit 0, when every file was settled.
    static func exitCode(of summary: DaemonSummary) -> Int32? {
        if summary.failed > 0 { return 65 }
        if summary.deferred > 0 { return 75 }
        return nil
    }

    /// `--test FILE`: stdout and stderr carry only the two files, so nothing is logged.
    private func runTrial(_ input: String, configuration: DaemonConfiguration) throws {
        let silent = Logger(label: "segmentd.test", factory: { _ in SwiftLogNoOpLogHandler() })
        let result = try PluginTrial.run(
            input: input, settings: HostSettings(configuration), available: BuiltInPlugins.all, logger: silent)
        FileHandle.standardOutput.write(Data(result.scored))
        FileHandle.standardError.write(Data(result.rejects))
    }
}
