/// One column of a scored file as the manifest lists it (`schema`): name, type (`string`, `integer`, `float` or
/// `boolean`), whether it may be null (empty in CSV, `null` in JSONL), and what adds it (`core` or a plugin's name).
package struct SchemaColumnRecord: Codable, Sendable, Equatable {
    package var name: String
    package var type: String
    package var nullable: Bool
    package var source: String

    package init(name: String, type: String, nullable: Bool, source: String) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.source = source
    }
}

/// The output schema of a processor's configuration, as the daemon passes it on: the columns appended to every
/// scored row and the SHA-256 of the whole schema document (`segmentd schema`). The daemon does not compute it (it
/// knows nothing of models or plugins); it writes it into manifests and compares it across reloads.
package struct OutputSchemaRecord: Sendable, Equatable {
    /// The appended columns, in output order.
    package var columns: [SchemaColumnRecord]
    /// SHA-256 (lowercase hex) of the canonical schema document.
    package var sha256: String

    package init(columns: [SchemaColumnRecord], sha256: String) {
        self.columns = columns
        self.sha256 = sha256
    }

    /// The columns of `new` that are not in this schema, and those of this schema not in `new`, by name, in
    /// output order; a column whose type, nullability or source changed is in both.
    package func changes(to new: OutputSchemaRecord) -> (appeared: [String], disappeared: [String]) {
        (
            new.columns.filter { !columns.contains($0) }.map(\.name),
            columns.filter { !new.columns.contains($0) }.map(\.name)
        )
    }
}
