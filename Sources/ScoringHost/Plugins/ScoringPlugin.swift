package import SegmentPlugin

/// One enabled action plugin as the scorer runs it: the built plugin and what to do when it fails rows.
package struct ScoringPlugin: Sendable {
    /// The plugin's name, used in reject reasons (`plugin <name>: <message>`) and manifests.
    package let name: String
    /// The plugin's version, reported back with its outcome.
    package let version: String
    /// The built plugin.
    package let plugin: any ActionPlugin
    /// True for `on_error = "fail_file"`: a failed row or a thrown batch fails the whole file instead of
    /// rejecting the rows.
    package let failsFile: Bool

    /// Describes one plugin to run.
    package init(plugin: any ActionPlugin, failsFile: Bool) {
        let descriptor = type(of: plugin).descriptor
        name = descriptor.name
        version = descriptor.version
        self.plugin = plugin
        self.failsFile = failsFile
    }
}

/// What one plugin did to one file: its report and how many rows it failed.
package struct PluginOutcome: Sendable, Equatable {
    /// The plugin's name.
    package var name: String
    /// The plugin's version.
    package var version: String
    /// Flags and metrics the plugin returned from `finish`.
    package var report: PluginFileReport
    /// Rows this plugin failed (sent to the rejects file).
    package var rowsFailed: Int
    /// SHA-256 of its settings (sample and operator file), filled in by `PluginSet.outcomes(for:)`.
    package var settingsSHA256 = ""

    /// Makes an outcome.
    package init(name: String, version: String, report: PluginFileReport, rowsFailed: Int) {
        self.name = name
        self.version = version
        self.report = report
        self.rowsFailed = rowsFailed
    }
}
