import Foundation
import SegmentSupport
import TOMLKit

extension DaemonConfiguration {
    /// Reads and decodes the TOML file at `path`. Keys it does not set keep their defaults.
    public static func load(path: String) throws(ConfigurationError) -> DaemonConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "the file does not exist or cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "it is not UTF-8 text")
        }
        return try DaemonConfiguration(tomlText: text, source: path)
    }

    /// Decodes TOML text; `source` names it in error messages. Unknown keys are rejected.
    public init(tomlText: String, source: String) throws(ConfigurationError) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: tomlText)
        } catch let error as TOMLParseError {
            throw .syntax(
                source: source, line: error.source.begin.line, column: error.source.begin.column,
                reason: error.description
            )
        } catch {
            throw .syntax(source: source, line: 0, column: 0, reason: "\(error)")
        }
        self.init()
        let settingsByKey = Dictionary(uniqueKeysWithValues: Self.settings.map { ($0.key, $0) })
        for key in table.keys.sorted() {
            guard let setting = settingsByKey[key] else {
                throw .unknownKey(source: source, key: key, suggestion: Self.closestKey(to: key))
            }
            guard let value = table[key] else { continue }
            try setting.apply(&self, ConfigValue(value), source)
        }
    }

    /// Keys compare case-sensitively by UTF-8 bytes, within `max(2, characters / 3)` edits.
    private static func closestKey(to key: String) -> String? {
        NameSuggestion.closest(to: key, among: settings.map(\.key), maxDistance: max(2, key.count / 3)) {
            Array($0.utf8)
        }
    }
}

extension ConfigValue {
    init(_ value: any TOMLValueConvertible) {
        switch value.type {
        case .string: self = value.string.map(ConfigValue.string) ?? .unsupported(typeName: "string")
        case .int: self = value.int.map(ConfigValue.integer) ?? .unsupported(typeName: "integer")
        case .double: self = value.double.map(ConfigValue.float) ?? .unsupported(typeName: "number")
        case .bool: self = value.bool.map(ConfigValue.boolean) ?? .unsupported(typeName: "boolean")
        case .table: self = .unsupported(typeName: "table")
        case .array: self = .unsupported(typeName: "array")
        default: self = .unsupported(typeName: "date or time")
        }
    }
}
