/// Agreement measures between two clusterings of the same rows.
package enum ClusteringMetrics {
    /// Adjusted Rand index of two labelings (scikit-learn's `adjusted_rand_score`): 1 for the same
    /// partition whatever the label names, about 0 for independent ones, negative for worse than chance.
    ///
    /// Computed from the pair confusion counts; labelings that both put all rows together, or both keep
    /// every row apart, score 1, as does an empty labeling.
    /// - Precondition: `a.count == b.count`.
    package static func adjustedRandIndex(_ a: [Int32], _ b: [Int32]) -> Double {
        precondition(a.count == b.count, "Labelings have different lengths (\(a.count) and \(b.count))")
        let (aIndices, aCount) = denseIndices(a)
        let (bIndices, bCount) = denseIndices(b)
        var contingency = [Int: Int]()
        var aSizes = [Int](repeating: 0, count: aCount)
        var bSizes = [Int](repeating: 0, count: bCount)
        for row in a.indices {
            contingency[aIndices[row] * bCount + bIndices[row], default: 0] += 1
            aSizes[aIndices[row]] += 1
            bSizes[bIndices[row]] += 1
        }
        let n = a.count
        let sumSquares = contingency.values.reduce(0) { $0 + $1 * $1 }
        let aSquares = aSizes.reduce(0) { $0 + $1 * $1 }
        let bSquares = bSizes.reduce(0) { $0 + $1 * $1 }
        // Ordered pairs: same cluster in both, in a only, in b only, in neither.
        let together = Double(sumSquares - n)
        let onlyB = Double(bSquares - sumSquares)
        let onlyA = Double(aSquares - sumSquares)
        let apart = Double(n) * Double(n) - onlyB - onlyA - Double(sumSquares)
        if onlyA == 0 && onlyB == 0 { return 1 }
        return 2 * (together * apart - onlyA * onlyB)
            / ((together + onlyA) * (onlyA + apart) + (together + onlyB) * (onlyB + apart))
    }

    /// Labels renamed to 0, 1, … in order of first appearance, and how many distinct labels there are.
    private static func denseIndices(_ labels: [Int32]) -> (indices: [Int], count: Int) {
        var names = [Int32: Int]()
        let indices = labels.map { label in
            if let index = names[label] { return index }
            let index = names.count
            names[label] = index
            return index
        }
        return (indices, names.count)
    }
}
