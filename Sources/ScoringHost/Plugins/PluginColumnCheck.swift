import SegmentPlugin

/// Holds a plugin's values to the columns it declared (``PluginOutputColumn``): a value of another kind, or no value
/// in a column not declared nullable, fails its row with the column's name. Without this a mistyped value would give
/// the column another type in some files than in others, which is what the output schema rules out.
enum PluginColumnCheck {
    /// The rows not already failed in `columns` whose value in some column does not fit `declared`, each with the
    /// reason for its first such column. A palette column's distinct values are checked once each.
    static func violations(in columns: PluginColumns, declared: [PluginOutputColumn]) -> [Int: String] {
        var found: [Int: String] = [:]
        for (index, column) in declared.enumerated() where index < columns.columnCount {
            if let palette = columns.palette(of: index) {
                // Position p of the palette names `palette[p]`; a position past its end reads as missing.
                let problems = palette.map { column.problem(with: $0) }
                let pastEnd = column.problem(with: .missing)
                guard problems.contains(where: { $0 != nil }) || pastEnd != nil else { continue }
                for (row, slot) in columns.paletteSlots(of: index).enumerated() {
                    let problem = Int(slot) < problems.count ? problems[Int(slot)] : pastEnd
                    if let problem, found[row] == nil, columns.failures[row] == nil { found[row] = problem }
                }
            } else {
                for row in 0..<columns.rowCount {
                    if let problem = column.problem(with: columns[row, index]), found[row] == nil,
                        columns.failures[row] == nil
                    {
                        found[row] = problem
                    }
                }
            }
        }
        return found
    }
}
