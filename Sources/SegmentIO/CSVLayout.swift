/// How the fields of a CSV file map to what a job needs: the id and the numeric input columns.
struct CSVLayout: Sendable {
    /// Fields every record must have (the header's count).
    let fieldCount: Int
    /// For each field, the input slot it fills, or -1.
    let slotOfField: [Int32]
    /// Position of the id field.
    let idField: Int
    /// Number of input slots.
    let inputCount: Int
    /// Slots filled by copying another slot, when the same column is asked for twice.
    let copies: [(target: Int, source: Int)]
    /// Whether the id column is also an input column (the fast path does not handle that).
    let idIsInput: Bool

    /// Matches header names to the id and input columns, ignoring case and surrounding spaces.
    /// Throws if any needed column is missing (naming all of them) or appears twice.
    init(header: CSVHeader, idColumn: String, inputColumns: [String], path: String) throws(RecordError) {
        let wanted = [idColumn] + inputColumns
        let matcher = ColumnMatcher(names: wanted)
        var fieldOfWanted = [Int?](repeating: nil, count: wanted.count)
        for (field, name) in header.names.enumerated() {
            guard let index = matcher.match(name) else { continue }
            if let earlier = fieldOfWanted[index] {
                throw RecordError(
                    .ambiguousColumn, path: path,
                    "The header of \(path) names column \"\(wanted[index])\" twice (columns \(earlier + 1) and "
                        + "\(field + 1), ignoring letter case). Rename or remove one of them.")
            }
            fieldOfWanted[index] = field
        }
        var fields: [Int] = []
        var missing: [String] = []
        for name in wanted {
            if let index = matcher.match(name), let field = fieldOfWanted[index] {
                fields.append(field)
            } else if !missing.contains(name) {
                missing.append(name)
            }
        }
        guard missing.isEmpty else {
            // The line may be a record, not a header (a file without one): show positions and excerpts only.
            throw RecordError(
                .missingColumns, path: path,
                "The header of \(path) (line \(header.lines)) lacks the column\(missing.count == 1 ? "" : "s") "
                    + "\(missing.joined(separator: ", ")). That line has \(header.names.count) column"
                    + "\(header.names.count == 1 ? "" : "s"): \(Redaction.columns(header.names)) (each cut to its "
                    + "first \(Redaction.shownCharacters) characters, digits as #, as the line may be a record rather "
                    + "than a header). Add the missing column"
                    + "\(missing.count == 1 ? "" : "s") or fix the spelling (letter case and surrounding spaces "
                    + "are ignored); if the file has no header line, add one.")
        }
        var slots = [Int32](repeating: -1, count: header.names.count)
        var copies: [(target: Int, source: Int)] = []
        for slot in 0..<inputColumns.count {
            let field = fields[slot + 1]
            if slots[field] < 0 {
                slots[field] = Int32(slot)
            } else {
                copies.append((target: slot, source: Int(slots[field])))
            }
        }
        fieldCount = header.names.count
        slotOfField = slots
        idField = fields[0]
        inputCount = inputColumns.count
        self.copies = copies
        idIsInput = slots[fields[0]] >= 0
    }
}
