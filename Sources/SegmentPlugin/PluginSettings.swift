import SegmentSupport

/// A plugin's settings: one TOML table with strict, typed accessors, for plugin authors. Every error names the
/// file the value came from, its line and column, the dotted key, the value found and what to write instead.
///
/// A plugin reads the keys it knows; it does not check for unknown ones. The host does, once the plugin is built
/// (``ActionPlugin/configured(settings:context:)``): any key the plugin did not ask for is rejected as unknown,
/// with the closest key it did ask for as a suggestion.
public struct PluginSettings: Sendable, Equatable {
    let table: SettingsTable

    init(_ table: SettingsTable) {
        self.table = table
    }

    /// The file this table came from (for a merged table, the file of its first definition).
    public var source: String { table.file }
    /// Dotted path of this table, empty for a file's top level.
    public var path: String { table.path }

    /// Parses a TOML document; `source` names it in errors (usually its path).
    public static func parse(_ text: String, source: String) throws(PluginError) -> PluginSettings {
        do throws(SettingsError) {
            return PluginSettings(try SettingsTable.parse(text, file: source))
        } catch {
            throw PluginError(error)
        }
    }

    /// An empty table.
    public init(source: String) {
        self.init(SettingsTable(file: source))
    }

    /// The keys present at this level, sorted. Listing them does not count as reading them.
    public var keys: [String] { table.keys }

    /// `other` laid over these settings: tables merge key by key, other values are replaced. The host lays an
    /// operator's `etc/plugins.d/<name>.toml` over the plugin's `sample.toml` this way.
    public func overlaid(by other: PluginSettings) -> PluginSettings {
        PluginSettings(table.overlaid(by: other.table))
    }

    /// These settings without `keys` (the host removes its own keys before handing the rest to the plugin).
    public func removing(_ keys: [String]) -> PluginSettings {
        PluginSettings(table.removing(keys))
    }

    /// Whether `key` is present. Asking does not count as reading it.
    public func contains(_ key: String) -> Bool { table.contains(key) }

    /// The dotted path of `key` in this table.
    public func keyPath(_ key: String) -> String { table.keyPath(key) }

    /// `key` holds the right type but an unusable value; `problem` names the value, `fix` says what would do.
    public func invalidValue(_ key: String, problem: String, fix: String) -> PluginError {
        PluginError(table.invalid(key, problem: problem, fix: fix))
    }

    /// A problem with this table as a whole (such as a rule without a condition), located at its header.
    public func invalidTable(problem: String, fix: String) -> PluginError {
        PluginError(table.invalidTable(problem: problem, fix: fix))
    }

    /// The required `key` is absent; `expected` says what to write, e.g. "an integer".
    public func missing(_ key: String, expected: String) -> PluginError {
        PluginError(table.missing(key, expected: expected))
    }

    /// Rejects every key no reader asked for. The host calls it after building a plugin.
    package func rejectUnreadKeys() throws(PluginError) {
        do throws(SettingsError) {
            try table.rejectUnreadKeys()
        } catch {
            throw PluginError(error)
        }
    }
}

extension ActionPlugin {
    /// Builds the plugin from `settings`, then rejects every key of `settings` it did not read, so a typo is an
    /// error naming the file, line and key, whether or not the plugin checks. The host builds plugins this way.
    public static func configured(settings: PluginSettings, context: PluginContext) throws(PluginError) -> Self {
        let plugin = try Self(settings: settings, context: context)
        try settings.rejectUnreadKeys()
        return plugin
    }
}
