import Dispatch

/// For every (segment, column) pair, a value interval that very probably contains the segment's median,
/// estimated from a small deterministic sample of rows.
///
/// Profiling keeps only the values in a pair's interval `(lower, upper]` and counts those below it or on its
/// lower end, so exact medians need a fraction of the memory and time of selecting over whole columns.
/// Small segments get an unbounded interval, i.e. all their values are kept.
/// Pairs are indexed `segment * columnCount + column`.
struct ProfileMedianWindows: Sendable {
    /// About this many rows are sampled in total.
    static let targetSampleRows = 16384
    /// Segments smaller than this are never windowed.
    static let minimumWindowedSize = 32768
    /// Segments with fewer sampled rows than this are not windowed.
    static let minimumSampleCount = 512
    /// Half-width of the window in standard errors of the sample quantile.
    static let standardErrors = 3.5

    var lower: [Double]
    var upper: [Double]

    /// Windows that hold every value: profiling then stores everything.
    static func unbounded(pairCount: Int) -> ProfileMedianWindows {
        ProfileMedianWindows(
            lower: [Double](repeating: -.infinity, count: pairCount),
            upper: [Double](repeating: .infinity, count: pairCount))
    }

    /// Estimates windows from one row drawn from each stratum of `rowCount / targetSampleRows` consecutive rows
    /// (at a position given by a fixed hash, so periodic labels cannot bias it).
    static func estimate(
        values: UnsafeBufferPointer<Double>, columnCount: Int, labels: UnsafeBufferPointer<Int32>, sizes: [Int]
    ) -> ProfileMedianWindows {
        let segmentCount = sizes.count
        var windows = unbounded(pairCount: columnCount * segmentCount)
        let sampleRows = sampleRowsBySegment(labels: labels, segmentCount: segmentCount)
        let windowed = (0..<segmentCount).filter {
            sizes[$0] >= minimumWindowedSize && sampleRows[$0].count >= minimumSampleCount
        }
        guard !windowed.isEmpty else { return windows }
        windows.lower.withUnsafeMutableBufferPointer { lower in
            windows.upper.withUnsafeMutableBufferPointer { upper in
                // Each column writes only its own pairs.
                nonisolated(unsafe) let lower = lower
                nonisolated(unsafe) let upper = upper
                nonisolated(unsafe) let values = values
                DispatchQueue.concurrentPerform(iterations: columnCount) { column in
                    for segment in windowed {
                        let bounds = window(
                            column: column, columnCount: columnCount, rows: sampleRows[segment],
                            segmentSize: sizes[segment], values: values)
                        lower[segment * columnCount + column] = bounds.lower
                        upper[segment * columnCount + column] = bounds.upper
                    }
                }
            }
        }
        return windows
    }

    private static func sampleRowsBySegment(labels: UnsafeBufferPointer<Int32>, segmentCount: Int) -> [[Int]] {
        let rowCount = labels.count
        let stratumSize = max(1, rowCount / targetSampleRows)
        var rows = [[Int]](repeating: [], count: segmentCount)
        var stratum: UInt64 = 0
        for start in stride(from: 0, to: rowCount, by: stratumSize) {
            let width = UInt64(min(stratumSize, rowCount - start))
            let row = start + Int(mix(stratum) % width)
            let label = Int(labels[row])
            if label >= 0 && label < segmentCount {
                rows[label].append(row)
            }
            stratum += 1
        }
        return rows
    }

    /// The sample order statistics a few standard errors either side of the median's ranks;
    /// infinite on a side where the window would reach past the sample.
    private static func window(
        column: Int, columnCount: Int, rows: [Int], segmentSize: Int, values: UnsafeBufferPointer<Double>
    ) -> (lower: Double, upper: Double) {
        let sampleCount = rows.count
        let lowRank = (segmentSize - 1) / 2
        let highRank = segmentSize / 2
        func samplePosition(_ rank: Int) -> Double {
            (Double(rank) + 0.5) / Double(segmentSize) * Double(sampleCount) - 0.5
        }
        let quantile = Double(highRank) / Double(segmentSize)
        let margin = standardErrors * (Double(sampleCount) * quantile * (1 - quantile)).squareRoot() + 2
        let lowIndex = Int((samplePosition(lowRank) - margin).rounded(.down))
        let highIndex = Int((samplePosition(highRank) + margin).rounded(.up))
        var sample = rows.map { values[$0 * columnCount + column] }
        return sample.withUnsafeMutableBufferPointer { sample in
            var upper = Double.infinity
            var searched = sample
            if highIndex < sampleCount - 1 {
                upper = MedianSelection.select(highIndex, in: sample)
                searched = UnsafeMutableBufferPointer(rebasing: sample[0...highIndex])
            }
            let lower = lowIndex > 0 ? MedianSelection.select(lowIndex, in: searched) : -Double.infinity
            return (lower, upper)
        }
    }

    /// SplitMix64 finaliser: a fixed, well-spread hash of the stratum number.
    private static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value &+ 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
