import Testing

@testable import SegmentCore

@Suite("CentroidMatcher")
struct CentroidMatcherTests {
    private static func randomCentroids(count: Int, dimension: Int, using generator: inout SegmentsTestGenerator)
        -> [[Double]]
    {
        (0..<count).map { _ in (0..<dimension).map { _ in Double.random(in: -5...5, using: &generator) } }
    }

    @Test func recoversAShuffledPermutationOfSlightlyMovedCentroids() {
        var generator = SegmentsTestGenerator(seed: 21)
        for _ in 0..<50 {
            let old = Self.randomCentroids(count: 6, dimension: 4, using: &generator)
            let order = Array(0..<6).shuffled(using: &generator)
            let new = order.map { id in old[id].map { $0 + Double.random(in: -0.01...0.01, using: &generator) } }
            #expect(CentroidMatcher.permutation(newCentroids: new, oldCentroids: old) == order)
        }
    }

    @Test func extraNewClustersTakeTheNextIdsLargestFirst() {
        let old: [[Double]] = [[0, 0], [10, 0]]
        let new: [[Double]] = [[50, 50], [10, 0.1], [-40, 0], [0.1, 0]]
        let ids = CentroidMatcher.permutation(newCentroids: new, oldCentroids: old, newSizes: [10, 500, 30, 400])
        #expect(ids == [3, 1, 2, 0])
        #expect(CentroidMatcher.permutation(newCentroids: new, oldCentroids: old) == [2, 1, 3, 0])
    }

    @Test func fewerNewClustersKeepTheirNearestOldIds() {
        let old: [[Double]] = [[0, 0], [10, 0], [20, 0], [30, 0]]
        let new: [[Double]] = [[29, 0], [11, 0]]
        #expect(CentroidMatcher.permutation(newCentroids: new, oldCentroids: old) == [3, 1])
    }

    @Test func matchingMinimisesTotalDistanceRatherThanGreedyNearest() {
        // Greedy would give new 0 → old 0 (distance 1) and leave new 1 with old 1 (distance 6): total 7.
        // The optimum pairs new 0 → old 1 (2) and new 1 → old 0 (3): total 5.
        let old: [[Double]] = [[0], [3]]
        let new: [[Double]] = [[1], [-3]]
        #expect(CentroidMatcher.permutation(newCentroids: new, oldCentroids: old) == [1, 0])
    }
}
