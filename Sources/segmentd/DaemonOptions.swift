import ArgumentParser

/// The daemon configuration option shared by `run`, `validate` and `train`.
struct DaemonOptions: ParsableArguments {
    /// Default location of the daemon's configuration.
    static let defaultPath = "etc/segmentd.toml"

    @Option(name: .long, help: "Daemon configuration (default: etc/segmentd.toml, else built-in defaults).")
    var config: String?
}
