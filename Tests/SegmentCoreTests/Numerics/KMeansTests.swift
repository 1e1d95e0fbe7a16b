import Foundation
import Testing
@testable import SegmentCore

@Suite("KMeans")
struct KMeansTests {
    @Test("recovers well-separated blobs")
    func recoversBlobs() throws {
        let (points, truth) = blobs(perCluster: 200, centers: [[10, 0, 0], [0, 10, 0], [0, 0, -10], [-8, -8, 8]])
        let result = try KMeans.fit(points, options: KMeansOptions(k: 4, seed: 1))
        #expect(ClusteringMetrics.adjustedRandIndex(result.labels, truth) == 1)
        #expect(result.sizes.sorted() == [200, 200, 200, 200])
        #expect(result.centroids.rows == 4 && result.centroids.columns == 3)
    }

    @Test("the same seed gives an identical result, Lloyd and Hamerly included")
    func deterministicAndAlgorithmIndependent() throws {
        // Several row blocks, so the steps run in parallel.
        let points = overlappingCloud(rows: 8700, dimensions: 4, seed: 11)
        let options = KMeansOptions(k: 6, nInit: 2, seed: 99)
        let first = try KMeans.fit(points, options: options)
        #expect(try KMeans.fit(points, options: options) == first)
        var lloyd = options
        lloyd.algorithm = .lloyd
        #expect(try KMeans.fit(points, options: lloyd) == first)
        var otherSeed = options
        otherSeed.seed = 100
        #expect(try KMeans.fit(points, options: otherSeed).centroids != first.centroids)
    }

    @Test("ends converged: labels are the nearest centroids and inertia their squared distances")
    func resultIsConsistent() throws {
        let points = overlappingCloud(rows: 2000, dimensions: 3, seed: 5)
        let result = try KMeans.fit(points, options: KMeansOptions(k: 5, nInit: 2, tolerance: 0, seed: 3))
        let (labels, inertia) = KMeans.assign(points, centroids: result.centroids)
        #expect(labels == result.labels)
        #expect(abs(inertia - result.inertia) <= 1e-12 * inertia)
        // With tolerance 0 the run only stops when no label changes, so centroids are the cluster means.
        for cluster in 0..<5 {
            let members = (0..<points.rows).filter { labels[$0] == cluster }
            #expect(members.count == result.sizes[cluster])
            for feature in 0..<3 {
                let mean = members.reduce(0.0) { $0 + points[$1, feature] } / Double(members.count)
                #expect(abs(mean - result.centroids[cluster, feature]) <= 1e-12)
            }
        }
        #expect(result.iterations < 300)
    }

    @Test("more clusters than distinct points leaves clusters empty without NaN")
    func moreClustersThanDistinctPoints() throws {
        let points = Matrix(rows: 6, columns: 2, values: [0, 0, 0, 0, 5, 5, 5, 5, 9, 1, 9, 1])
        let result = try KMeans.fit(points, options: KMeansOptions(k: 5, seed: 4))
        #expect(result.centroids.values.allSatisfy { $0.isFinite })
        #expect(result.inertia == 0)
        #expect(result.sizes.reduce(0, +) == 6)
        #expect(result.sizes.count { $0 > 0 } == 3)
        #expect(result.labels[0] == result.labels[1] && result.labels[2] == result.labels[3])
    }

    @Test("a warm start on a sample still ends at a converged run on all rows")
    func warmStartConverges() throws {
        let points = overlappingCloud(rows: 4000, dimensions: 3, seed: 8)
        let options = KMeansOptions(k: 4, nInit: 3, seed: 2, warmStartRows: 500)
        let warm = try KMeans.fit(points, options: options)
        let (labels, inertia) = KMeans.assign(points, centroids: warm.centroids)
        #expect(labels == warm.labels && inertia == warm.inertia)
        var cold = options
        cold.warmStartRows = 0
        let reference = try KMeans.fit(points, options: cold)
        #expect(abs(warm.inertia - reference.inertia) <= 1e-3 * reference.inertia)
    }

    @Test("assignment breaks distance ties toward the lowest centroid index")
    func tiesGoToLowestIndex() {
        let point = Matrix(rows: 1, columns: 2, values: [0, 0])
        let cases: [([Double], Int32)] = [
            ([5, 5, 1, 0, 0, 1], 1),
            ([5, 5, 0, 1, 7, 7, 1, 0], 1),
            ([2, 0, -2, 0, 0, 2], 0),
            ([9, 9, 8, 8, 0, 3, 3, 0, 0, -3], 2),
        ]
        for (centers, expected) in cases {
            let centroids = Matrix(rows: centers.count / 2, columns: 2, values: centers)
            #expect(KMeans.assign(point, centroids: centroids).labels == [expected])
        }
    }

    @Test("rejects NaN, bad k and bad options with a clear error")
    func rejectsBadInput() {
        var points = overlappingCloud(rows: 50, dimensions: 2, seed: 1)
        #expect(throws: NumericError.self) { try KMeans.fit(points, options: KMeansOptions(k: 0)) }
        #expect(throws: NumericError.self) { try KMeans.fit(points, options: KMeansOptions(k: 51)) }
        #expect(throws: NumericError.self) { try KMeans.fit(points, options: KMeansOptions(k: 2, nInit: 0)) }
        #expect(throws: NumericError.self) { try KMeans.fit(points, options: KMeansOptions(k: 2, tolerance: -1)) }
        points[7, 1] = .infinity
        let error = #expect(throws: NumericError.self) { try KMeans.fit(points, options: KMeansOptions(k: 2)) }
        #expect(error?.code == .nonFiniteValue && error?.row == 7 && error?.column == 1)
    }

    @Test("options decode with scikit-learn defaults for missing keys")
    func optionsDecodeDefaults() throws {
        let options = try JSONDecoder().decode(KMeansOptions.self, from: Data(#"{"k": 3, "seed": 5}"#.utf8))
        #expect(options == KMeansOptions(k: 3, nInit: 10, maxIterations: 300, tolerance: 1e-4, seed: 5))
    }
}

/// Points around `centers` with unit-variance noise, and the index of each point's centre.
func blobs(perCluster: Int, centers: [[Double]], seed: UInt64 = 17) -> (Matrix, [Int32]) {
    var generator = SeededGenerator(seed: seed)
    var values = [Double]()
    var truth = [Int32]()
    for (index, center) in centers.enumerated() {
        for _ in 0..<perCluster {
            values += center.map { $0 + gaussian(&generator) }
            truth.append(Int32(index))
        }
    }
    return (Matrix(rows: truth.count, columns: centers[0].count, values: values), truth)
}

/// A cloud with mild structure, so k-means needs several iterations and restarts disagree.
func overlappingCloud(rows: Int, dimensions: Int, seed: UInt64) -> Matrix {
    var generator = SeededGenerator(seed: seed)
    let values = (0..<rows * dimensions).map { index in
        gaussian(&generator) * Double(1 + index % dimensions) + (generator.nextDouble() < 0.3 ? 3 : 0)
    }
    return Matrix(rows: rows, columns: dimensions, values: values)
}

func gaussian(_ generator: inout SeededGenerator) -> Double {
    let radius = (-2 * log(max(generator.nextDouble(), 1e-300))).squareRoot()
    return radius * cos(2 * Double.pi * generator.nextDouble())
}
