/// The type of one output column: what every value of the column is, in every file, so that readers (DuckDB, pandas,
/// polars, a warehouse loader) type the column the same way whichever values a file happens to hold.
///
/// How the host writes each type (the same in every file, whatever the values):
/// - `string`: the text; in CSV quoted only when it must be, in JSONL a JSON string.
/// - `integer`: decimal digits with an optional minus sign (`12`, `-3`).
/// - `float`: up to six decimals, trailing zeros dropped but always at least one decimal (`5.0`, `12.5`, `0.333333`),
///   so a file whose values happen to be whole is still read as floating point.
/// - `boolean`: `true` or `false`.
///
/// A null (``PluginValue/missing``, or a float that is not finite) is an empty field in CSV and `null` in JSONL.
public enum PluginColumnType: String, Sendable, Equatable, Hashable, CaseIterable {
    case string, integer, float, boolean

    /// Whether `value` may stand in a column of this type: the value of the same kind, an integer in a float column
    /// (written with a decimal), or `missing` (nullability is checked apart).
    public func accepts(_ value: PluginValue) -> Bool {
        switch (self, value) {
        case (_, .missing), (.string, .text), (.integer, .integer), (.float, .number), (.float, .integer),
            (.boolean, .flag):
            true
        default:
            false
        }
    }
}

/// One column a plugin appends to every scored row: its name, its type, and whether it may be null.
///
/// The host writes every value by the declared type (``PluginColumnType``) and rejects a row whose value does not
/// fit it, or that is null in a column not declared nullable, with a reason naming the plugin and the column.
public struct PluginOutputColumn: Sendable, Equatable, Hashable {
    /// The column's name in the scored file.
    public let name: String
    /// What every value of the column is.
    public let type: PluginColumnType
    /// Whether a row may have no value (an empty CSV field, JSON `null`); the plugin's README says when.
    public let nullable: Bool

    /// Declares a column; not nullable unless said.
    public init(_ name: String, _ type: PluginColumnType, nullable: Bool = false) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

extension PluginOutputColumn {
    /// Why `value` cannot stand in this column, or nil when it can: a value of another kind, or no value (`missing`,
    /// or a float that is not finite) in a column not declared nullable. The host fails the row with this reason.
    public func problem(with value: PluginValue) -> String? {
        switch value {
        case .missing:
            return nullable ? nil : "column \"\(name)\" has no value but is not nullable"
        case .number(let number) where !number.isFinite:
            return nullable ? nil : "column \"\(name)\" has no finite value (\(number)) but is not nullable"
        default:
            guard !type.accepts(value) else { return nil }
            return "column \"\(name)\" is declared \(type.rawValue) but the value is \(Self.describe(value))"
        }
    }

    private static func describe(_ value: PluginValue) -> String {
        switch value {
        case .text(let text): "the text \"\(text.prefix(40))\""
        case .integer(let number): "the integer \(number)"
        case .number(let number): "the number \(number)"
        case .flag(let flag): "the boolean \(flag)"
        case .missing: "missing"
        }
    }
}
