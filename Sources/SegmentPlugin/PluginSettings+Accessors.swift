import SegmentSupport

extension PluginSettings {
    /// The string at `key`, nil when absent.
    public func string(_ key: String) throws(PluginError) -> String? {
        try read { table throws(SettingsError) in try table.string(key) }
    }

    /// The string at `key`; throws when absent.
    public func requiredString(_ key: String) throws(PluginError) -> String {
        try read { table throws(SettingsError) in try table.requiredString(key) }
    }

    /// The integer at `key`, nil when absent; with `range`, a value outside it is an error.
    public func integer(_ key: String, in range: ClosedRange<Int>? = nil) throws(PluginError) -> Int? {
        try read { table throws(SettingsError) in try table.integer(key, in: range) }
    }

    /// The number at `key` (an integer is accepted too), nil when absent; with `range`, a value outside it is an
    /// error.
    public func number(_ key: String, in range: ClosedRange<Double>? = nil) throws(PluginError) -> Double? {
        try read { table throws(SettingsError) in try table.number(key, in: range) }
    }

    /// The boolean at `key`, nil when absent.
    public func boolean(_ key: String) throws(PluginError) -> Bool? {
        try read { table throws(SettingsError) in try table.boolean(key) }
    }

    /// The array of strings at `key`, nil when absent.
    public func strings(_ key: String) throws(PluginError) -> [String]? {
        try read { table throws(SettingsError) in try table.strings(key) }
    }

    /// The table at `key`, nil when absent. Its keys count as unknown unless read in turn.
    public func table(_ key: String) throws(PluginError) -> PluginSettings? {
        try read { table throws(SettingsError) in try table.table(key).map(PluginSettings.init) }
    }

    /// The array of tables at `key` (`[[key]]` in TOML, or an array of inline tables), nil when absent.
    public func tables(_ key: String) throws(PluginError) -> [PluginSettings]? {
        try read { table throws(SettingsError) in try table.tables(key)?.map(PluginSettings.init) }
    }

    private func read<Value>(_ body: (SettingsTable) throws(SettingsError) -> Value) throws(PluginError) -> Value {
        do throws(SettingsError) {
            return try body(table)
        } catch {
            throw PluginError(error)
        }
    }
}
