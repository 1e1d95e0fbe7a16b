/// A run of consecutive scored rows of one input file, as columns: row `i` of every array is the same record.
public struct ScoredBatch: Sendable {
    /// Number of rows.
    public let count: Int
    /// 1-based line of each row in the input file (the header is line 1 of a CSV).
    public let lines: [Int]
    /// The customer id of each row, as written in the input after the id rule (README, "Customer ids"): unquoted or
    /// unescaped, spaces and tabs around it removed, JSON numbers as written; always valid UTF-8, never empty. Compare
    /// ids by their UTF-8 bytes (`id.utf8`), not with `==`, which treats canonically equivalent texts as equal.
    public let customerIDs: [String]
    /// The segment each row was assigned to.
    public let segmentIDs: [Int]
    /// Confidence of each assignment, 1 − d1/d2, in [0, 1].
    public let confidences: [Double]
    /// Distance from each row to its segment's centroid.
    public let distances: [Double]
    /// Segment names of the model, by segment id.
    public let segmentNames: [String]
    /// Names of the model's input columns, the order of `inputValues`' rows.
    public let inputColumns: [String]
    /// Row-major `count × inputColumns.count` input values as parsed, NaN where missing; empty unless a plugin
    /// asked for them with `needsInputValues`.
    public let inputValues: [Double]

    /// Makes a batch; every per-row array must have `count` elements.
    public init(
        lines: [Int], customerIDs: [String], segmentIDs: [Int], confidences: [Double], distances: [Double],
        segmentNames: [String], inputColumns: [String] = [], inputValues: [Double] = []
    ) {
        precondition(
            customerIDs.count == lines.count && segmentIDs.count == lines.count && confidences.count == lines.count
                && distances.count == lines.count,
            "every per-row array of a ScoredBatch has one element per row")
        count = lines.count
        self.lines = lines
        self.customerIDs = customerIDs
        self.segmentIDs = segmentIDs
        self.confidences = confidences
        self.distances = distances
        self.segmentNames = segmentNames
        self.inputColumns = inputColumns
        self.inputValues = inputValues
    }

    /// The segment name of row `row` (empty for a segment id the model does not name).
    public func segmentName(at row: Int) -> String {
        let id = segmentIDs[row]
        return segmentNames.indices.contains(id) ? segmentNames[id] : ""
    }

    /// The input values of row `row`, in `inputColumns` order; empty when they were not requested.
    public func inputValues(at row: Int) -> ArraySlice<Double> {
        let width = inputColumns.count
        guard width > 0, inputValues.count == count * width else { return [] }
        return inputValues[row * width..<(row + 1) * width]
    }
}
