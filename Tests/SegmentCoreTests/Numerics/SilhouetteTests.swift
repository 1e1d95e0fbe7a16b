import Testing
@testable import SegmentCore

@Suite("Silhouette")
struct SilhouetteTests {
    @Test("equals a brute-force per-point computation for several labelings at once")
    func matchesBruteForce() {
        let points = overlappingCloud(rows: 333, dimensions: 3, seed: 21)
        var generator = SeededGenerator(seed: 4)
        var labelings = [[Int32]]()
        var counts = [Int]()
        for k in [2, 3, 5, 8] {
            labelings.append((0..<points.rows).map { _ in Int32(generator.nextInt(below: k)) })
            counts.append(k)
        }
        // k-means labels, a singleton cluster, and an unused (empty) cluster label.
        labelings.append(KMeans.assign(points, centroids: points.selectingRows([0, 50, 100, 150])).labels)
        counts.append(4)
        var withSingleton = labelings[0]
        withSingleton[10] = 2
        labelings.append(withSingleton)
        counts.append(4)
        let scores = Silhouette.scores(points, labelings: labelings, clusterCounts: counts)
        let distances = pairwiseDistances(points)
        for (labels, score) in zip(labelings, scores) {
            #expect(abs(score - bruteForceSilhouette(distances, labels)) < 1e-12)
        }
    }

    @Test("per-point scores average to the mean score and equal a brute-force per-point computation")
    func pointScoresMatchBruteForce() {
        let points = overlappingCloud(rows: 257, dimensions: 3, seed: 33)
        var generator = SeededGenerator(seed: 8)
        var labels = (0..<points.rows).map { _ in Int32(generator.nextInt(below: 4)) }
        labels[7] = 4  // a singleton: its silhouette is 0

        let scores = Silhouette.pointScores(points, labels: labels, clusterCount: 6)

        let distances = pairwiseDistances(points)
        #expect(scores.count == points.rows)
        #expect(scores[7] == 0)
        for point in [0, 1, 100, 256] {
            let own = labels[point]
            let inside = (0..<points.rows).filter { $0 != point && labels[$0] == own }.map { distances[point][$0] }
            let a = inside.reduce(0, +) / Double(inside.count)
            let b = Set(labels).subtracting([own]).map { other in
                let members = (0..<points.rows).filter { labels[$0] == other }
                return members.map { distances[point][$0] }.reduce(0, +) / Double(members.count)
            }.min()!
            #expect(abs(scores[point] - (b - a) / max(a, b)) < 1e-12)
        }
        let mean = Silhouette.scores(points, labelings: [labels], clusterCounts: [6])[0]
        #expect(abs(scores.reduce(0, +) / Double(scores.count) - mean) < 1e-12)
        #expect(
            Silhouette.pointScores(points, labels: [Int32](repeating: 0, count: points.rows), clusterCount: 1).isEmpty)
    }

    @Test("stays exact when labelings have too many joint cells for one group")
    func manyCells() {
        let points = overlappingCloud(rows: 700, dimensions: 2, seed: 9)
        var generator = SeededGenerator(seed: 12)
        let labelings = (0..<3).map { _ in (0..<points.rows).map { _ in Int32(generator.nextInt(below: 30)) } }
        #expect(SilhouetteCells(labelings: labelings, pointCount: points.rows).groups.count > 1)
        let scores = Silhouette.scores(points, labelings: labelings, clusterCounts: [30, 30, 30])
        let distances = pairwiseDistances(points)
        for (labels, score) in zip(labelings, scores) {
            #expect(abs(score - bruteForceSilhouette(distances, labels)) < 1e-12)
        }
    }

    @Test("well-separated clusters score near 1 and undefined labelings score NaN")
    func extremes() {
        let (points, truth) = blobs(perCluster: 30, centers: [[100, 0], [0, 100], [-100, -100]])
        let scores = Silhouette.scores(
            points,
            labelings: [truth, [Int32](repeating: 0, count: points.rows), (0..<Int32(points.rows)).map { $0 }],
            clusterCounts: [3, 2, points.rows]
        )
        #expect(scores[0] > 0.95)
        #expect(scores[1].isNaN && scores[2].isNaN)
    }

    @Test("sample indices are sorted, distinct, seeded and complete when the sample covers everything")
    func sampleIndices() {
        let sample = Silhouette.sampleIndices(count: 10000, sampleSize: 500, seed: 3)
        #expect(sample.count == 500)
        #expect(zip(sample, sample.dropFirst()).allSatisfy { $0 < $1 })
        #expect(sample.first! >= 0 && sample.last! < 10000)
        #expect(sample == Silhouette.sampleIndices(count: 10000, sampleSize: 500, seed: 3))
        #expect(sample != Silhouette.sampleIndices(count: 10000, sampleSize: 500, seed: 4))
        #expect(Silhouette.sampleIndices(count: 7, sampleSize: 10, seed: 1) == Array(0..<7))
    }

    @Test("every pair of blocks meets exactly once, in rounds of disjoint pairs")
    func roundRobinSchedule() {
        for count in [1, 2, 5, 8] {
            var seen = Set<[Int]>()
            for round in RoundRobinSchedule(count: count).rounds {
                let blocks = round.flatMap { [$0.first, $0.second] }
                #expect(Set(blocks).count == blocks.count)
                for pair in round {
                    #expect(pair.first < pair.second && pair.second < count)
                    #expect(seen.insert([pair.first, pair.second]).inserted)
                }
            }
            #expect(seen.count == count * (count - 1) / 2)
        }
    }
}

/// Euclidean distance between every two rows.
func pairwiseDistances(_ points: Matrix) -> [[Double]] {
    (0..<points.rows).map { i in
        (0..<points.rows).map { j in
            var sum = 0.0
            for feature in 0..<points.columns {
                sum += (points[i, feature] - points[j, feature]) * (points[i, feature] - points[j, feature])
            }
            return sum.squareRoot()
        }
    }
}

/// The scikit-learn definition, point by point, with no shortcuts.
func bruteForceSilhouette(_ distances: [[Double]], _ labels: [Int32]) -> Double {
    let n = labels.count
    var total = 0.0
    for i in 0..<n {
        var sums = [Int32: Double]()
        var sizes = [Int32: Int]()
        for j in 0..<n {
            sizes[labels[j], default: 0] += 1
            if j != i { sums[labels[j], default: 0] += distances[i][j] }
        }
        let own = labels[i]
        guard let ownSize = sizes[own], ownSize > 1 else { continue }
        let a = sums[own, default: 0] / Double(ownSize - 1)
        let b = sizes.keys.filter { $0 != own }.map { sums[$0, default: 0] / Double(sizes[$0]!) }.min()!
        if max(a, b) > 0 { total += (b - a) / max(a, b) }
    }
    return total / Double(n)
}
