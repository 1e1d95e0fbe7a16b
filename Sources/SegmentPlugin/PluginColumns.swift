/// One value a plugin adds to a row. CSV writes it as text (`missing` as an empty field); JSONL as the JSON type.
public enum PluginValue: Sendable, Equatable, Hashable {
    case text(String)
    case integer(Int)
    /// Written with up to six decimals.
    case number(Double)
    case flag(Bool)
    case missing
}

/// The columns a session adds to one batch: `columnCount × rowCount` values, all `missing` at the start,
/// and the rows the plugin could not process.
public struct PluginColumns: Sendable, Equatable {
    /// Number of columns (the plugin's `outputColumns`).
    public let columnCount: Int
    /// Number of rows (the batch's `count`).
    public let rowCount: Int
    /// Column-major values: column `c`, row `r` is at `c * rowCount + r`.
    public var values: [PluginValue] { storage }
    /// Rows that failed, with the reason; they go to the rejects file instead of the output.
    public private(set) var failures: [Int: String] = [:]
    /// The values; inlinable so that a plugin's per-row stores compile to plain array writes.
    @usableFromInline var storage: [PluginValue]

    /// Makes an all-missing block.
    public init(columnCount: Int, rowCount: Int) {
        self.columnCount = columnCount
        self.rowCount = rowCount
        storage = Array(repeating: .missing, count: columnCount * rowCount)
    }

    /// The value of `column` (0-based in the plugin's `outputColumns`) for `row`.
    @inlinable
    public subscript(row: Int, column: Int) -> PluginValue {
        get { storage[column * rowCount + row] }
        set { storage[column * rowCount + row] = newValue }
    }

    /// Marks `row` as failed; its values are ignored and the row is rejected with `reason`.
    public mutating func fail(row: Int, reason: String) {
        failures[row] = reason
    }
}
