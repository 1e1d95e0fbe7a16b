import Dispatch

/// One parallel pass over row-major values that gathers, for every (segment, column) pair, shifted sums for the
/// mean and variance and a tally of how its values fall around its median window (see ``ProfileMedianWindows``).
///
/// Work is split into ``ProfileRowPartition`` lanes, each with its own accumulators; lanes are reduced in lane order,
/// so every floating-point sum has a fixed order. Pairs are indexed `segment * columnCount + column`, so one row
/// updates a contiguous run of accumulators.
struct ProfileSweep: Sendable {
    /// Read-only parameters of every pair, as parallel arrays.
    struct PairBounds: Sendable {
        /// Each pair's value in its segment's first row; sums are taken of `value − reference`, which keeps the
        /// variance accurate for data far from zero and makes a constant pair's sums exactly zero.
        var reference: [Double]
        var lower: [Double]
        var upper: [Double]
    }

    /// One lane's running statistics of every pair, as parallel arrays. Values strictly below a pair's window or
    /// equal to its lower end are only counted, values in `(lower, upper]` are kept, values above are neither.
    struct LaneTally: Sendable {
        var counts: [Int]
        var shiftedSums: [Double]
        var shiftedSquares: [Double]
        var below: [Int]
        var equalLower: [Int]
        var inside: [[Double]]

        init(segmentCount: Int, pairCount: Int) {
            counts = [Int](repeating: 0, count: segmentCount)
            shiftedSums = [Double](repeating: 0, count: pairCount)
            shiftedSquares = [Double](repeating: 0, count: pairCount)
            below = [Int](repeating: 0, count: pairCount)
            equalLower = [Int](repeating: 0, count: pairCount)
            inside = [[Double]](repeating: [], count: pairCount)
        }
    }

    let columnCount: Int
    let segmentCount: Int
    let bounds: PairBounds
    let lanes: [LaneTally]

    var pairCount: Int { columnCount * segmentCount }

    init(
        values: UnsafeBufferPointer<Double>, columnCount: Int, labels: UnsafeBufferPointer<Int32>, segmentCount: Int,
        windows: ProfileMedianWindows
    ) {
        let pairCount = columnCount * segmentCount
        let firstRows = Self.firstRows(labels: labels, segmentCount: segmentCount)
        let references = (0..<pairCount).map { pair in
            firstRows[pair / columnCount].map { values[$0 * columnCount + pair % columnCount] } ?? 0
        }
        let bounds = PairBounds(reference: references, lower: windows.lower, upper: windows.upper)
        let partition = ProfileRowPartition(rowCount: labels.count)
        var lanes = [LaneTally](
            repeating: LaneTally(segmentCount: 0, pairCount: 0), count: ProfileRowPartition.laneCount)
        lanes.withUnsafeMutableBufferPointer { lanes in
            // Each lane reads shared inputs and writes only its own tally.
            nonisolated(unsafe) let lanes = lanes
            nonisolated(unsafe) let values = values
            nonisolated(unsafe) let labels = labels
            DispatchQueue.concurrentPerform(iterations: ProfileRowPartition.laneCount) { lane in
                var tally = LaneTally(segmentCount: segmentCount, pairCount: pairCount)
                let sweeper = ProfileLaneSweeper(
                    values: values, columnCount: columnCount, labels: labels, segmentCount: segmentCount)
                for block in partition.blocks(ofLane: lane) {
                    sweeper.sweep(rows: partition.rows(ofBlock: block), bounds: bounds, into: &tally)
                }
                lanes[lane] = tally
            }
        }
        self.columnCount = columnCount
        self.segmentCount = segmentCount
        self.bounds = bounds
        self.lanes = lanes
    }

    private static func firstRows(labels: UnsafeBufferPointer<Int32>, segmentCount: Int) -> [Int?] {
        var first = [Int?](repeating: nil, count: segmentCount)
        var missing = segmentCount
        for row in labels.indices where missing > 0 {
            let segment = Int(labels[row])
            if segment >= 0 && segment < segmentCount && first[segment] == nil {
                first[segment] = row
                missing -= 1
            }
        }
        return first
    }
}
