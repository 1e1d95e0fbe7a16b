extension Matrix: Codable {
    private enum CodingKeys: String, CodingKey {
        case rows, columns, values
    }

    /// Decodes `{"rows", "columns", "values"}` and checks that the value count matches the dimensions.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode(Int.self, forKey: .rows)
        let columns = try container.decode(Int.self, forKey: .columns)
        let values = try container.decode([Double].self, forKey: .values)
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw DecodingError.dataCorruptedError(
                forKey: .values,
                in: container,
                debugDescription: "A \(rows) × \(columns) matrix needs \(max(rows, 0) * max(columns, 0)) values "
                    + "but \(values.count) were given; fix the rows, columns or values of this matrix"
            )
        }
        self.init(rows: rows, columns: columns, values: values)
    }

    /// Encodes as `{"rows", "columns", "values"}` with the values row-major.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(columns, forKey: .columns)
        try container.encode(values, forKey: .values)
    }
}
