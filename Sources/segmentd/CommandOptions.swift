import ArgumentParser
import Foundation
import ScoringHost
import SegmentDaemon
import SegmentIO

/// The daemon configuration option shared by `run`, `validate` and `train`.
struct DaemonOptions: ParsableArguments {
    /// Default location of the daemon's configuration.
    static let defaultPath = "etc/segmentd.toml"

    @Option(name: .long, help: "Daemon configuration (default: etc/segmentd.toml, else built-in defaults).")
    var config: String?
}

/// The model file option shared by the commands that read or write a model.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: "Model file.")
    var model: String = DefaultPaths.model
}

/// Finds the daemon configuration: an explicit path must exist; the default may be absent (built-in defaults).
enum DaemonConfigurationFile {
    static func load(_ explicit: String?) throws -> (DaemonConfiguration, String?) {
        let path = explicit ?? DaemonOptions.defaultPath
        if explicit == nil, !FileManager.default.fileExists(atPath: path) {
            return (DaemonConfiguration(), nil)
        }
        return (try DaemonConfiguration.load(path: path), path)
    }
}
