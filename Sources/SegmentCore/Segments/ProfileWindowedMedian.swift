/// Exact median of one (segment, column) pair from the lanes' tallies: how many values fell below its window
/// or on its lower end, and the values kept inside it.
struct ProfileWindowedMedian {
    private let size: Int
    private let below: Int
    private let lower: Double
    private let equalLower: Int
    private var inside: [Double]

    /// Merges the lanes' tallies of `pair`, a pair with `size` values. The lane order only affects the order
    /// of the kept values, not the median.
    init(pair: Int, size: Int, sweep: ProfileSweep) {
        var below = 0
        var equalLower = 0
        var keptCount = 0
        for lane in sweep.lanes {
            below += lane.below[pair]
            equalLower += lane.equalLower[pair]
            keptCount += lane.inside[pair].count
        }
        var inside: [Double] = []
        inside.reserveCapacity(keptCount)
        for lane in sweep.lanes {
            inside += lane.inside[pair]
        }
        self.size = size
        self.below = below
        self.lower = sweep.bounds.lower[pair]
        self.equalLower = equalLower
        self.inside = inside
    }

    /// The median (mean of the two middle values for an even count), or nil when the window missed a middle
    /// value and the caller must select over all values. 0 for an empty pair.
    mutating func median() -> Double? {
        guard size > 0 else { return 0 }
        let highRank = size / 2
        guard let high = value(ofRank: highRank) else { return nil }
        guard size % 2 == 0 else { return high }
        guard let low = lowerNeighbour(ofRank: highRank) else { return nil }
        return (low + high) / 2
    }

    /// The value of rank `rank` (0-based, ascending), if it lies on the window's lower end or inside it.
    private mutating func value(ofRank rank: Int) -> Double? {
        let offset = rank - below
        guard offset >= 0 else { return nil }
        if offset < equalLower { return lower }
        let index = offset - equalLower
        guard index < inside.count else { return nil }
        return inside.withUnsafeMutableBufferPointer { MedianSelection.select(index, in: $0) }
    }

    /// The value of rank `rank − 1`, reusing the selection just made for `rank` when both lie inside the window.
    private mutating func lowerNeighbour(ofRank rank: Int) -> Double? {
        let insideIndex = rank - below - equalLower
        guard insideIndex > 0 && insideIndex < inside.count else { return value(ofRank: rank - 1) }
        // Selecting `insideIndex` left only smaller or equal values before it; their maximum is the neighbour.
        var neighbour = inside[0]
        for index in 1..<insideIndex where inside[index] > neighbour {
            neighbour = inside[index]
        }
        return neighbour
    }
}
