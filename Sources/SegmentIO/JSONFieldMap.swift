/// How the keys of JSON objects map to what a job needs: the id and the numeric input columns.
struct JSONFieldMap: Sendable {
    /// Finds the wanted column a key names.
    let matcher: ColumnMatcher
    /// For each distinct wanted name (by matcher position): whether it is the id.
    let isID: [Bool]
    /// For each distinct wanted name (by matcher position): the input slot it fills, or -1.
    let slot: [Int]
    /// Number of input slots.
    let inputCount: Int
    /// Slots filled by copying another slot, when the same column is asked for twice.
    let copies: [(target: Int, source: Int)]

    init(idColumn: String, inputColumns: [String]) {
        let wanted = [idColumn] + inputColumns
        let matcher = ColumnMatcher(names: wanted)
        var isID = [Bool](repeating: false, count: wanted.count)
        var slot = [Int](repeating: -1, count: wanted.count)
        var copies: [(target: Int, source: Int)] = []
        for (position, name) in wanted.enumerated() {
            guard let index = matcher.match(name) else { continue }
            if position == 0 {
                isID[index] = true
            } else if slot[index] < 0 {
                slot[index] = position - 1
            } else {
                copies.append((target: position - 1, source: slot[index]))
            }
        }
        self.matcher = matcher
        self.isID = isID
        self.slot = slot
        inputCount = inputColumns.count
        self.copies = copies
    }

    /// Fills slots that repeat another column.
    @inline(__always)
    func applyCopies(_ values: UnsafeMutableBufferPointer<Double>) {
        for copy in copies { values[copy.target] = values[copy.source] }
    }
}
