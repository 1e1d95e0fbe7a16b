import Logging
import SegmentCore
package import SegmentPlugin
import Synchronization

/// The plugin part of `segmentd validate`: reads `plugins_dir` and builds every enabled plugin, as a start or
/// reload would, and reports each problem on its own.
package enum PluginValidator {
    /// What building the plugins found: problems (the daemon would not start) and warnings (it would, but
    /// something is likely not what the operator meant, such as a segment no plugin table lists).
    package struct Findings: Sendable {
        package var problems: [PluginError]
        package var warnings: [String]
    }

    /// Every problem of the plugin configuration (none when it would load), each naming its file and key. The
    /// model's segment names are given to the plugins when the model loads; otherwise they get none.
    package static func validate(_ settings: HostSettings, available: [any ActionPlugin.Type]) -> [PluginError] {
        check(settings, available: available).problems
    }

    /// Problems and the warnings the plugins log while they are built (a segment without a rank, a segment that
    /// gets the `[default]` entry).
    package static func check(_ settings: HostSettings, available: [any ActionPlugin.Type]) -> Findings {
        let segmentNames = (try? SegmentScorer(model: settings.modelSource.load()).segmentNames) ?? []
        let warnings = Mutex<[String]>([])
        let base = ScoringHost.pluginContext(
            settings: settings, segmentNames: segmentNames,
            logger: Logger(label: "segmentd.validate", factory: { _ in SwiftLogNoOpLogHandler() }))
        let context = PluginContext(
            stateDirectory: base.stateDirectory, baseDirectory: base.baseDirectory, segmentNames: segmentNames,
            log: { level, message in
                guard level == .warning || level == .error else { return }
                warnings.withLock { $0.append(message) }
            })
        var problems: [PluginError] = []
        do {
            _ = try PluginSet.load(
                directory: settings.pluginsDirectory, available: available, context: context,
                required: settings.pluginsDirectoryRequired)
        } catch {
            problems = error.problems
        }
        return Findings(problems: problems, warnings: warnings.withLock { $0 })
    }
}
