import SegmentSupport

extension DaemonConfiguration {
    /// Reads and decodes the TOML file at `path`. Keys it does not set keep their defaults.
    package static func load(path: String) throws(ConfigurationError) -> DaemonConfiguration {
        do throws(SettingsError) {
            return try DaemonConfiguration(reading: SettingsTable.load(path: path))
        } catch {
            throw ConfigurationError(error)
        }
    }

    /// Decodes TOML text; `source` names it in error messages. Unknown keys are rejected.
    package init(tomlText: String, source: String) throws(ConfigurationError) {
        do throws(SettingsError) {
            try self.init(reading: SettingsTable.parse(tomlText, file: source))
        } catch {
            throw ConfigurationError(error)
        }
    }

    /// Applies every key of ``settings`` that `table` sets, then rejects the keys segmentd does not know.
    init(reading table: SettingsTable) throws(SettingsError) {
        self.init()
        for setting in Self.settings {
            try setting.apply(&self, table)
        }
        try table.rejectUnreadKeys()
    }
}
