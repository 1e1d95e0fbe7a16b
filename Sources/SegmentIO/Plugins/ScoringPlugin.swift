public import SegmentPlugin

/// One enabled action plugin as the scorer runs it: the built plugin and what to do when it fails rows.
public struct ScoringPlugin: Sendable {
    /// The plugin's name, used in reject reasons (`plugin <name>: <message>`) and manifests.
    public let name: String
    /// The plugin's version, reported back with its outcome.
    public let version: String
    /// The built plugin.
    public let plugin: any ActionPlugin
    /// True for `on_error = "fail_file"`: a failed row or a thrown batch fails the whole file instead of
    /// rejecting the rows.
    public let failsFile: Bool

    /// Describes one plugin to run.
    public init(plugin: any ActionPlugin, failsFile: Bool) {
        let descriptor = type(of: plugin).descriptor
        name = descriptor.name
        version = descriptor.version
        self.plugin = plugin
        self.failsFile = failsFile
    }
}

/// What the scorer hands the plugins of one file: the plugins in order, the file they work on, and where their
/// artifacts go.
public struct PluginScoring {
    /// The enabled plugins, in the order their columns are appended.
    public var plugins: [ScoringPlugin]
    /// The input file the sessions are opened for.
    public var file: PluginFile
    /// Receives the lines of the plugins' artifacts (`<stem>.<suffix>` in the outbox).
    public var artifacts: any PluginArtifactWriter
    /// Required when `file.sha256` is nil: the input's SHA-256, asked for once the whole input was read (the caller
    /// hashes the input through `FileScorer.score`'s `observer`). The scorer passes it to the sessions'
    /// `identify(sha256:)` before finishing them. It may throw to stop the file before any plugin finishes (the daemon
    /// does when another input with the same content is committed instead): the sessions are then cancelled and the
    /// scorer throws `RecordError.Code.stoppedByCaller`.
    public var digestAfterReading: (() throws -> String)?

    /// Describes the plugin work for one file.
    public init(
        plugins: [ScoringPlugin], file: PluginFile, artifacts: any PluginArtifactWriter,
        digestAfterReading: (() throws -> String)? = nil
    ) {
        self.plugins = plugins
        self.file = file
        self.artifacts = artifacts
        self.digestAfterReading = digestAfterReading
    }
}

/// What one plugin did to one file: its report and how many rows it failed.
public struct PluginOutcome: Sendable, Equatable {
    /// The plugin's name.
    public var name: String
    /// The plugin's version.
    public var version: String
    /// Flags and metrics the plugin returned from `finish`.
    public var report: PluginFileReport
    /// Rows this plugin failed (sent to the rejects file).
    public var rowsFailed: Int

    /// Makes an outcome.
    public init(name: String, version: String, report: PluginFileReport, rowsFailed: Int) {
        self.name = name
        self.version = version
        self.report = report
        self.rowsFailed = rowsFailed
    }
}
