import ArgumentParser
import Foundation
import PluginRegistry
import ScoringHost
import SegmentDaemon
import SegmentSupport

/// `segmentd plugins`: every built-in action plugin with its version, state, order, settings file and summary.
struct PluginsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract:
            "List the built-in action plugins: version, state (enabled/disabled/not configured), order, settings file.",
        discussion: """
            Exits 78 (EX_CONFIG) listing the problems when a plugin's settings cannot be used.

            Example:
              segmentd plugins --config /srv/segmentd/etc/segmentd.toml
            """
    )

    @OptionGroup var daemonOptions: DaemonOptions

    func run() async throws {
        let (configuration, _) = try DaemonConfigurationFile.load(daemonOptions.config)
        let listing = PluginListing(
            pluginsDirectory: configuration.pluginsDirectory, available: BuiltInPlugins.all,
            required: configuration.keysSet.contains("plugins_dir"))
        print(listing.text, terminator: "")
        guard listing.problems.isEmpty else {
            for problem in listing.problems { FileHandle.standardError.write(Data("problem: \(problem)\n".utf8)) }
            throw ExitCode(ExitStatus.configuration.rawValue)
        }
    }
}
