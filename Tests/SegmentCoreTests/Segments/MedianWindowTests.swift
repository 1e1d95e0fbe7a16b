import Testing

@testable import SegmentCore

@Suite("Median windows")
struct MedianWindowTests {
    private static func sortedMedian(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// One column, one segment, with `windows` forced; returns the profiled median.
    private static func median(of values: [Double], lower: Double, upper: Double) -> Double {
        let summaries = SegmentProfiler.columnSummaries(
            values: values, columnCount: 1, labels: [Int32](repeating: 0, count: values.count), segmentCount: 1,
            windows: ProfileMedianWindows(lower: [lower], upper: [upper]))
        return summaries[0].segmentMedians[0]
    }

    @Test(arguments: [
        (-Double.infinity, Double.infinity),  // everything kept
        (4.0, 6.0),  // window around the middle: values on the lower end are counted, the rest kept
        (5.0, 5.0),  // degenerate window at the median itself: only counted
        (4.5, 5.0),  // even count: lower middle inside, upper middle on the upper end
        (5.5, 9.0),  // a middle value lies just below the window: falls back to selecting over all values
        (0.0, 4.5),  // a middle value lies just above the window: falls back
        (7.0, 9.0),  // window misses entirely: falls back
        (-3.0, 1.0),  // misses on the other side
    ])
    func everyWindowGivesTheExactMedian(lower: Double, upper: Double) {
        let odd: [Double] = [9, 1, 5, 3, 7, 5, 2, 8, 4]
        let even: [Double] = [9, 1, 5, 3, 7, 6, 2, 8, 4, 5]
        let heavyTies: [Double] = [0, 0, 0, 5, 0, 6, 0, 0, 9, 4]
        for values in [odd, even, heavyTies] {
            #expect(Self.median(of: values, lower: lower, upper: upper) == Self.sortedMedian(values), "\(values)")
        }
    }

    @Test func sampledWindowsGiveTheSameMediansAsKeepingEverything() {
        var generator = SegmentsTestGenerator(seed: 17)
        let rowCount = 150_000
        let columnCount = 3
        var values: [Double] = []
        values.reserveCapacity(rowCount * columnCount)
        var labels: [Int32] = []
        for row in 0..<rowCount {
            // Segment 2 is small (never windowed); rows of segment 0 trend upward, so order is not random.
            let segment: Int32 = row % 50 == 0 ? 2 : (Double.random(in: 0..<1, using: &generator) < 0.6 ? 0 : 1)
            labels.append(segment)
            values.append(Double(row) / 1000 + Double.random(in: 0..<1, using: &generator))
            values.append(
                Double.random(in: 0..<1, using: &generator) < 0.7 ? 0 : Double.random(in: 0..<100, using: &generator))
            values.append(Double(Int.random(in: 0..<20, using: &generator)))
        }
        let sizes = (0..<3).map { segment in labels.filter { $0 == Int32(segment) }.count }
        let windows = values.withUnsafeBufferPointer { values in
            labels.withUnsafeBufferPointer { labels in
                ProfileMedianWindows.estimate(values: values, columnCount: columnCount, labels: labels, sizes: sizes)
            }
        }
        #expect(windows.lower[0].isFinite && windows.upper[0].isFinite, "segment 0 of column 0 should be windowed")
        #expect(windows.lower[6] == -.infinity && windows.upper[6] == .infinity, "segment 2 is too small to window")
        let sampled = SegmentProfiler.columnSummaries(
            values: values, columnCount: columnCount, labels: labels, segmentCount: 3)
        let exact = SegmentProfiler.columnSummaries(
            values: values, columnCount: columnCount, labels: labels, segmentCount: 3,
            windows: .unbounded(pairCount: columnCount * 3))
        for column in 0..<columnCount {
            #expect(sampled[column].segmentMedians == exact[column].segmentMedians)
            #expect(sampled[column].segmentMeans == exact[column].segmentMeans)
            #expect(sampled[column].segmentStds == exact[column].segmentStds)
        }
        let segmentZero = (0..<rowCount).filter { labels[$0] == 0 }.map { values[$0 * columnCount] }
        #expect(exact[0].segmentMedians[0] == Self.sortedMedian(segmentZero))
    }
}
