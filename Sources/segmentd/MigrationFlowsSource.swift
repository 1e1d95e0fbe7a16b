import MigrationPlugin
import PluginRegistry
import ScoringHost
import SegmentDaemon

/// The migration monitor's flows for `report --compare`: its settings file under `plugins_dir` names the history
/// (enabled or not: a disabled plugin's history still tells what happened while it ran).
enum MigrationFlowsSource {
    /// The flows of the last `lastFiles` files; nil when the plugin has no settings file or no history yet.
    static func flows(in configuration: DaemonConfiguration, lastFiles: Int) throws -> ReportFlows? {
        let (files, _) = PluginConfigFile.read(directory: configuration.pluginsDirectory, available: BuiltInPlugins.all)
        guard let file = files.first(where: { $0.name == "migration" && $0.path != nil }),
            let flows = try MigrationFlows.read(
                settings: file.settings, stateDirectory: configuration.stateDirectory, lastFiles: lastFiles)
        else { return nil }
        let codes = flows.names.indices
        let from = codes.filter { before in codes.contains { flows.count(before, $0) > 0 } }
        let to = codes.filter { after in after > 0 && codes.contains { flows.count($0, after) > 0 } }
        let label = { (code: Int) -> String in
            guard code > 0 else { return "new" }
            let name = flows.names[code]
            // The same name in two model lineages is two segments: the code tells them apart.
            return flows.names.filter { $0 == name }.count > 1 ? "\(name) #\(code)" : name
        }
        return ReportFlows(
            files: flows.files, fromNames: from.map(label), toNames: to.map(label),
            counts: from.flatMap { before in to.map { flows.count(before, $0) } })
    }
}
