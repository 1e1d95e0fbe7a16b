import Foundation
import Synchronization
import TOMLKit

/// One table of a TOML settings file, with strict typed accessors: the one settings reader of segmentd.
///
/// Parsed by TOMLKit and copied into Sendable values, each remembering the file it came from and the line and
/// column it was written at, so every ``SettingsError`` names file, line, key, value and fix. The table records
/// which keys its readers asked for; ``rejectUnreadKeys()`` then rejects every other key centrally, with a
/// "did you mean" suggestion, so no reader can forget to check for typos.
package struct SettingsTable: Sendable, Equatable {
    /// One value and where it was written.
    package struct Entry: Sendable, Equatable {
        package var value: SettingsValue
        /// The file the value was written in.
        package var file: String
        /// Where in `file` (the key, or the nearest enclosing key or header found).
        package var position: SettingsKeyLocator.Position?
    }

    /// The file of this table (for a table laid over another, the file of the one underneath).
    package let file: String
    /// Dotted path of this table, empty for a file's top level.
    package let path: String
    /// Where the table's header (or the key holding it) is, nil for the top level.
    let position: SettingsKeyLocator.Position?
    let members: [String: Entry]
    let log: ReadLog
    /// Top-level keys another reader took before handing the table on (a plugin host's `enabled`, `order`,
    /// `on_error`): valid in the file, so an unknown key's "use one of" list names them too.
    let removedKeys: [String]

    init(
        file: String, path: String, members: [String: Entry], position: SettingsKeyLocator.Position?, log: ReadLog,
        removedKeys: [String] = []
    ) {
        self.file = file
        self.path = path
        self.members = members
        self.position = position
        self.log = log
        self.removedKeys = removedKeys
    }

    /// An empty table; `file` names it in errors.
    package init(file: String) {
        self.init(file: file, path: "", members: [:], position: nil, log: ReadLog())
    }

    /// Parses TOML text; `file` names it in errors (usually its path). Syntax errors carry TOMLKit's position.
    package static func parse(_ text: String, file: String) throws(SettingsError) -> SettingsTable {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SettingsError(
                .syntax, file: file, line: error.source.begin.line, column: error.source.begin.column,
                problem: "invalid TOML: \(error.description)",
                fix: "correct the TOML syntax at that position (strings need quotes, tables [name], arrays [a, b])")
        } catch {
            throw SettingsError(.syntax, file: file, problem: "invalid TOML: \(error)", fix: "correct the TOML syntax")
        }
        let locator = SettingsKeyLocator(text: text)
        return SettingsTable(
            file: file, path: "", members: members(of: table, path: "", file: file, locator: locator), position: nil,
            log: ReadLog())
    }

    /// Reads and parses the file at `path`.
    package static func load(path: String) throws(SettingsError) -> SettingsTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsError(
                .unreadable, file: path, problem: "the file does not exist or cannot be read",
                fix: "create it or give segmentd read permission on it")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SettingsError(
                .unreadable, file: path, problem: "the file is not UTF-8 text", fix: "save it as UTF-8")
        }
        return try parse(text, file: path)
    }

    /// The keys present in this table, sorted. Listing them does not count as reading them.
    package var keys: [String] { members.keys.sorted() }

    /// Whether `key` is present. Asking does not count as reading it.
    package func contains(_ key: String) -> Bool { members[key] != nil }

    /// The dotted path of `key` in this table.
    package func keyPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// Where `key` is written, else where this table is.
    package func position(of key: String) -> SettingsKeyLocator.Position? {
        members[key]?.position ?? position
    }

    /// `other` laid over this table: tables merge key by key, other values are replaced. The plugin host lays an
    /// operator's `plugins.d/<name>.toml` over the plugin's `sample.toml` this way. Reads start afresh.
    package func overlaid(by other: SettingsTable) -> SettingsTable {
        SettingsTable(
            file: file, path: path, members: Self.merge(members, other.members), position: position ?? other.position,
            log: ReadLog(), removedKeys: removedKeys + other.removedKeys.filter { !removedKeys.contains($0) })
    }

    /// This table without `keys` (a host removes its own keys before handing the rest on). The keys stay known:
    /// an unknown key's error lists them among the valid ones.
    package func removing(_ keys: [String]) -> SettingsTable {
        SettingsTable(
            file: file, path: path, members: members.filter { !keys.contains($0.key) }, position: position, log: log,
            removedKeys: removedKeys + keys.filter { !removedKeys.contains($0) })
    }

    package static func == (lhs: SettingsTable, rhs: SettingsTable) -> Bool {
        lhs.file == rhs.file && lhs.path == rhs.path && lhs.members == rhs.members
    }

    /// The table `key` as a table of its own, sharing this table's record of reads.
    func subtable(_ members: [String: Entry], at keyPath: String, entry: Entry) -> SettingsTable {
        SettingsTable(file: entry.file, path: keyPath, members: members, position: entry.position, log: log)
    }

    private static func merge(_ base: [String: Entry], _ top: [String: Entry]) -> [String: Entry] {
        var merged = base
        for (key, entry) in top {
            if let old = merged[key], case .table(let under) = old.value, case .table(let over) = entry.value {
                merged[key] = Entry(value: .table(merge(under, over)), file: old.file, position: old.position)
            } else {
                merged[key] = entry
            }
        }
        return merged
    }

    private static func members(
        of table: TOMLTable, path: String, file: String, locator: SettingsKeyLocator
    ) -> [String: Entry] {
        var members: [String: Entry] = [:]
        for (key, value) in table {
            members[key] = entry(value, path: path.isEmpty ? key : "\(path).\(key)", file: file, locator: locator)
        }
        return members
    }

    private static func entry(
        _ value: any TOMLValueConvertible, path: String, file: String, locator: SettingsKeyLocator
    ) -> Entry {
        let copied: SettingsValue
        switch value.type {
        case .string: copied = .string(value.string ?? "")
        case .int: copied = .integer(value.int ?? 0)
        case .double: copied = .float(value.double ?? 0)
        case .bool: copied = .boolean(value.bool ?? false)
        case .array:
            var elements: [Entry] = []
            if let array = value.array {
                for (index, element) in array.enumerated() {
                    elements.append(entry(element, path: "\(path)[\(index)]", file: file, locator: locator))
                }
            }
            copied = .array(elements)
        case .table:
            copied = .table(value.table.map { members(of: $0, path: path, file: file, locator: locator) } ?? [:])
        default: copied = .other(typeName: "\(value.type)")
        }
        return Entry(value: copied, file: file, position: locator.nearestPosition(of: path))
    }
}

/// One settings value copied out of TOMLKit's types.
package enum SettingsValue: Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([SettingsTable.Entry])
    case table([String: SettingsTable.Entry])
    /// A date or time, which no setting uses.
    case other(typeName: String)

    /// How the value reads in an error message: `integer 5`, `string "auto"`, `floating-point number 0.5`, …
    package var description: String {
        switch self {
        case .string(let text): "string \"\(text)\""
        case .integer(let number): "integer \(number)"
        case .float(let number): "floating-point number \(number)"
        case .boolean(let flag): "boolean \(flag)"
        case .array: "an array"
        case .table: "a table"
        case .other(let typeName): "a \(typeName)"
        }
    }
}

/// Which keys of a settings file were asked for, by the path of the table holding them, in the order asked.
/// Shared by a table and the sub-tables taken from it, so reads anywhere count.
final class ReadLog: Sendable {
    private struct State {
        var asked: [String: [String]] = [:]
        var whole: Set<String> = []
    }

    private let state = Mutex(State())

    /// Records that the key `key` of the table at `table` was asked for; `whole` when its value was taken as it
    /// is, so nothing inside it needs reading.
    func record(_ key: String, in table: String, whole: Bool = false) {
        state.withLock { state in
            if !(state.asked[table]?.contains(key) ?? false) { state.asked[table, default: []].append(key) }
            if whole { state.whole.insert(table.isEmpty ? key : "\(table).\(key)") }
        }
    }

    /// The keys asked for in the table at `table`, in the order first asked.
    func asked(in table: String) -> [String] {
        state.withLock { $0.asked[table] ?? [] }
    }

    /// Whether the value at `keyPath` was taken whole.
    func isWhole(_ keyPath: String) -> Bool {
        state.withLock { $0.whole.contains(keyPath) }
    }
}
