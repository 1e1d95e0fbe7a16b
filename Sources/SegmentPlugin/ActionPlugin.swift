/// An action plugin: after a file is scored, it adds the columns a business acts on (a campaign, a price, a
/// migration flag) to every row.
///
/// A plugin never touches files. The host decodes its settings once, builds it, and for every input file opens a
/// `PluginFileSession` that receives the scored rows in batches, in file order, and returns the added columns.
/// One plugin value serves several files at once (the daemon's workers), so it holds only immutable settings or
/// state it protects itself; everything per file lives in the session.
public protocol ActionPlugin: Sendable {
    /// Name, version, summary and the embedded `sample.toml` of this kind of plugin.
    static var descriptor: PluginDescriptor { get }

    /// Builds the plugin from its settings (the plugin's keys of `etc/plugins.d/<name>.toml` laid over its
    /// `sample.toml`). Reads every key it knows with `settings`' typed accessors; the host then rejects every key
    /// it did not read (``configured(settings:context:)``), so a typo is an error naming the file, line and key.
    /// - Throws: `PluginError` naming the file, key and expected type or value.
    init(settings: PluginSettings, context: PluginContext) throws(PluginError)

    /// The columns this plugin appends to every scored row, in order, each with its type and nullability. Fixed once
    /// the plugin is built: it is part of the configuration's output schema (`segmentd schema`), the same for every
    /// file. The host writes each value by the declared type and rejects a row whose value does not fit it.
    var outputSchema: [PluginOutputColumn] { get }

    /// Whether the batches must carry the model's input values (`ScoredBatch.inputValues`); false by default,
    /// which saves copying them.
    var needsInputValues: Bool { get }

    /// Starts work on one input file. Throwing fails the file as a whole with the error's message.
    func openSession(for file: PluginFile) throws(PluginError) -> any PluginFileSession
}

extension ActionPlugin {
    public var needsInputValues: Bool { false }

    /// The names of ``outputSchema``, in order.
    public var outputColumns: [String] { outputSchema.map(\.name) }
}

/// The fixed facts about a kind of plugin, shown by `segmentd plugins` and written into manifests.
public struct PluginDescriptor: Sendable, Equatable {
    /// The plugin's name: its folder under `plugins/` and its file `etc/plugins.d/<name>.toml`.
    public let name: String
    /// The plugin's own version, recorded in every manifest it contributed to.
    public let version: String
    /// One line saying what the plugin adds.
    public let summary: String
    /// The text of the plugin's `sample.toml`: documented settings whose values are the plugin's defaults.
    public let sampleConfiguration: String

    /// Describes a plugin.
    public init(name: String, version: String, summary: String, sampleConfiguration: String) {
        self.name = name
        self.version = version
        self.summary = summary
        self.sampleConfiguration = sampleConfiguration
    }
}
