/// One value a plugin adds to a row. CSV writes it as text (`missing` as an empty field); JSONL as the JSON type.
/// Each column holds the kind its declaration (``PluginOutputColumn``) names: `text` in a `string` column, `integer`
/// in an `integer` column, `number` (or `integer`) in a `float` column, `flag` in a `boolean` column.
public enum PluginValue: Sendable, Equatable, Hashable {
    case text(String)
    case integer(Int)
    /// Written with up to six decimals and always a decimal point (`5.0`, `12.5`); not finite counts as missing.
    case number(Double)
    case flag(Bool)
    case missing
}

/// The columns a session adds to one batch: `columnCount × rowCount` values, all `missing` at the start,
/// and the rows the plugin could not process.
///
/// A column that takes few distinct values (one per segment, say) can be a *palette column*: declare its values
/// once per batch with `usePalette(_:for:)`, then give each row the index of its value with
/// `setPaletteIndex(_:row:column:)`. That stores two bytes per row instead of a `PluginValue`, and the host writes
/// each distinct value's text once per batch instead of once per row. The subscript works on both kinds.
public struct PluginColumns: Sendable {
    /// Number of columns (the plugin's `outputColumns`).
    public let columnCount: Int
    /// Number of rows (the batch's `count`).
    public let rowCount: Int
    /// Rows that failed, with the reason; they go to the rejects file instead of the output.
    public private(set) var failures: [Int: String] = [:]
    /// Plain values, column-major (column `c`, row `r` at `c * rowCount + r`); empty until a plain column is
    /// written. Inlinable so that a plugin's per-row stores compile to plain array writes.
    @usableFromInline var storage: [PluginValue] = []
    /// Per column: its palette with `missing` in front, or nil for a plain column.
    @usableFromInline var palettes: [[PluginValue]?]
    /// Palette positions, column-major like `storage` (0 = `missing`); empty until a palette is declared.
    @usableFromInline var slots: [UInt16] = []

    /// Makes an all-missing block.
    public init(columnCount: Int, rowCount: Int) {
        self.columnCount = columnCount
        self.rowCount = rowCount
        palettes = Array(repeating: nil, count: columnCount)
    }

    /// All values, column-major: column `c`, row `r` is at `c * rowCount + r`.
    public var values: [PluginValue] {
        (0..<columnCount).flatMap { column in (0..<rowCount).map { self[$0, column] } }
    }

    /// The value of `column` (0-based in the plugin's `outputColumns`) for `row`.
    @inlinable
    public subscript(row: Int, column: Int) -> PluginValue {
        get {
            if let palette = palettes[column] {
                let slot = Int(slots[column * rowCount + row])
                return slot < palette.count ? palette[slot] : .missing
            }
            return storage.isEmpty ? .missing : storage[column * rowCount + row]
        }
        set {
            if palettes[column] != nil { return setInPalette(newValue, row: row, column: column) }
            if storage.isEmpty { storage = Array(repeating: .missing, count: columnCount * rowCount) }
            storage[column * rowCount + row] = newValue
        }
    }

    /// Makes `column` a palette column of `values` (at most 65,534); its rows become `missing`.
    public mutating func usePalette(_ values: [PluginValue], for column: Int) {
        precondition(values.count < Int(UInt16.max), "a palette holds at most 65,534 values")
        if slots.isEmpty {
            slots = Array(repeating: 0, count: columnCount * rowCount)
        } else {
            slots.withUnsafeMutableBufferPointer { slots in
                slots[(column * rowCount)..<((column + 1) * rowCount)].update(repeating: 0)
            }
        }
        palettes[column] = [.missing] + values
    }

    /// Gives `row` of palette column `column` the palette's value number `index` (0-based in the values given to
    /// `usePalette`). An index outside the palette reads as `missing`.
    @inlinable
    public mutating func setPaletteIndex(_ index: Int, row: Int, column: Int) {
        slots[column * rowCount + row] = UInt16(clamping: index + 1)
    }

    /// The palette of `column` with `missing` in front, so that position `p` of `paletteSlots(of:)` names
    /// `palette[p]` (a position past the end means `missing`); nil for a plain column.
    public func palette(of column: Int) -> [PluginValue]? {
        palettes[column]
    }

    /// The palette positions of the rows of palette column `column`, in row order.
    public func paletteSlots(of column: Int) -> ArraySlice<UInt16> {
        slots[(column * rowCount)..<((column + 1) * rowCount)]
    }

    /// Marks `row` as failed; its values are ignored and the row is rejected with `reason`.
    public mutating func fail(row: Int, reason: String) {
        failures[row] = reason
    }

    /// Stores `value` in palette column `column`, adding it to the palette when new (or making the column plain
    /// when the palette is full).
    @usableFromInline
    mutating func setInPalette(_ value: PluginValue, row: Int, column: Int) {
        guard var palette = palettes[column] else { return }
        if let position = palette.firstIndex(of: value) {
            slots[column * rowCount + row] = UInt16(position)
            return
        }
        guard palette.count < Int(UInt16.max) else {
            let values = (0..<rowCount).map { self[$0, column] }
            palettes[column] = nil
            if storage.isEmpty { storage = Array(repeating: .missing, count: columnCount * rowCount) }
            for (index, old) in values.enumerated() { storage[column * rowCount + index] = old }
            storage[column * rowCount + row] = value
            return
        }
        palette.append(value)
        palettes[column] = palette
        slots[column * rowCount + row] = UInt16(palette.count - 1)
    }
}

extension PluginColumns: Equatable {
    /// Equal when every value and every failure is, whichever columns use palettes.
    public static func == (left: PluginColumns, right: PluginColumns) -> Bool {
        left.columnCount == right.columnCount && left.rowCount == right.rowCount && left.failures == right.failures
            && left.values == right.values
    }
}
