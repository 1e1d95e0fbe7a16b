/// The adjusted Rand index (Hubert and Arabie, 1985) between two labellings of the same rows, computed from their
/// contingency table: how far the two agree on which pairs of rows belong together, corrected for the agreement
/// chance alone would give. 1 means the same partition (whatever the labels are called), about 0 what independent
/// labellings give, and it can be negative. The shadow comparison of a challenger with the champion reports it:
/// unlike the share of rows with the same segment id it does not depend on the two models numbering their segments
/// alike.
///
/// The formula is scikit-learn's `adjusted_rand_score`, as sums over the table (n_ij rows labelled i by the first
/// labelling and j by the second, a_i and b_j its row and column sums, n the rows):
/// `ARI = (sum C(n_ij, 2) - E) / (M - E)` with `E = sum C(a_i, 2) * sum C(b_j, 2) / C(n, 2)` and
/// `M = (sum C(a_i, 2) + sum C(b_j, 2)) / 2`. Pair counts are doubles: exact up to 2^53, about 134 million rows.
package enum AdjustedRandIndex {
    /// The index of the labellings counted in `table` (`rows` x `columns`, row-major: `table[i * columns + j]` rows
    /// labelled i by the first labelling and j by the second).
    ///
    /// When `M == E` (fewer than two rows, or both labellings putting every row in one group, or every row in its
    /// own group) the two partitions cannot disagree beyond chance and the index is 1, as scikit-learn answers.
    package static func index(table: [Int], rows: Int, columns: Int) -> Double {
        precondition(rows >= 0 && columns >= 0 && table.count == rows * columns, "table must be rows x columns")
        func pairs(_ count: Int) -> Double { Double(count) * Double(count - 1) / 2 }
        var together = 0.0
        var rowSums = [Int](repeating: 0, count: rows)
        var columnSums = [Int](repeating: 0, count: columns)
        for row in 0..<rows {
            for column in 0..<columns {
                let count = table[row * columns + column]
                together += pairs(count)
                rowSums[row] += count
                columnSums[column] += count
            }
        }
        let total = rowSums.reduce(0, +)
        let first = rowSums.reduce(0.0) { $0 + pairs($1) }
        let second = columnSums.reduce(0.0) { $0 + pairs($1) }
        let allPairs = pairs(total)
        guard allPairs > 0 else { return 1 }
        let expected = first * second / allPairs
        let maximum = (first + second) / 2
        guard maximum != expected else { return 1 }
        return (together - expected) / (maximum - expected)
    }

    /// The index of two labellings given row by row (labels from 0 up): `first[r]` and `second[r]` label row r.
    package static func index(_ first: [Int], _ second: [Int]) -> Double {
        precondition(first.count == second.count, "both labellings must label the same rows")
        let rows = (first.max() ?? -1) + 1
        let columns = (second.max() ?? -1) + 1
        var table = [Int](repeating: 0, count: rows * columns)
        for (one, two) in zip(first, second) { table[one * columns + two] += 1 }
        return index(table: table, rows: rows, columns: columns)
    }
}
