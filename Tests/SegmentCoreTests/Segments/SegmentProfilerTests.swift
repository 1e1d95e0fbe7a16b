import Testing

@testable import SegmentCore

@Suite("SegmentProfiler")
struct SegmentProfilerTests {
    /// Straightforward per-segment statistics, by sorting, to compare against.
    private struct BruteForce {
        var mean: Double
        var median: Double
        var std: Double

        init(_ values: [Double]) {
            guard !values.isEmpty else {
                self.init(mean: 0, median: 0, std: 0)
                return
            }
            let count = Double(values.count)
            let mean = values.reduce(0, +) / count
            let sorted = values.sorted()
            let middle = sorted.count / 2
            let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / count
            self.init(mean: mean, median: median, std: variance.squareRoot())
        }

        private init(mean: Double, median: Double, std: Double) {
            self.mean = mean
            self.median = median
            self.std = std
        }
    }

    private static func close(_ left: Double, _ right: Double) -> Bool {
        abs(left - right) <= 1e-9 * max(1, abs(left), abs(right))
    }

    private static func expectMatchesBruteForce(
        values: [Double], rowCount: Int, columns: [String], labels: [Int32], k: Int
    ) {
        let profiles = SegmentProfiler.profiles(
            values: values, rowCount: rowCount, columns: columns, labels: labels, k: k)
        #expect(profiles.map(\.id) == Array(0..<k))
        let profiled = labels.filter { $0 >= 0 && Int($0) < k }.count
        for (column, name) in columns.enumerated() {
            let all = (0..<rowCount).filter { labels[$0] >= 0 && Int(labels[$0]) < k }.map {
                values[$0 * columns.count + column]
            }
            let overall = BruteForce(all)
            for segment in 0..<k {
                let rows = (0..<rowCount).filter { labels[$0] == Int32(segment) }
                let expected = BruteForce(rows.map { values[$0 * columns.count + column] })
                let profile = profiles[segment]
                let stats = profile.features[column]
                #expect(profile.size == rows.count)
                #expect(close(profile.share, profiled == 0 ? 0 : Double(rows.count) / Double(profiled)))
                #expect(stats.name == name)
                #expect(close(stats.mean, expected.mean), "segment \(segment) column \(name) mean")
                #expect(close(stats.median, expected.median), "segment \(segment) column \(name) median")
                #expect(close(stats.std, expected.std), "segment \(segment) column \(name) std")
                let difference = rows.isEmpty || overall.std == 0 ? 0 : (expected.mean - overall.mean) / overall.std
                #expect(close(stats.standardizedDifference, difference), "segment \(segment) column \(name) z")
            }
        }
    }

    @Test func statisticsMatchBruteForceWithOddAndEvenSegmentsAndAnEmptyOne() {
        // Segment 0 has 3 rows (odd), segment 1 has 4 (even), segment 2 none.
        let labels: [Int32] = [1, 0, 1, 0, 1, 1, 0]
        let values: [Double] = [
            4, 10,
            1, -2,
            8, 10,
            3, 5,
            2, 7,
            6, 10,
            2, 0,
        ]
        Self.expectMatchesBruteForce(values: values, rowCount: 7, columns: ["a", "b"], labels: labels, k: 3)
        let profiles = SegmentProfiler.profiles(values: values, rowCount: 7, columns: ["a", "b"], labels: labels, k: 3)
        #expect(profiles[0].features[0].median == 2)
        #expect(profiles[1].features[0].median == 5)
        #expect(profiles[1].features[1].median == 10)
        #expect(profiles[2].size == 0)
        #expect(
            profiles[2].features.allSatisfy {
                $0.mean == 0 && $0.median == 0 && $0.std == 0 && $0.standardizedDifference == 0
            })
        #expect(profiles[2].distinguishing.isEmpty)
    }

    @Test func statisticsMatchBruteForceOnRandomDataSpanningSeveralBlocks() {
        var generator = SegmentsTestGenerator(seed: 7)
        let rowCount = ProfileRowPartition.blockSize * 13 + 123
        let columns = ["x", "y", "ties", "constant"]
        var values: [Double] = []
        var labels: [Int32] = []
        for _ in 0..<rowCount {
            labels.append(Int32.random(in: -1...4, using: &generator))
            values.append(Double.random(in: -100...100, using: &generator))
            values.append(Double.random(in: 0...1, using: &generator).squareRoot() * 1e6)
            values.append(Double(Int.random(in: 0...3, using: &generator)))
            values.append(42)
        }
        Self.expectMatchesBruteForce(values: values, rowCount: rowCount, columns: columns, labels: labels, k: 5)
    }

    @Test func statisticsMatchBruteForceWithMoreThanSixtyFourColumns() {
        var generator = SegmentsTestGenerator(seed: 13)
        let rowCount = 300
        let columns = (0..<70).map { "c\($0)" }
        let values = (0..<rowCount * columns.count).map { _ in Double(Int.random(in: -50...50, using: &generator)) }
        let labels = (0..<rowCount).map { _ in Int32.random(in: 0..<3, using: &generator) }
        Self.expectMatchesBruteForce(values: values, rowCount: rowCount, columns: columns, labels: labels, k: 3)
    }

    @Test func noColumnsStillGiveSizesAndShares() {
        let profiles = SegmentProfiler.profiles(values: [], rowCount: 4, columns: [], labels: [0, 1, 1, 1], k: 2)
        #expect(profiles.map(\.size) == [1, 3])
        #expect(profiles.map(\.share) == [0.25, 0.75])
        #expect(profiles.allSatisfy { $0.features.isEmpty && $0.distinguishing.isEmpty })
        #expect(
            SegmentProfiler.profiles(values: [], rowCount: 0, columns: ["a"], labels: [], k: 2).map(\.size) == [0, 0])
    }

    @Test func constantColumnHasExactlyNoSpreadAndNoDifference() {
        // Three segments of one row each: the size-weighted mean of 0.1 rounds to 0.10000000000000002.
        let profiles = SegmentProfiler.profiles(
            values: [0.1, 0.1, 0.1], rowCount: 3, columns: ["flat"], labels: [0, 1, 2], k: 3)
        for profile in profiles {
            #expect(
                profile.features[0]
                    == FeatureStats(name: "flat", mean: 0.1, median: 0.1, std: 0, standardizedDifference: 0))
            #expect(profile.distinguishing.first?.overallMean == 0.1)
        }
    }

    @Test func dataFarFromZeroKeepsItsSpread() {
        // A naive sum-of-squares variance loses these unit deviations entirely at this offset.
        let values: [Double] = [1e9 + 1, 1e9 - 1, 1e9 + 1, 1e9 - 1, 1e9 + 3, 1e9 - 3]
        let profiles = SegmentProfiler.profiles(
            values: values, rowCount: 6, columns: ["x"], labels: [0, 0, 0, 0, 1, 1], k: 2)
        #expect(profiles[0].features[0].mean == 1e9)
        #expect(profiles[0].features[0].std == 1)
        #expect(profiles[1].features[0].std == 3)
        #expect(profiles[1].features[0].median == 1e9)
    }

    @Test func labelsOutsideTheSegmentRangeAreLeftOut() {
        let values: [Double] = [1, 100, 3, -50, 5]
        let labels: [Int32] = [0, -1, 0, 2, 1]
        let profiles = SegmentProfiler.profiles(values: values, rowCount: 5, columns: ["v"], labels: labels, k: 2)
        #expect(profiles.map(\.size) == [2, 1])
        #expect(profiles[0].share == 2.0 / 3.0)
        #expect(profiles[0].distinguishing.first?.overallMean == 3)
    }

    @Test func distinguishingColumnsAreSortedByMagnitudeThenName() {
        // Segment 0 = rows 0–1. "big", "down" and "up" all sit exactly 1σ from the overall mean (a tie broken by
        // name), "small" slightly less (so it comes last although its name sorts before "up"), "flat" not at all.
        let columns = ["small", "up", "flat", "down", "big"]
        let rows: [[Double]] = [
            [0.2, 1, 5, -1, 3],
            [0.2, 1, 5, -1, 3],
            [-0.2, -1, 5, 1, -3],
            [-0.1, -1, 5, 1, -3],
        ]
        let profiles = SegmentProfiler.profiles(
            values: rows.flatMap { $0 }, rowCount: 4, columns: columns, labels: [0, 0, 1, 1], k: 2,
            distinguishingCount: 4)
        let first = profiles[0].distinguishing
        #expect(first.map(\.name) == ["big", "down", "up", "small"])
        #expect(first.map(\.standardizedDifference).map { $0.sign } == [.plus, .minus, .plus, .plus])
        let differences = Dictionary(
            uniqueKeysWithValues: profiles[0].features.map { ($0.name, $0.standardizedDifference) })
        #expect(first.allSatisfy { differences[$0.name] == $0.standardizedDifference })
        let flat = profiles[0].features[2]
        #expect(flat.standardizedDifference == 0 && flat.std == 0 && flat.median == 5)
        #expect(
            SegmentProfiler.profiles(
                values: rows.flatMap { $0 }, rowCount: 4, columns: columns, labels: [0, 0, 1, 1], k: 2
            )[1].distinguishing.count == 3)
    }

    @Test func repeatedRunsGiveIdenticalProfiles() {
        var generator = SegmentsTestGenerator(seed: 11)
        let rowCount = 50_000
        let values = (0..<rowCount * 6).map { _ in Double.random(in: -1...1, using: &generator) }
        let labels = (0..<rowCount).map { _ in Int32.random(in: 0..<4, using: &generator) }
        let columns = (0..<6).map { "c\($0)" }
        let first = SegmentProfiler.profiles(values: values, rowCount: rowCount, columns: columns, labels: labels, k: 4)
        let second = SegmentProfiler.profiles(
            values: values, rowCount: rowCount, columns: columns, labels: labels, k: 4)
        #expect(first == second)
    }

    @Test func medianSelectionAgreesWithSortingOnDuplicateHeavyData() {
        var generator = SegmentsTestGenerator(seed: 3)
        for count in [1, 2, 3, 10, 101, 1000, 4096] {
            var values = (0..<count).map { _ in Double(Int.random(in: 0...4, using: &generator)) }
            let sorted = values.sorted()
            let expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
            let median = values.withUnsafeMutableBufferPointer { MedianSelection.median(of: $0) }
            #expect(median == expected, "count \(count)")
        }
    }

    @Test func selectionPlacesEveryRankCorrectly() {
        var generator = SegmentsTestGenerator(seed: 5)
        let original = (0..<257).map { _ in Double.random(in: -10...10, using: &generator).rounded() }
        let sorted = original.sorted()
        for rank in original.indices {
            var values = original
            let selected = values.withUnsafeMutableBufferPointer { MedianSelection.select(rank, in: $0) }
            #expect(selected == sorted[rank])
            #expect(values[..<rank].allSatisfy { $0 <= selected } && values[rank...].allSatisfy { $0 >= selected })
        }
    }
}
