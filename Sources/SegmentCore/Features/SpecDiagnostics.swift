import SegmentSupport

/// Builds `ConfigError`s that point at the right key, line and column of the spec's source.
struct SpecDiagnostics: Sendable {
    /// File name or description of the spec's origin.
    let source: String
    /// Key positions when the spec came from TOML text; nil for specs built in code or decoded from JSON.
    let locator: SettingsKeyLocator?

    init(source: String, locator: SettingsKeyLocator? = nil) {
        self.source = source
        self.locator = locator
    }

    /// An error about the value of `keyPath` (or about the table `keyPath`, for missing keys).
    func error(_ code: ConfigError.Code, at keyPath: String, problem: String, fix: String) -> ConfigError {
        let position = locate(keyPath)
        return ConfigError(
            code, source: source, keyPath: keyPath, line: position?.line, column: position?.column,
            problem: problem, fix: fix)
    }

    /// An error inside the expression held by `keyPath`; `offset` is the 0-based character offset in `expression`.
    func expressionError(
        _ code: ConfigError.Code, at keyPath: String, expression: String, offset: Int, owner: String,
        problem: String, fix: String
    ) -> ConfigError {
        let position = locate(keyPath)
        var column = position?.column
        if let position, let first = position.valueText.first, first == "\"" || first == "'",
            position.valueText.dropFirst().hasPrefix(expression), !expression.contains("\\")
        {
            column = position.valueColumn + 1 + offset
        }
        let problem = "\(problem) at column \(offset + 1) of the expression \"\(expression)\" (\(owner))"
        return ConfigError(
            code, source: source, keyPath: keyPath, line: position?.line, column: column, problem: problem, fix: fix)
    }

    /// The key's own position, else the position of the closest enclosing table header that was found.
    private func locate(_ keyPath: String) -> SettingsKeyLocator.Position? {
        locator?.nearestPosition(of: keyPath)
    }
}
