import ArgumentParser
import Logging
import PluginRegistry
import ScoringHost
import SegmentDaemon

/// `segmentd schema`: the output schema of the scored files under a configuration, as JSON.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the output schema of the scored files (columns, types, nullability, plugin) as JSON.",
        discussion: """
            The schema follows from the configuration's model and enabled plugins (with their order and settings),
            so every file scored under one configuration has it. The bytes printed are the ones whose SHA-256 each
            scored manifest carries as schema_sha256.

            Example: segmentd schema --config /srv/segmentd/etc/segmentd.toml > scored.schema.json
            """
    )

    @OptionGroup var daemonOptions: DaemonOptions

    func run() async throws {
        let (configuration, _) = try DaemonConfigurationFile.load(daemonOptions.config)
        // The same host the daemon builds (model, then plugins); plugin warnings are not part of the schema.
        let host = try ScoringHost(
            settings: HostSettings(configuration), availablePlugins: BuiltInPlugins.all,
            logger: Logger(label: "segmentd.schema", factory: { _ in SwiftLogNoOpLogHandler() }))
        print(host.outputSchema.json, terminator: "")
    }
}
