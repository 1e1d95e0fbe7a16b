import ArgumentParser
import Foundation
import ScoringHost
import SegmentDaemon
import SegmentIO
import SegmentSupport

/// The daemon configuration option every command that reads the configuration shares.
struct DaemonOptions: ParsableArguments {
    /// Default location of the daemon's configuration, relative to the working directory.
    static let defaultPath = "etc/segmentd.toml"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Daemon configuration (default: etc/segmentd.toml if it exists, else built-in defaults). Relative "
                + "paths in it resolve against its base_dir: the parent of the directory holding it.",
            valueName: "FILE"))
    var config: String?
}

/// The model option shared by the commands that read a model.
struct ModelOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Model file, or registry:REF (an alias, version, label or prefix) (default: the configuration's `model`).",
            valueName: "MODEL"))
    var model: String?
}

/// Finds and reads the daemon configuration: an explicit path must exist; the default may be absent (built-in
/// defaults, paths relative to the working directory). Every path comes back absolute.
enum DaemonConfigurationFile {
    /// The configuration, resolved, and the absolute path of its file (nil: built-in defaults).
    /// - Throws: `ConfigurationError` listing every problem of the file.
    static func load(_ explicit: String?) throws -> (DaemonConfiguration, String?) {
        guard let path = path(explicit) else { return (defaults, nil) }
        return (try DaemonConfiguration.load(path: path), path)
    }

    /// Like ``load(_:)``, but never throws: the keys that decoded and every problem, for `validate`.
    static func read(_ explicit: String?) -> (DaemonConfiguration, String?, [SettingsError]) {
        guard let path = path(explicit) else { return (defaults, nil, []) }
        let (configuration, problems) = DaemonConfiguration.read(path: path)
        return (configuration, path, problems)
    }

    /// The absolute path of the configuration file to read, nil when the default one is absent.
    private static func path(_ explicit: String?) -> String? {
        let path = explicit ?? DaemonOptions.defaultPath
        if explicit == nil, !FileManager.default.fileExists(atPath: path) { return nil }
        return Path.absolute(path, base: FileManager.default.currentDirectoryPath)
    }

    private static var defaults: DaemonConfiguration {
        DaemonConfiguration().resolvingPaths(
            configurationFile: nil, workingDirectory: FileManager.default.currentDirectoryPath)
    }
}

/// The one answer, for every command, to "which model, pipeline and segments": the file given on the command line
/// (relative to the working directory), else the one the configuration names. A model may also be a registry
/// reference, `registry:champion` (``ModelSource``), resolved against the configuration's base directory.
enum ConfiguredFiles {
    /// Where the model is read from (`score`, `inspect`, `validate`, the daemon).
    static func model(_ explicit: String?, in configuration: DaemonConfiguration) -> ModelSource {
        guard let explicit else { return ModelSource(configuration.model, baseDirectory: configuration.baseDirectory) }
        let value = ModelLocation.isRegistryReference(explicit) ? explicit : absolute(explicit)
        return ModelSource(value, baseDirectory: configuration.baseDirectory)
    }

    /// The same, reading the configuration (`--config`, else the default file) only when no file is given, so an
    /// explicit `--model FILE` works without a configuration.
    static func model(_ explicit: String?, configurationFile: String?) throws -> ModelSource {
        if let explicit, !ModelLocation.isRegistryReference(explicit) {
            return ModelSource(absolute(explicit), baseDirectory: FileManager.default.currentDirectoryPath)
        }
        return model(explicit, in: try DaemonConfigurationFile.load(configurationFile).0)
    }

    /// The model registry of the configuration's tree: `<base_dir>/var/models`.
    static func registry(in configuration: DaemonConfiguration) -> ModelRegistry {
        ModelRegistry(baseDirectory: configuration.baseDirectory)
    }

    /// A model named on the command line where a file or a registry entry may be meant (`train --previous`): an
    /// existing file, else `registry:REF` or a bare version, label or alias of the registry; the path to load.
    static func modelFile(_ value: String, in configuration: DaemonConfiguration) throws -> String {
        if ModelLocation.isRegistryReference(value) { return try model(value, in: configuration).path() }
        let path = absolute(value)
        if FileManager.default.fileExists(atPath: path) { return path }
        let registry = registry(in: configuration)
        if let version = try? registry.resolve(value) { return registry.path(of: version) }
        return path
    }

    /// The pipeline spec to train or check with; nil is the built-in one (no file at the default location).
    static func pipeline(_ explicit: String?, in configuration: DaemonConfiguration) -> String? {
        explicit.map(absolute) ?? configuration.configuredFile("pipeline", configuration.pipeline)
    }

    /// The segment archetypes to train or check with; nil is the built-in ones.
    static func segments(_ explicit: String?, in configuration: DaemonConfiguration) -> String? {
        explicit.map(absolute) ?? configuration.configuredFile("segments", configuration.segments)
    }

    /// A command-line path made absolute against the working directory, so messages show where it is.
    static func absolute(_ path: String) -> String {
        Path.absolute(path, base: FileManager.default.currentDirectoryPath)
    }
}
