import SegmentSupport
import TOMLKit

/// One TOML table of the spec with typed, strict accessors: every error names the key path and expected type.
struct TOMLSection {
    let table: TOMLTable
    /// Dotted path of this table, empty for the document root.
    let path: String
    let diagnostics: SpecDiagnostics

    /// Parses a document; syntax errors carry TOMLKit's line and column.
    static func parseDocument(_ text: String, source: String) throws(ConfigError) -> TOMLSection {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(
                .tomlSyntax, source: source, line: error.source.begin.line, column: error.source.begin.column,
                problem: "invalid TOML: \(error.description)",
                fix: "correct the TOML syntax at that position (strings need quotes, tables [name], arrays [a, b])")
        } catch {
            throw ConfigError(
                .tomlSyntax, source: source, problem: "invalid TOML: \(error)", fix: "correct the TOML syntax")
        }
        return TOMLSection(
            table: table, path: "", diagnostics: SpecDiagnostics(source: source, locator: TOMLKeyLocator(text: text)))
    }

    func keyPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// Rejects keys outside `allowed`, naming the key, where it is and the closest allowed key.
    func rejectUnknownKeys(allowed: [String]) throws(ConfigError) {
        for key in table.keys where !allowed.contains(key) {
            let place = path.isEmpty ? "at the top level" : "in [\(path)]"
            var fix = "remove it or use one of: \(allowed.joined(separator: ", "))"
            if let suggestion = NameSuggestion.closest(to: key, among: allowed) {
                fix = "did you mean \"\(suggestion)\"? Otherwise " + fix
            }
            throw diagnostics.error(.unknownKey, at: keyPath(key), problem: "unknown key \"\(key)\" \(place)", fix: fix)
        }
    }

    func string(_ key: String) throws(ConfigError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw wrongType(key, value, expected: "a string") }
        return text
    }

    func requiredString(_ key: String) throws(ConfigError) -> String {
        guard let text = try string(key) else { throw missing(key, expected: "a string") }
        return text
    }

    func integer(_ key: String) throws(ConfigError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int else { throw wrongType(key, value, expected: "an integer") }
        return number
    }

    /// A number; TOML integers are accepted too.
    func number(_ key: String) throws(ConfigError) -> Double? {
        guard let value = table[key] else { return nil }
        if let number = value.double { return number }
        if let number = value.int { return Double(number) }
        throw wrongType(key, value, expected: "a number")
    }

    func strings(_ key: String) throws(ConfigError) -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw wrongType(key, value, expected: "an array of strings") }
        var result: [String] = []
        for (index, element) in array.enumerated() {
            guard let text = element.string else {
                throw diagnostics.error(
                    .wrongType, at: "\(keyPath(key))[\(index)]",
                    problem: "expected a string, found \(Self.describe(element))",
                    fix: "quote every entry, e.g. [\"A\", \"B\"]")
            }
            result.append(text)
        }
        return result
    }

    func requiredStrings(_ key: String) throws(ConfigError) -> [String] {
        guard let list = try strings(key) else { throw missing(key, expected: "an array of strings") }
        return list
    }

    /// The sub-table `key`, e.g. `[pca]`.
    func section(_ key: String) throws(ConfigError) -> TOMLSection? {
        guard let value = table[key] else { return nil }
        guard let sub = value.table else { throw wrongType(key, value, expected: "a table ([\(keyPath(key))])") }
        return TOMLSection(table: sub, path: keyPath(key), diagnostics: diagnostics)
    }

    /// The array of tables `key`, e.g. `[[derived]]`, as sections `derived[0]`, `derived[1]`, …
    func sections(_ key: String) throws(ConfigError) -> [TOMLSection] {
        guard let value = table[key] else { return [] }
        let expected = "an array of tables ([[\(keyPath(key))]])"
        guard let array = value.array else { throw wrongType(key, value, expected: expected) }
        var result: [TOMLSection] = []
        for (index, element) in array.enumerated() {
            guard let sub = element.table else { throw wrongType(key, value, expected: expected) }
            result.append(TOMLSection(table: sub, path: "\(keyPath(key))[\(index)]", diagnostics: diagnostics))
        }
        return result
    }

    /// The raw value, for keys that accept several types.
    func value(_ key: String) -> (any TOMLValueConvertible)? {
        table[key]
    }

    func wrongType(_ key: String, _ value: any TOMLValueConvertible, expected: String) -> ConfigError {
        diagnostics.error(
            .wrongType, at: keyPath(key), problem: "expected \(expected), found \(Self.describe(value))",
            fix: "give \(keyPath(key)) \(expected)")
    }

    func invalid(_ key: String, _ problem: String, fix: String) -> ConfigError {
        diagnostics.error(.invalidValue, at: keyPath(key), problem: problem, fix: fix)
    }

    private func missing(_ key: String, expected: String) -> ConfigError {
        let place = path.isEmpty ? "at the top level" : "in [\(path)]"
        return diagnostics.error(
            .missingKey, at: keyPath(key), problem: "required key \"\(key)\" is missing \(place)",
            fix: "add \(key) = <\(expected)>")
    }

    /// `integer 5`, `string "auto"`, `floating-point number 0.5`, …
    static func describe(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .string: "string \"\(value.string ?? "")\""
        case .table: "a table"
        case .array: "an array"
        default: "\(value.type) \(value.debugDescription)"
        }
    }
}
