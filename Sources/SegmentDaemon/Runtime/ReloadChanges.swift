import Logging

/// What a reload changed, for the `reloaded` log line: the configuration keys whose effective value differs, the
/// plugins added, removed or changed (version, order or settings file), and the model version before and after.
struct ReloadChanges: Sendable, Equatable {
    /// Keys of `segmentd.toml` whose effective value changed, in the documented order.
    var keys: [String]
    /// Plugins enabled now and not before, in the order they run.
    var pluginsAdded: [String]
    /// Plugins enabled before and not now.
    var pluginsRemoved: [String]
    /// Plugins enabled before and now whose version or settings (their whole file: order, on_error, keys) changed.
    var pluginsChanged: [String]
    var previousModelVersion: String
    var modelVersion: String

    init(
        from old: DaemonConfiguration, _ oldPlugins: [EnabledPlugin], model oldModel: String,
        to new: DaemonConfiguration, _ newPlugins: [EnabledPlugin], model newModel: String
    ) {
        keys = DaemonConfiguration.settings.filter { $0.render(old) != $0.render(new) }.map(\.key)
        let before = Dictionary(oldPlugins.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(newPlugins.map(\.name))
        pluginsAdded = newPlugins.map(\.name).filter { before[$0] == nil }
        pluginsRemoved = oldPlugins.map(\.name).filter { !after.contains($0) }
        pluginsChanged = newPlugins.filter { plugin in before[plugin.name].map { $0 != plugin } ?? false }.map(\.name)
        previousModelVersion = oldModel
        modelVersion = newModel
    }

    /// The line's metadata: every list present (empty when nothing of that kind changed), so a query need not
    /// guess whether a missing field means "nothing".
    var metadata: Logger.Metadata {
        [
            "keys_changed": .array(keys.map { .string($0) }),
            "plugins_added": .array(pluginsAdded.map { .string($0) }),
            "plugins_removed": .array(pluginsRemoved.map { .string($0) }),
            "plugins_changed": .array(pluginsChanged.map { .string($0) }),
            "previous_model_version": .string(previousModelVersion),
            "model_version": .string(modelVersion),
            "model_changed": .stringConvertible(previousModelVersion != modelVersion),
        ]
    }
}
