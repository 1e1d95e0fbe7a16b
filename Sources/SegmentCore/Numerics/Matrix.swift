/// A dense matrix of `Double`s stored row by row in one contiguous array.
///
/// Element (r, c) lives at `values[r * columns + c]`. The numeric kernels read rows through
/// `withUnsafeBufferPointer`, so a `Matrix` is the unit of data they exchange.
package struct Matrix: Sendable, Equatable {
    /// Number of rows.
    package let rows: Int
    /// Number of columns.
    package let columns: Int
    /// All elements, row-major; always `rows * columns` long.
    package private(set) var values: [Double]

    /// Wraps row-major values.
    ///
    /// - Precondition: `rows` and `columns` are not negative and `values.count == rows * columns`.
    package init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must not be negative (got \(rows) × \(columns))")
        precondition(
            values.count == rows * columns,
            "Matrix of \(rows) × \(columns) needs \(rows * columns) values, got \(values.count)"
        )
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix with every element equal to `value`.
    ///
    /// - Precondition: `rows` and `columns` are not negative.
    package init(rows: Int, columns: Int, repeating value: Double) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must not be negative (got \(rows) × \(columns))")
        self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
    }

    /// The element at `row`, `column`.
    package subscript(row: Int, column: Int) -> Double {
        get {
            precondition(column >= 0 && column < columns, "Column \(column) is outside 0..<\(columns)")
            return values[row * columns + column]
        }
        set {
            precondition(column >= 0 && column < columns, "Column \(column) is outside 0..<\(columns)")
            values[row * columns + column] = newValue
        }
    }

    /// The elements of one row.
    package func row(_ index: Int) -> ArraySlice<Double> {
        precondition(index >= 0 && index < rows, "Row \(index) is outside 0..<\(rows)")
        return values[index * columns..<(index + 1) * columns]
    }

    /// Calls `body` with the row-major elements; valid only inside `body`.
    package func withUnsafeBufferPointer<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<Double>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try values.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the row-major elements for in-place writes; valid only inside `body`.
    package mutating func withUnsafeMutableBufferPointer<Result, Failure: Error>(
        _ body: (UnsafeMutableBufferPointer<Double>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try values.withUnsafeMutableBufferPointer { buffer throws(Failure) in try body(buffer) }
    }

    /// Calls `body` with the elements of one row; valid only inside `body`.
    package func withUnsafeRow<Result>(_ index: Int, _ body: (UnsafeBufferPointer<Double>) -> Result) -> Result {
        precondition(index >= 0 && index < rows, "Row \(index) is outside 0..<\(rows)")
        return values.withUnsafeBufferPointer { buffer in
            body(UnsafeBufferPointer(rebasing: buffer[index * columns..<(index + 1) * columns]))
        }
    }

    /// The rows at `indices`, in that order, as a new matrix.
    package func selectingRows(_ indices: [Int]) -> Matrix {
        var selected = [Double]()
        selected.reserveCapacity(indices.count * columns)
        for index in indices {
            selected.append(contentsOf: row(index))
        }
        return Matrix(rows: indices.count, columns: columns, values: selected)
    }
}
