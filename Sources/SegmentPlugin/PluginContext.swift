/// What the host tells a plugin when it builds it.
public struct PluginContext: Sendable {
    /// Directory for the plugin's durable state (the daemon's `state_dir`, by default `var/`). A plugin keeps its
    /// files under it, named after itself, e.g. `var/migration.sqlite`.
    public let stateDirectory: String
    /// Directory relative paths in the plugin's settings are resolved against: the configuration's base directory
    /// (`base_dir`, by default the parent of the directory holding `etc/segmentd.toml`), never the working directory.
    public let baseDirectory: String
    /// The segment names of the model in use, by segment id; a plugin may check that its settings name real ones.
    public let segmentNames: [String]
    /// Writes one line to the daemon's log on the plugin's behalf.
    public let log: @Sendable (PluginLogLevel, String) -> Void

    /// Makes a context.
    public init(
        stateDirectory: String, baseDirectory: String, segmentNames: [String],
        log: @escaping @Sendable (PluginLogLevel, String) -> Void = { _, _ in }
    ) {
        self.stateDirectory = stateDirectory
        self.baseDirectory = baseDirectory
        self.segmentNames = segmentNames
        self.log = log
    }
}

/// How loud a plugin's log line is.
public enum PluginLogLevel: String, Sendable {
    case debug, info, warning, error
}

/// The input file a session works on.
public struct PluginFile: Sendable, Equatable {
    /// The input's file name as it arrived in the inbox.
    public let name: String
    /// SHA-256 of the input's bytes (lowercase hex): the identity of its content. Processing the same content again
    /// (after a crash, or a rescore) must give the same columns.
    ///
    /// Nil when the host hashes the input while scoring it, so as not to read it twice; it then gives the digest
    /// to `PluginFileSession.identify(sha256:)` after the last batch, before `finish`.
    public let sha256: String?
    /// The model version the rows were scored with.
    public let modelVersion: String
    /// The first version of that model's lineage (the root of its `train --previous` chain): models with the same
    /// lineage were matched to one another, so their segment ids are comparable; nil when the host does not say.
    public let modelLineage: String?
    /// True for a trial (`segmentd run --test`): the session must not change any state, only compute.
    public let isTrial: Bool

    /// Describes an input file.
    public init(name: String, sha256: String?, modelVersion: String, modelLineage: String? = nil, isTrial: Bool) {
        self.name = name
        self.sha256 = sha256
        self.modelVersion = modelVersion
        self.modelLineage = modelLineage
        self.isTrial = isTrial
    }
}
