import Logging
import SegmentCore
package import SegmentPlugin

/// The plugin part of `segmentd validate`: reads `plugins_dir` and builds every enabled plugin, as a start or
/// reload would, and reports each problem on its own.
package enum PluginValidator {
    /// Every problem of the plugin configuration (none when it would load), each naming its file and key. The
    /// model's segment names are given to the plugins when the model loads; otherwise they get none.
    package static func validate(_ settings: HostSettings, available: [any ActionPlugin.Type]) -> [PluginError] {
        let segmentNames = (try? SegmentScorer(model: ModelFile.load(path: settings.model)).segmentNames) ?? []
        let context = ScoringHost.pluginContext(
            settings: settings, segmentNames: segmentNames,
            logger: Logger(label: "segmentd.validate", factory: { _ in SwiftLogNoOpLogHandler() }))
        do {
            _ = try PluginSet.load(directory: settings.pluginsDirectory, available: available, context: context)
            return []
        } catch {
            return error.problems
        }
    }
}
