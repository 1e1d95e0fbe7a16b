package import SegmentPlugin

/// Maps each scored row's segment to a campaign id and a delivery channel, optionally routing rows by the
/// confidence of their assignment (e.g. unsure rows to an analyst's review queue).
///
/// Adds the columns `campaign` and `channel`. Settings: see `plugins/campaign/sample.toml`, which holds the
/// defaults. The settings are resolved into a table indexed by segment id when the plugin is built.
package struct CampaignPlugin: ActionPlugin {
    /// Name `campaign`, version, summary and the embedded `sample.toml`.
    package static let descriptor = PluginDescriptor(
        name: "campaign", version: "1.0.0",
        summary: "maps each segment to a campaign id and a channel, with optional confidence rules",
        sampleConfiguration: sampleText)

    /// The text of `sample.toml`, embedded at build time.
    static let sampleText = String(decoding: PackageResources.sample_toml, as: UTF8.self)

    /// The segment names `sample.toml` configures; a model without some of them is not an error.
    static let shippedSegments = PluginSettings.tableKeys("segments", inSample: sampleText)

    /// `campaign` and `channel`: strings, never null (a row whose segment id the model does not name is rejected).
    package let outputSchema = [PluginOutputColumn("campaign", .string), PluginOutputColumn("channel", .string)]

    private let settings: CampaignSettings
    private let table: CampaignTable

    /// Decodes the settings and resolves them for `context.segmentNames`.
    /// - Throws: `PluginError` for an unknown key, a wrong type, an empty name, a rule without a condition or
    ///   outside 0...1, or a segment the model does not have.
    package init(settings: PluginSettings, context: PluginContext) throws(PluginError) {
        let decoded = try CampaignSettings(settings, context: context, shippedSegments: Self.shippedSegments)
        self.settings = decoded
        table = CampaignTable(settings: decoded, segmentNames: context.segmentNames)
        // Not an error (`[default]` exists for them), but `segmentd validate` shows it: a segment renamed by a
        // retrain silently falls back to the default terms otherwise.
        for name in Set(context.segmentNames).sorted() where decoded.segments[name] == nil {
            context.log(.warning, "campaign: segment \"\(name)\" has no entry in [segments]; it gets [default]")
        }
    }

    /// Starts a session; it uses the table built for the model's segments (rebuilt only if a batch names others).
    package func openSession(for file: PluginFile) throws(PluginError) -> any PluginFileSession {
        CampaignSession(settings: settings, table: table)
    }
}
