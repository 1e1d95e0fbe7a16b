/// What a manifest says about one plugin that ran on the file.
package struct PluginRecord: Codable, Sendable, Equatable {
    /// The plugin's name.
    package var name: String
    /// The plugin's version.
    package var version: String
    /// SHA-256 of its settings (sample and operator file): which configuration produced the columns.
    package var settingsSHA256: String
    /// Conditions it flagged, such as `downgrade_share_exceeded`.
    package var flags: [String]
    /// Counts and shares it reported.
    package var metrics: [String: Double]
    /// Rows it failed, which went to the rejects file.
    package var rowsFailed: Int

    /// Makes a record.
    package init(
        name: String, version: String, settingsSHA256: String, flags: [String], metrics: [String: Double],
        rowsFailed: Int
    ) {
        self.name = name
        self.version = version
        self.settingsSHA256 = settingsSHA256
        self.flags = flags
        self.metrics = metrics
        self.rowsFailed = rowsFailed
    }

    enum CodingKeys: String, CodingKey {
        case name, version, flags, metrics
        case settingsSHA256 = "settings_sha256"
        case rowsFailed = "rows_failed"
    }
}
