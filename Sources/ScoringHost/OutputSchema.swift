package import SegmentPlugin
import SegmentSupport

/// The output schema of one configuration: the columns every scored file gets after the input's own, in order, with
/// their types, nullability and the plugin that adds each ("core" for the scorer's), the model's input columns, and
/// the columns of the rejects file. Computed from the model and the enabled plugins only, so every file scored under
/// one configuration has it. `segmentd schema` prints ``json``; manifests carry ``columns`` and ``sha256``.
package struct OutputSchema: Sendable, Equatable {
    /// One column of a scored or rejects file.
    package struct Column: Sendable, Equatable {
        package var name: String
        package var type: PluginColumnType
        package var nullable: Bool
        /// `core` (the scorer or the rejects writer), `input` (kept from the input), or the plugin's name.
        package var source: String
    }

    /// Version of the document's layout; it changes only when the layout does.
    package static let version = 1
    /// The source of the columns the scorer writes.
    package static let coreSource = "core"

    /// The columns the scorer appends, in order: how `ScoredRowFormatter` writes them (confidence and distance with
    /// six fixed decimals, always with a point).
    package static let coreColumns: [Column] = [
        Column(name: "segment_id", type: .integer, nullable: false, source: coreSource),
        Column(name: "segment_name", type: .string, nullable: false, source: coreSource),
        Column(name: "confidence", type: .float, nullable: false, source: coreSource),
        Column(name: "distance", type: .float, nullable: false, source: coreSource),
        Column(name: "model_version", type: .string, nullable: false, source: coreSource),
    ]

    /// The rejects file's columns (`RejectsWriter`): `column` is empty when the reason concerns no one column.
    package static let rejectsColumns: [Column] = [
        Column(name: "line", type: .integer, nullable: false, source: coreSource),
        Column(name: "column", type: .string, nullable: true, source: coreSource),
        Column(name: "reason", type: .string, nullable: false, source: coreSource),
        Column(name: "record", type: .string, nullable: true, source: coreSource),
    ]

    /// The model's id column and numeric input columns, as the scorer reads them. The input's columns are kept as
    /// they came (their text is the producer's), before ``columns``; an input may hold other columns too.
    package let inputColumns: [Column]
    /// The columns appended to every scored row: the core columns, then each enabled plugin's, in plugin order.
    package let columns: [Column]

    /// The schema of a model reading `idColumn` and `inputColumns`, with `plugins` (name and declared columns, in
    /// the order they run).
    package init(idColumn: String, inputColumns: [String], plugins: [(name: String, columns: [PluginOutputColumn])]) {
        self.inputColumns =
            [Column(name: idColumn, type: .string, nullable: false, source: "input")]
            + inputColumns.map { Column(name: $0, type: .float, nullable: true, source: "input") }
        columns =
            Self.coreColumns
            + plugins.flatMap { plugin in
                plugin.columns.map {
                    Column(name: $0.name, type: $0.type, nullable: $0.nullable, source: plugin.name)
                }
            }
    }

    /// The canonical JSON document: fixed key order, one column per line, a final line feed. `segmentd schema`
    /// prints exactly these bytes, so `segmentd schema | sha256sum` gives ``sha256``.
    package var json: String {
        func list(_ columns: [Column]) -> String {
            columns.map { column in
                "    {\"name\": \(Self.quoted(column.name)), \"type\": \"\(column.type.rawValue)\", "
                    + "\"nullable\": \(column.nullable), \"source\": \(Self.quoted(column.source))}"
            }.joined(separator: ",\n")
        }
        return "{\n  \"schema_version\": \(Self.version),\n"
            + "  \"input_columns\": [\n\(list(inputColumns))\n  ],\n"
            + "  \"columns\": [\n\(list(columns))\n  ],\n"
            + "  \"rejects_columns\": [\n\(list(Self.rejectsColumns))\n  ]\n}\n"
    }

    /// SHA-256 (lowercase hex) of ``json``.
    package var sha256: String { FileSHA256.hex(of: Array(json.utf8)) }

    private static func quoted(_ text: String) -> String {
        String(decoding: JSONString.quoted(text), as: UTF8.self)
    }
}
