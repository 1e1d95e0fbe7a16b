extension PluginSettings {
    /// The string at `key`, nil when absent.
    public func string(_ key: String) throws(PluginError) -> String? {
        guard let value = member(key) else { return nil }
        guard case .string(let text, _) = value else { throw wrongType(key, value, expected: "a string") }
        return text
    }

    /// The string at `key`; throws when absent.
    public func requiredString(_ key: String) throws(PluginError) -> String {
        guard let text = try string(key) else { throw missing(key, expected: "a string") }
        return text
    }

    /// The integer at `key`, nil when absent.
    public func integer(_ key: String) throws(PluginError) -> Int? {
        guard let value = member(key) else { return nil }
        guard case .integer(let number, _) = value else { throw wrongType(key, value, expected: "an integer") }
        return number
    }

    /// The number at `key` (an integer is accepted too), nil when absent.
    public func number(_ key: String) throws(PluginError) -> Double? {
        guard let value = member(key) else { return nil }
        switch value {
        case .float(let number, _): return number
        case .integer(let number, _): return Double(number)
        default: throw wrongType(key, value, expected: "a number")
        }
    }

    /// The boolean at `key`, nil when absent.
    public func boolean(_ key: String) throws(PluginError) -> Bool? {
        guard let value = member(key) else { return nil }
        guard case .boolean(let flag, _) = value else { throw wrongType(key, value, expected: "true or false") }
        return flag
    }

    /// The array of strings at `key`, nil when absent.
    public func strings(_ key: String) throws(PluginError) -> [String]? {
        guard let value = member(key) else { return nil }
        guard case .array(let elements, _) = value else { throw wrongType(key, value, expected: "an array of strings") }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text, _) = element else {
                throw wrongType("\(key)[\(index)]", element, expected: "a string")
            }
            result.append(text)
        }
        return result
    }

    /// The table at `key`, nil when absent.
    public func table(_ key: String) throws(PluginError) -> PluginSettings? {
        guard let value = member(key) else { return nil }
        guard case .table(let members, let source) = value else { throw wrongType(key, value, expected: "a table") }
        return nested(key, members, source: source)
    }

    /// The array of tables at `key` (`[[key]]` in TOML), nil when absent.
    public func tables(_ key: String) throws(PluginError) -> [PluginSettings]? {
        guard let value = member(key) else { return nil }
        guard case .array(let elements, _) = value else { throw wrongType(key, value, expected: "an array of tables") }
        var result: [PluginSettings] = []
        for (index, element) in elements.enumerated() {
            guard case .table(let members, let source) = element else {
                throw wrongType("\(key)[\(index)]", element, expected: "a table")
            }
            result.append(nested("\(key)[\(index)]", members, source: source))
        }
        return result
    }
}
