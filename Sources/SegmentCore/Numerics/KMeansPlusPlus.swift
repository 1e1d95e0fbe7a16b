import Foundation

/// Greedy k-means++ seeding as scikit-learn does it, over all rows.
///
/// The first centre is a uniformly drawn row. Each further centre draws `2 + ⌊ln k⌋` candidate rows with
/// probability proportional to their squared distance to the nearest centre so far, and keeps the candidate
/// that leaves the smallest total squared distance (potential). Distances are summed per fixed row block and
/// the blocks combined in order, so the seeding depends only on the data and the generator.
final class KMeansPlusPlus {
    private let data: UnsafePointer<Double>
    private let n: Int
    private let d: Int
    private let k: Int
    private let trials: Int
    private let blocks: ParallelBlocks
    /// `trials + 1` distance arrays of n rows: the current closest distances and one per candidate.
    private let slots: UnsafeMutableBufferPointer<Double>
    private var closestSlot = 0
    /// Sum of the current closest distances per block.
    private var blockSums: [Double]
    /// Sum of every candidate's distances per block (block-major).
    private var candidateBlockSums: [Double]

    init(data: UnsafePointer<Double>, rows n: Int, dimensions d: Int, clusters k: Int) {
        precondition(k >= 1 && k <= n)
        self.data = data
        self.n = n
        self.d = d
        self.k = k
        trials = 2 + Int(log(Double(k)))
        blocks = ParallelBlocks(count: n)
        slots = .allocate(capacity: (trials + 1) * n)
        blockSums = [Double](repeating: 0, count: blocks.blockCount)
        candidateBlockSums = [Double](repeating: 0, count: blocks.blockCount * trials)
    }

    deinit {
        slots.deallocate()
    }

    /// k initial centres (k × d, row-major) drawn with `generator`.
    func centers(using generator: inout SeededGenerator) -> [Double] {
        var centers = [Double](repeating: 0, count: k * d)
        let first = generator.nextInt(below: n)
        copyRow(first, into: &centers, at: 0)
        var potential = measureFirstCenter(first)
        var candidates = [Int](repeating: 0, count: trials)
        var potentials = [Double](repeating: 0, count: trials)
        for center in 1..<k {
            for trial in 0..<trials {
                candidates[trial] = sampleRow(target: generator.nextDouble() * potential)
            }
            measureCandidates(candidates)
            for trial in 0..<trials {
                potentials[trial] = (0..<blocks.blockCount).reduce(0.0) {
                    $0 + candidateBlockSums[$1 * trials + trial]
                }
            }
            var best = 0
            for trial in 1..<trials where potentials[trial] < potentials[best] {
                best = trial
            }
            potential = potentials[best]
            closestSlot = candidateSlot(best)
            for block in 0..<blocks.blockCount {
                blockSums[block] = candidateBlockSums[block * trials + best]
            }
            copyRow(candidates[best], into: &centers, at: center)
        }
        return centers
    }

    private func copyRow(_ row: Int, into centers: inout [Double], at center: Int) {
        for feature in 0..<d {
            centers[center * d + feature] = data[row * d + feature]
        }
    }

    /// Slot holding candidate `trial`'s distances: every slot except the current closest one, in order.
    private func candidateSlot(_ trial: Int) -> Int {
        trial < closestSlot ? trial : trial + 1
    }

    /// Fills the closest distances with the distances to row `first` and returns their total.
    private func measureFirstCenter(_ first: Int) -> Double {
        closestSlot = 0
        let closest = slots.baseAddress!
        let center = data + first * d
        blockSums.withUnsafeMutableBufferPointer { sums in
            blocks.forEach { block, rows in
                var sum = 0.0
                for row in rows {
                    let distance = squaredDistance(data + row * d, center, dimensions: d)
                    closest[row] = distance
                    sum += distance
                }
                sums[block] = sum
            }
        }
        return blockSums.reduce(0, +)
    }

    /// For every candidate, writes min(closest, distance to candidate) per row into its slot and sums it per block.
    private func measureCandidates(_ candidates: [Int]) {
        let closest = UnsafePointer(slots.baseAddress! + closestSlot * n)
        let targets = (0..<trials).map { slots.baseAddress! + candidateSlot($0) * n }
        var rows = [Double](repeating: 0, count: trials * d)
        for (trial, candidate) in candidates.enumerated() {
            for feature in 0..<d {
                rows[trial * d + feature] = data[candidate * d + feature]
            }
        }
        let packed = PackedCenters(rows, count: trials, dimensions: d)
        let trials = trials
        packed.lanes.withUnsafeBufferPointer { lanes in
            candidateBlockSums.withUnsafeMutableBufferPointer { sums in
                blocks.forEach { block, rows in
                    for pair in 0..<packed.pairs {
                        let first = targets[2 * pair]
                        let second = 2 * pair + 1 < trials ? targets[2 * pair + 1] : nil
                        var sum = SIMD2<Double>()
                        for row in rows {
                            let current = SIMD2(repeating: closest[row])
                            let candidate = squaredDistances(
                                from: data + row * d, toPair: pair, of: lanes.baseAddress!, dimensions: d
                            )
                            let distances = candidate.replacing(with: current, where: current .< candidate)
                            first[row] = distances[0]
                            second?[row] = distances[1]
                            sum += distances
                        }
                        sums[block * trials + 2 * pair] = sum[0]
                        if 2 * pair + 1 < trials { sums[block * trials + 2 * pair + 1] = sum[1] }
                    }
                }
            }
        }
    }

    /// The first row whose running total of closest distances reaches `target` (like NumPy's
    /// `searchsorted(cumsum, target)`), clipped to the last row.
    private func sampleRow(target: Double) -> Int {
        let closest = slots.baseAddress! + closestSlot * n
        var prefix = 0.0
        for block in 0..<blocks.blockCount {
            if prefix + blockSums[block] >= target {
                var running = 0.0
                let rows = blocks.range(block)
                for row in rows {
                    running += closest[row]
                    if prefix + running >= target { return row }
                }
                return rows.upperBound - 1
            }
            prefix += blockSums[block]
        }
        return n - 1
    }
}
