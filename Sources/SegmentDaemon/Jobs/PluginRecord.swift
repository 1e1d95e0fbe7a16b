/// What a manifest says about one plugin that ran on the file.
public struct PluginRecord: Codable, Sendable, Equatable {
    /// The plugin's name.
    public var name: String
    /// The plugin's version.
    public var version: String
    /// SHA-256 of its settings (sample and operator file): which configuration produced the columns.
    public var settingsSHA256: String
    /// Conditions it flagged, such as `downgrade_share_exceeded`.
    public var flags: [String]
    /// Counts and shares it reported.
    public var metrics: [String: Double]
    /// Rows it failed, which went to the rejects file.
    public var rowsFailed: Int

    /// Makes a record.
    public init(
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
