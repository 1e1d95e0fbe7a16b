import ArgumentParser
import Foundation
import PluginRegistry
import ScoringHost
import SegmentDaemon
import SegmentPlugin
import SegmentSupport

/// `segmentd validate`: check configuration, pipeline, archetypes, model and directories; list every problem.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract:
            "Check the daemon configuration, pipeline, segments, model, plugins and directories; list every "
            + "problem and exit 78 (EX_CONFIG), or 0 when valid.",
        discussion: """
            Exits 0 when everything is valid, 78 when anything is not (the verdict, not an error of the command).
            Warnings (such as "retrain to apply") do not fail it.

            Examples:
              segmentd validate
              segmentd validate --config /srv/segmentd/etc/segmentd.toml
            """
    )

    @OptionGroup var daemonOptions: DaemonOptions

    func run() async throws {
        // A file with errors still yields the keys that decoded: directories, model and plugins are checked with
        // them, so one run lists everything.
        let (configuration, file, settingsProblems) = DaemonConfigurationFile.read(daemonOptions.config)
        let settings = HostSettings(configuration)
        let setup = SetupCheck.check(settings)
        let plugins = PluginValidator.check(settings, available: BuiltInPlugins.all)
        let problems =
            settingsProblems.map { ValidationProblem(key: "config", message: $0.description) }
            + DaemonValidator.validate(configuration) + setup.problems
            + plugins.problems.map { ValidationProblem(key: "plugins", message: $0.description) }
        let warnings = setup.warnings + plugins.warnings + Self.pluginsDirectoryWarning(configuration)
        for warning in warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        print("configuration: \(file ?? "none (built-in defaults)"); base directory: \(configuration.baseDirectory)")
        guard problems.isEmpty else {
            for problem in problems { FileHandle.standardError.write(Data("problem: \(problem)\n".utf8)) }
            throw ExitCode(ExitStatus.configuration.rawValue)
        }
        print("configuration, pipeline, segments, model, plugins and directories are valid")
    }

    /// A default `plugins_dir` that does not exist is allowed (no plugins run) but said; a configured one that
    /// does not exist is a problem (``PluginValidator``).
    private static func pluginsDirectoryWarning(_ configuration: DaemonConfiguration) -> [String] {
        guard !configuration.keysSet.contains("plugins_dir"),
            !FileManager.default.fileExists(atPath: configuration.pluginsDirectory)
        else { return [] }
        return [
            "plugins_dir: \(configuration.pluginsDirectory) does not exist, so no plugin runs; create it to "
                + "configure plugins"
        ]
    }
}

/// The checks `validate` adds to the daemon's own: the files that say how to score.
enum SetupCheck {
    /// Problems of the pipeline, segments and model files, and the warnings for training inputs edited since the
    /// model was trained ("retrain to apply").
    static func check(_ settings: HostSettings) -> (problems: [ValidationProblem], warnings: [String]) {
        var problems: [ValidationProblem] = []
        do {
            try TrainJob.checkConfiguration(pipelinePath: settings.pipeline, segmentsPath: settings.segments)
        } catch {
            problems += lines(of: error).map { ValidationProblem(key: "pipeline/segments", message: $0) }
        }
        let source = settings.modelSource
        do {
            try ScoreJob.checkModel(source)
        } catch {
            problems.append(
                ValidationProblem(key: "model", message: "\(error) (train one with `segmentd train DATA`)"))
            return (problems, [])
        }
        // A pipeline file that does not load was reported above; comparing with it would say the same again.
        guard problems.isEmpty else { return (problems, []) }
        do {
            let warnings = try ModelFit.retrainWarnings(
                try source.load(), modelPath: source.description,
                pipelinePath: settings.pipeline, segmentsPath: settings.segments)
            return (problems, warnings)
        } catch {
            problems.append(ValidationProblem(key: "model", message: String(describing: error)))
            return (problems, [])
        }
    }

    /// A settings error lists one problem per line (every key of the file); each is a problem of its own.
    private static func lines(of error: any Error) -> [String] {
        String(describing: error).split(separator: "\n").map(String.init)
    }
}
