/// A configuration that cannot be used: names the file, the key and what to write instead.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case unreadable, syntax, unknownKey, wrongType, invalidValue, notReloadable
    }

    private let code: Code
    /// A sentence for a person: the file, the key, the problem and the fix.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func unreadable(path: String, reason: String) -> ConfigurationError {
        ConfigurationError(.unreadable, "Cannot read the configuration file '\(path)': \(reason).")
    }

    static func syntax(source: String, line: Int, column: Int, reason: String) -> ConfigurationError {
        ConfigurationError(.syntax, "\(source):\(line):\(column): invalid TOML: \(reason).")
    }

    static func unknownKey(source: String, key: String, suggestion: String?) -> ConfigurationError {
        let hint = suggestion.map { " Did you mean '\($0)'?" } ?? " See etc/segmentd.toml for the keys segmentd knows."
        return ConfigurationError(.unknownKey, "\(source): unknown key '\(key)'.\(hint)")
    }

    static func wrongType(source: String, key: String, expected: String, found: String) -> ConfigurationError {
        ConfigurationError(.wrongType, "\(source): key '\(key)' must be \(expected), but it is \(found).")
    }

    static func invalidValue(source: String, key: String, value: String, expected: String) -> ConfigurationError {
        ConfigurationError(.invalidValue, "\(source): key '\(key)' = \(value) is not valid; it must be \(expected).")
    }

    static func notReloadable(keys: [String]) -> ConfigurationError {
        ConfigurationError(
            .notReloadable,
            "The new configuration changes \(keys.joined(separator: ", ")), which only take effect on restart; "
                + "the reload was rejected and the running configuration stays. Restart segmentd to apply them."
        )
    }
}
