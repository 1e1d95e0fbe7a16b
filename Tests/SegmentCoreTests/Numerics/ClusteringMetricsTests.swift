import Testing
import SegmentCore

@Suite("ClusteringMetrics")
struct ClusteringMetricsTests {
    @Test("identical and renamed labelings score 1")
    func identicalAndPermuted() {
        let labels: [Int32] = [0, 0, 1, 1, 2, 2, 2, 0]
        #expect(ClusteringMetrics.adjustedRandIndex(labels, labels) == 1)
        #expect(ClusteringMetrics.adjustedRandIndex(labels, labels.map { (2 - $0) * 7 }) == 1)
    }

    // Expected values: scikit-learn 1.9 adjusted_rand_score on the same inputs.
    @Test("matches scikit-learn on partial agreement and degenerate cases")
    func matchesScikitLearn() {
        #expect(
            abs(ClusteringMetrics.adjustedRandIndex([0, 0, 1, 1, 2, 2], [0, 0, 1, 2, 2, 2]) - 0.4444444444444444)
                < 1e-15)
        #expect(
            abs(
                ClusteringMetrics.adjustedRandIndex([0, 0, 0, 1, 1, 1, 2, 2], [0, 1, 2, 0, 1, 2, 0, 1])
                    + 0.3333333333333333) < 1e-15)
        #expect(ClusteringMetrics.adjustedRandIndex([0, 0, 0], [1, 1, 1]) == 1)
        #expect(ClusteringMetrics.adjustedRandIndex([0, 1, 2], [0, 1, 2]) == 1)
        #expect(ClusteringMetrics.adjustedRandIndex([0, 1, 2, 3], [0, 0, 0, 0]) == 0)
    }
}
