import TOMLKit

/// A plugin's settings: one TOML table with strict, typed accessors. Every error names the file the value came
/// from, the dotted key and the type or value expected.
public struct PluginSettings: Sendable, Equatable {
    private let members: [String: SettingValue]
    /// The file this table came from (for a merged table, the file of its first definition).
    public let source: String
    /// Dotted path of this table, empty for a file's top level.
    public let path: String

    /// Parses a TOML document; `source` names it in errors (usually its path).
    public static func parse(_ text: String, source: String) throws(PluginError) -> PluginSettings {
        do {
            let table = try TOMLTable(string: text)
            var members: [String: SettingValue] = [:]
            for (key, value) in table { members[key] = SettingValue(value, source: source) }
            return PluginSettings(members: members, source: source, path: "")
        } catch let error as TOMLParseError {
            throw PluginError(
                .tomlSyntax, source: source, line: error.source.begin.line,
                problem: "invalid TOML at column \(error.source.begin.column): \(error.description)",
                fix: "correct the TOML syntax there (strings need quotes, tables [name], arrays [a, b])")
        } catch {
            throw PluginError(
                .tomlSyntax, source: source, problem: "invalid TOML: \(error)", fix: "correct the TOML syntax")
        }
    }

    private init(members: [String: SettingValue], source: String, path: String) {
        self.members = members
        self.source = source
        self.path = path
    }

    /// An empty table.
    public init(source: String) {
        self.init(members: [:], source: source, path: "")
    }

    /// The keys present at this level, sorted.
    public var keys: [String] { members.keys.sorted() }

    /// `other` laid over these settings: tables merge key by key, other values are replaced. The host lays an
    /// operator's `etc/plugins.d/<name>.toml` over the plugin's `sample.toml` this way.
    public func overlaid(by other: PluginSettings) -> PluginSettings {
        let merged = SettingValue.table(members, source: source).overlaid(
            by: .table(other.members, source: other.source))
        guard case .table(let result, _) = merged else { return other }
        return PluginSettings(members: result, source: source, path: path)
    }

    /// These settings without `keys` (the host removes its own keys before handing the rest to the plugin).
    public func removing(_ keys: [String]) -> PluginSettings {
        PluginSettings(members: members.filter { !keys.contains($0.key) }, source: source, path: path)
    }

    /// Whether `key` is present.
    public func contains(_ key: String) -> Bool { members[key] != nil }

    /// The dotted path of `key` in this table.
    public func keyPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// Throws for the first key not in `allowed`, naming it and the keys that are allowed.
    public func rejectUnknownKeys(allowed: [String]) throws(PluginError) {
        for key in keys where !allowed.contains(key) {
            throw PluginError(
                .unknownKey, source: members[key]?.source ?? source, key: keyPath(key),
                problem: "unknown key \"\(key)\"",
                fix: allowed.isEmpty ? "remove it" : "remove it or use one of: \(allowed.joined(separator: ", "))")
        }
    }

    /// Throws that `key` holds the right type but an unusable value; `fix` says what would do.
    public func invalidValue(_ key: String, problem: String, fix: String) -> PluginError {
        PluginError(
            .invalidValue, source: members[key]?.source ?? source, key: keyPath(key), problem: problem, fix: fix)
    }

    func wrongType(_ key: String, _ value: SettingValue, expected: String) -> PluginError {
        PluginError(
            .wrongType, source: value.source, key: keyPath(key),
            problem: "expected \(expected), found \(value.typeName)",
            fix: "write \(expected) for \(keyPath(key))")
    }

    func missing(_ key: String, expected: String) -> PluginError {
        PluginError(
            .missingKey, source: source, key: keyPath(key), problem: "\(keyPath(key)) is required",
            fix: "add \(keyPath(key)) = <\(expected)>")
    }

    func member(_ key: String) -> SettingValue? { members[key] }

    func nested(_ key: String, _ table: [String: SettingValue], source: String) -> PluginSettings {
        PluginSettings(members: table, source: source, path: keyPath(key))
    }
}
