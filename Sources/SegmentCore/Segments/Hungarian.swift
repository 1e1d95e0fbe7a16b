/// Optimal one-to-one assignment by the Hungarian algorithm (Kuhn–Munkres with potentials), O(n²·m).
package enum Hungarian {
    /// Assigns rows to columns so that the total cost is minimal, each column used at most once.
    ///
    /// With more rows than columns, only `columns` rows get a column and the rest get −1.
    /// Equal-cost alternatives are resolved by a fixed scan order (lower indices first), so the same
    /// matrix always yields the same assignment. A non-finite cost is treated as higher than any finite one.
    ///
    /// - Parameters:
    ///   - cost: row-major `rows × columns` costs.
    ///   - rows: number of rows.
    ///   - columns: number of columns.
    /// - Returns: for each row, its column, or −1 when it gets none.
    /// - Precondition: `cost.count == rows * columns`.
    package static func minimumCostAssignment(cost: [Double], rows: Int, columns: Int) -> [Int] {
        precondition(cost.count == rows * columns, "cost holds \(cost.count) values, expected \(rows) × \(columns)")
        guard rows > 0 else { return [] }
        guard columns > 0 else { return [Int](repeating: -1, count: rows) }
        let finite = finiteCosts(cost)
        if rows <= columns {
            return solve(cost: finite, rows: rows, columns: columns)
        }
        var transposed = [Double](repeating: 0, count: cost.count)
        for row in 0..<rows {
            for column in 0..<columns {
                transposed[column * rows + row] = finite[row * columns + column]
            }
        }
        let rowOfColumn = solve(cost: transposed, rows: columns, columns: rows)
        var columnOfRow = [Int](repeating: -1, count: rows)
        for (column, row) in rowOfColumn.enumerated() {
            columnOfRow[row] = column
        }
        return columnOfRow
    }

    /// Replaces NaN and infinities by a cost above every finite one, so the search always progresses.
    private static func finiteCosts(_ cost: [Double]) -> [Double] {
        guard cost.contains(where: { !$0.isFinite }) else { return cost }
        let largest = cost.lazy.filter(\.isFinite).map { abs($0) }.max() ?? 0
        let penalty = min(2 * largest + 1, .greatestFiniteMagnitude)
        return cost.map { $0.isFinite ? $0 : penalty }
    }

    /// Shortest augmenting paths with row and column potentials; requires `rows <= columns`.
    /// Indices are 1-based inside, with 0 standing for "no row / virtual column".
    private static func solve(cost: [Double], rows: Int, columns: Int) -> [Int] {
        var rowPotential = [Double](repeating: 0, count: rows + 1)
        var columnPotential = [Double](repeating: 0, count: columns + 1)
        var rowOfColumn = [Int](repeating: 0, count: columns + 1)
        var previousColumn = [Int](repeating: 0, count: columns + 1)
        var slack = [Double](repeating: 0, count: columns + 1)
        var visited = [Bool](repeating: false, count: columns + 1)
        for row in 1...rows {
            rowOfColumn[0] = row
            var column = 0
            for index in 0...columns {
                slack[index] = .infinity
                visited[index] = false
            }
            repeat {
                visited[column] = true
                let currentRow = rowOfColumn[column]
                var delta = Double.infinity
                var nextColumn = 0
                for candidate in 1...columns where !visited[candidate] {
                    let reduced =
                        cost[(currentRow - 1) * columns + candidate - 1] - rowPotential[currentRow]
                        - columnPotential[candidate]
                    if reduced < slack[candidate] {
                        slack[candidate] = reduced
                        previousColumn[candidate] = column
                    }
                    if slack[candidate] < delta {
                        delta = slack[candidate]
                        nextColumn = candidate
                    }
                }
                for index in 0...columns {
                    if visited[index] {
                        rowPotential[rowOfColumn[index]] += delta
                        columnPotential[index] -= delta
                    } else {
                        slack[index] -= delta
                    }
                }
                column = nextColumn
            } while rowOfColumn[column] != 0
            repeat {
                let previous = previousColumn[column]
                rowOfColumn[column] = rowOfColumn[previous]
                column = previous
            } while column != 0
        }
        var columnOfRow = [Int](repeating: -1, count: rows)
        for column in 1...columns where rowOfColumn[column] != 0 {
            columnOfRow[rowOfColumn[column] - 1] = column - 1
        }
        return columnOfRow
    }
}
