package import SegmentPlugin

/// Adds the price terms to offer each scored row's customer, by segment: a discount, a cashback rate and an
/// instalment plan length, bounded by optional caps.
///
/// Adds the columns `discount_pct`, `cashback_pct` and `installment_months`. Settings: see
/// `plugins/pricing/sample.toml`, which holds the defaults. The terms are resolved into a table indexed by segment
/// id when the plugin is built.
package struct PricingPlugin: ActionPlugin {
    /// Name `pricing`, version, summary and the embedded `sample.toml`.
    package static let descriptor = PluginDescriptor(
        name: "pricing", version: "1.1.0",
        summary: "adds each segment's discount %, cashback % and instalment months, within optional caps",
        sampleConfiguration: sampleText)

    /// The text of `sample.toml`, embedded at build time.
    static let sampleText = String(decoding: PackageResources.sample_toml, as: UTF8.self)

    /// The segment names `sample.toml` configures; a model without some of them is not an error.
    static let shippedSegments = PluginSettings.tableKeys("segments", inSample: sampleText)

    /// `discount_pct` and `cashback_pct` (floats, always written with a decimal point: `5.0`, `1.5`) and
    /// `installment_months` (integer); never null (a row whose segment id the model does not name is rejected).
    package let outputSchema = [
        PluginOutputColumn("discount_pct", .float), PluginOutputColumn("cashback_pct", .float),
        PluginOutputColumn("installment_months", .integer),
    ]

    private let settings: PricingSettings
    private let table: PricingTable

    /// Decodes the settings, applies the caps and resolves the terms for `context.segmentNames`.
    /// - Throws: `PluginError` for an unknown key, a wrong type, a negative value, a percentage above 100, or a
    ///   segment the model does not have.
    package init(settings: PluginSettings, context: PluginContext) throws(PluginError) {
        let decoded = try PricingSettings(settings, context: context, shippedSegments: Self.shippedSegments)
        self.settings = decoded
        table = PricingTable(settings: decoded, segmentNames: context.segmentNames)
        // Not an error (`[default]` exists for them), but `segmentd validate` shows it: a segment renamed by a
        // retrain silently falls back to the default terms otherwise.
        for name in Set(context.segmentNames).sorted() where decoded.segments[name] == nil {
            context.log(.warning, "pricing: segment \"\(name)\" has no entry in [segments]; it gets [default]")
        }
    }

    /// Starts a session; it uses the table built for the model's segments (rebuilt only if a batch names others).
    package func openSession(for file: PluginFile) throws(PluginError) -> any PluginFileSession {
        PricingSession(settings: settings, table: table)
    }
}
