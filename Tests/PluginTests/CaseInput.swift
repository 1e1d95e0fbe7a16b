import SegmentPlugin

/// The scored rows of a testcase's `input.csv`, as columns.
struct CaseInput {
    /// The columns every `input.csv` has, in this order; any further columns are model input values.
    static let scoredColumns = ["line", "customer_id", "segment_id", "segment_name", "confidence", "distance"]

    var lines: [Int] = []
    var customerIDs: [String] = []
    var segmentIDs: [Int] = []
    var confidences: [Double] = []
    var distances: [Double] = []
    /// Names of the columns after `distance`.
    var inputColumns: [String] = []
    /// Row-major values of those columns; an empty field is NaN.
    var inputValues: [Double] = []

    var count: Int { lines.count }

    /// Parses `text` (the file `file`), checking each row's `segment_name` against `segmentNames` (empty for an id
    /// the model does not name).
    init(text: String, file: String, segmentNames: [String]) throws(CaseFormatError) {
        let rows = CaseCSV.rows(text)
        guard let header = rows.first, Array(header.prefix(Self.scoredColumns.count)) == Self.scoredColumns else {
            throw CaseFormatError(
                file: file,
                problem: "the header must start with "
                    + Self.scoredColumns.joined(separator: ","))
        }
        inputColumns = Array(header.dropFirst(Self.scoredColumns.count))
        for (index, row) in rows.dropFirst().enumerated() {
            let place = "\(file): data row \(index + 1)"
            guard row.count == header.count else {
                throw CaseFormatError(file: place, problem: "\(row.count) fields, the header has \(header.count)")
            }
            guard let line = Int(row[0]), let segment = Int(row[2]), let confidence = Double(row[4]),
                let distance = Double(row[5])
            else {
                throw CaseFormatError(
                    file: place,
                    problem: "line and segment_id must be integers, "
                        + "confidence and distance numbers")
            }
            let name = segmentNames.indices.contains(segment) ? segmentNames[segment] : ""
            guard row[3] == name else {
                throw CaseFormatError(
                    file: place,
                    problem: "segment_name \"\(row[3])\" but segment id \(segment) "
                        + "is \"\(name)\" in the case's segments")
            }
            lines.append(line)
            customerIDs.append(row[1])
            segmentIDs.append(segment)
            confidences.append(confidence)
            distances.append(distance)
            for field in row.dropFirst(Self.scoredColumns.count) {
                guard field.isEmpty || Double(field) != nil else {
                    throw CaseFormatError(file: place, problem: "input value \"\(field)\" is not a number")
                }
                inputValues.append(Double(field) ?? .nan)
            }
        }
    }

    /// The rows as batches of at most `size` rows (all in one batch when nil); input values only when `withInputs`.
    func batches(size: Int?, segmentNames: [String], withInputs: Bool) -> [ScoredBatch] {
        let step = max(1, size ?? count)
        let width = inputColumns.count
        return stride(from: 0, to: count, by: step).map { start in
            let rows = start..<min(start + step, count)
            return ScoredBatch(
                lines: Array(lines[rows]), customerIDs: Array(customerIDs[rows]),
                segmentIDs: Array(segmentIDs[rows]), confidences: Array(confidences[rows]),
                distances: Array(distances[rows]), segmentNames: segmentNames,
                inputColumns: withInputs ? inputColumns : [],
                inputValues: withInputs ? Array(inputValues[rows.lowerBound * width..<rows.upperBound * width]) : [])
        }
    }
}
