/// Buffers and steps of the Lloyd iterations of one k-means fit, reused by all of its runs.
///
/// Cluster sums are kept in fixed point (``FixedPointScale``) and updated only for rows whose label changes:
/// each block of rows collects the changes of one assignment step in its own delta, and the deltas are added
/// to the totals afterwards. Integer addition makes the totals exactly what a fresh summation gives, so the
/// result depends neither on thread scheduling nor on which algorithm moved the labels.
final class KMeansWorkspace {
    let data: UnsafePointer<Double>
    let n: Int
    let d: Int
    let k: Int
    let blocks: ParallelBlocks
    let fixedPoint: FixedPointScale

    /// Current label of every row; −1 before the first assignment of a run.
    let labels: UnsafeMutableBufferPointer<Int32>
    /// Fixed-point sum of the rows of every cluster (k × d) and their number (k), matching `labels`.
    var clusterSums: [Int128]
    var clusterCounts: [Int]
    /// Per block: change of the cluster sums (k × d) and counts (k) in the last assignment step; a block
    /// has few enough rows for `Int64` (see `FixedPointScale.maximumTermsPerAccumulator`).
    let blockSumDeltas: UnsafeMutableBufferPointer<Int64>
    let blockCountDeltas: UnsafeMutableBufferPointer<Int>
    /// Per block: labels changed in the last assignment step.
    let blockChanges: UnsafeMutableBufferPointer<Int>
    /// Hamerly bounds per row (empty for Lloyd): an upper bound on the distance to the assigned centroid
    /// and a lower bound on the distance to every other centroid.
    let upperBounds: UnsafeMutableBufferPointer<Double>
    let lowerBounds: UnsafeMutableBufferPointer<Double>

    init(
        data: UnsafePointer<Double>,
        rows n: Int,
        dimensions d: Int,
        clusters k: Int,
        algorithm: KMeansAlgorithm,
        fixedPoint: FixedPointScale
    ) {
        self.data = data
        self.n = n
        self.d = d
        self.k = k
        self.fixedPoint = fixedPoint
        blocks = ParallelBlocks(count: n)
        precondition(blocks.blockSize <= FixedPointScale.maximumTermsPerAccumulator)
        labels = .allocate(capacity: n)
        clusterSums = [Int128](repeating: 0, count: k * d)
        clusterCounts = [Int](repeating: 0, count: k)
        blockSumDeltas = .allocate(capacity: blocks.blockCount * k * d)
        blockCountDeltas = .allocate(capacity: blocks.blockCount * k)
        blockChanges = .allocate(capacity: blocks.blockCount)
        let boundCount = algorithm == .hamerly ? n : 0
        upperBounds = .allocate(capacity: boundCount)
        lowerBounds = .allocate(capacity: boundCount)
    }

    deinit {
        labels.deallocate()
        blockSumDeltas.deallocate()
        blockCountDeltas.deallocate()
        blockChanges.deallocate()
        upperBounds.deallocate()
        lowerBounds.deallocate()
    }

    /// Forgets all labels and sums before a new run.
    func reset() {
        labels.update(repeating: -1)
        clusterSums = [Int128](repeating: 0, count: k * d)
        clusterCounts = [Int](repeating: 0, count: k)
    }

    /// Clears the deltas of `block` before an assignment step.
    func beginBlock(_ block: Int) {
        (blockSumDeltas.baseAddress! + block * k * d).update(repeating: 0, count: k * d)
        (blockCountDeltas.baseAddress! + block * k).update(repeating: 0, count: k)
    }

    /// Moves `row` to cluster `label`, recording the change in the deltas of `block`.
    @inline(__always)
    func relabel(_ row: Int, to label: Int, block: Int) {
        let previous = Int(labels[row])
        labels[row] = Int32(truncatingIfNeeded: label)
        let values = data + row * d
        let counts = blockCountDeltas.baseAddress! + block * k
        // Wrapping arithmetic cannot overflow: a block adds at most maximumTermsPerAccumulator values.
        let added = blockSumDeltas.baseAddress! + (block * k + label) * d
        counts[label] += 1
        if previous >= 0 {
            let removed = blockSumDeltas.baseAddress! + (block * k + previous) * d
            for feature in 0..<d {
                let fixed = fixedPoint.fixed(values[feature])
                added[feature] &+= fixed
                removed[feature] &-= fixed
            }
            counts[previous] -= 1
        } else {
            for feature in 0..<d {
                added[feature] &+= fixedPoint.fixed(values[feature])
            }
        }
    }

    /// Adds every block's deltas to the cluster sums and returns the number of labels changed.
    func applyBlockDeltas() -> Int {
        var changes = 0
        for block in 0..<blocks.blockCount where blockChanges[block] > 0 {
            changes += blockChanges[block]
            for index in 0..<k * d {
                clusterSums[index] += Int128(blockSumDeltas[block * k * d + index])
            }
            for cluster in 0..<k {
                clusterCounts[cluster] += blockCountDeltas[block * k + cluster]
            }
        }
        return changes
    }

    /// Whether the current labels are `other` with clusters renamed (scikit-learn's `_is_same_clustering`).
    func labelsRename(_ other: [Int32]) -> Bool {
        var mapping = [Int32](repeating: -1, count: k)
        for row in 0..<n {
            let label = Int(labels[row])
            if mapping[label] == -1 {
                mapping[label] = other[row]
            } else if mapping[label] != other[row] {
                return false
            }
        }
        return true
    }
}
