import Logging
import SegmentCore
import SegmentIO
public import SegmentPlugin

/// The plugin part of `segmentd validate`: reads `plugins_dir` and builds every enabled plugin, as a start or
/// reload would, and reports each problem on its own.
public enum PluginValidator {
    /// Every problem of the plugin configuration (none when it would load). The model's segment names are given to
    /// the plugins when the model loads; otherwise they get none.
    public static func validate(_ configuration: DaemonConfiguration, available: [any ActionPlugin.Type])
        -> [ValidationProblem]
    {
        let segmentNames = (try? SegmentScorer(model: ModelFile.load(path: configuration.model)).segmentNames) ?? []
        let context = ModelFileProcessor.pluginContext(
            configuration: configuration, segmentNames: segmentNames,
            logger: Logger(label: "segmentd.validate", factory: { _ in SwiftLogNoOpLogHandler() }))
        do {
            _ = try PluginSet.load(directory: configuration.pluginsDirectory, available: available, context: context)
            return []
        } catch {
            return error.problems.map { ValidationProblem(key: "plugins", message: $0.description) }
        }
    }
}
