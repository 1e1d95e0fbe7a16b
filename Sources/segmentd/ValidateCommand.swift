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
            "Check the daemon configuration, pipeline, segments, model, plugins and directories; exit "
            + "78 (EX_CONFIG) listing every problem.",
        discussion: """
            Exits 0 when everything is valid, 78 when anything is not (the verdict, not an error of the command).

            Examples:
              segmentd validate
              segmentd validate --config /srv/segmentd/etc/segmentd.toml
            """
    )

    @OptionGroup var daemonOptions: DaemonOptions

    func run() async throws {
        let problems: [ValidationProblem]
        do {
            let (configuration, _) = try DaemonConfigurationFile.load(daemonOptions.config)
            problems =
                DaemonValidator.validate(configuration)
                + SetupCheck.problems(
                    pipeline: configuration.pipeline, segments: configuration.segments, model: configuration.model
                )
                + PluginValidator.validate(HostSettings(configuration), available: BuiltInPlugins.all).map {
                    ValidationProblem(key: "plugins", message: $0.description)
                }
        } catch {
            problems = [ValidationProblem(key: "config", message: String(describing: error))]
        }
        guard problems.isEmpty else {
            for problem in problems { FileHandle.standardError.write(Data("problem: \(problem)\n".utf8)) }
            throw ExitCode(ExitStatus.configuration.rawValue)
        }
        print("configuration, pipeline, segments, model, plugins and directories are valid")
    }
}

/// The checks `validate` adds to the daemon's own: the files that say how to score.
enum SetupCheck {
    static func problems(pipeline: String, segments: String, model: String) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        do {
            try TrainJob.checkConfiguration(
                pipelinePath: configuredOrBuiltIn(pipeline, default: DefaultPaths.pipeline),
                segmentsPath: configuredOrBuiltIn(segments, default: DefaultPaths.segments)
            )
        } catch {
            problems.append(ValidationProblem(key: "pipeline/segments", message: String(describing: error)))
        }
        do {
            try ScoreJob.checkModel(path: model)
        } catch {
            problems.append(
                ValidationProblem(
                    key: "model", message: "\(error) (train one with `segmentd train DATA`)"
                ))
            return problems
        }
        // A pipeline file that does not load was reported above; comparing with it would say the same again.
        guard problems.isEmpty else { return problems }
        do {
            let later = try ModelFit.requireCompatible(
                try ModelFile.load(path: model), modelPath: model, pipelinePath: pipeline)
            if let warning = ModelFit.retrainWarning(later, modelPath: model, pipelinePath: pipeline) {
                FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
            }
        } catch {
            problems.append(ValidationProblem(key: "model", message: String(describing: error)))
        }
        return problems
    }

    /// The configured path, or nil (the built-in text) when it is the default path and that file is absent.
    private static func configuredOrBuiltIn(_ path: String, default defaultPath: String) -> String? {
        path == defaultPath && !FileManager.default.fileExists(atPath: path) ? nil : path
    }
}
