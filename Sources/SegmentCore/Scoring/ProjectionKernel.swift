/// The numeric half of `SegmentScorer` laid out for speed: scaling, PCA projection and nearest centroid over plain
/// memory, eight components or clusters per SIMD lane group.
///
/// Every lane repeats exactly the scalar arithmetic, in the same order (scale, centre, then one running sum per
/// component over the columns; one running sum of squared differences per cluster over the dimensions), so the
/// results are bit-identical to the straightforward loops.
///
/// `@unchecked Sendable`: every buffer is written once in `init` and only read afterwards; `deinit` frees them.
final class ProjectionKernel: @unchecked Sendable {
    let width: Int
    let dimensions: Int
    let k: Int
    private let scaledCount: Int
    private let scaleMean: UnsafeMutableBufferPointer<Double>
    private let scaleFactor: UnsafeMutableBufferPointer<Double>
    private let pcaMean: UnsafeMutableBufferPointer<Double>
    /// Loadings grouped by eight components: group g, column c holds components 8g…8g+7 of column c.
    private let loadingLanes: UnsafeMutableBufferPointer<SIMD8<Double>>
    /// Centroids grouped by eight clusters: group g, dimension d holds that coordinate of clusters 8g…8g+7.
    private let centroidLanes: UnsafeMutableBufferPointer<SIMD8<Double>>
    private let componentGroups: Int
    private let clusterGroups: Int

    /// - Parameters:
    ///   - loadings: `dimensions` rows of `width` loadings, row-major.
    ///   - centroids: `k` rows of `dimensions` coordinates, row-major.
    init(
        scaleMean: [Double], scaleFactor: [Double], pcaMean: [Double], loadings: [Double], centroids: [Double],
        width: Int, dimensions: Int, k: Int
    ) {
        self.width = width
        self.dimensions = dimensions
        self.k = k
        scaledCount = min(scaleMean.count, scaleFactor.count, width)
        self.scaleMean = Self.copy(scaleMean, count: width)
        self.scaleFactor = Self.copy(scaleFactor, count: width)
        self.pcaMean = Self.copy(pcaMean, count: width)
        componentGroups = (dimensions + 7) / 8
        clusterGroups = (k + 7) / 8
        loadingLanes = .allocate(capacity: max(componentGroups * width, 1))
        loadingLanes.initialize(repeating: SIMD8())
        for component in 0..<dimensions {
            for column in 0..<width where component * width + column < loadings.count {
                loadingLanes[(component / 8) * width + column][component % 8] = loadings[component * width + column]
            }
        }
        centroidLanes = .allocate(capacity: max(clusterGroups * dimensions, 1))
        centroidLanes.initialize(repeating: SIMD8())
        for cluster in 0..<k {
            for dimension in 0..<dimensions where cluster * dimensions + dimension < centroids.count {
                centroidLanes[(cluster / 8) * dimensions + dimension][cluster % 8] =
                    centroids[cluster * dimensions + dimension]
            }
        }
    }

    deinit {
        scaleMean.deallocate()
        scaleFactor.deallocate()
        pcaMean.deallocate()
        loadingLanes.deallocate()
        centroidLanes.deallocate()
    }

    private static func copy(_ array: [Double], count: Int) -> UnsafeMutableBufferPointer<Double> {
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(count, 1))
        buffer.initialize(repeating: 0)
        for index in 0..<min(count, array.count) { buffer[index] = array[index] }
        return buffer
    }

    /// Scales and centres `features` (`width` values) in place, projects them into `projected` (`dimensions`
    /// values) and returns the nearest centroid.
    @inline(__always)
    func assign(features: UnsafeMutablePointer<Double>, projected: UnsafeMutablePointer<Double>) -> Assignment {
        guard let mean = scaleMean.baseAddress, let factor = scaleFactor.baseAddress,
            let centre = pcaMean.baseAddress, let lanes = loadingLanes.baseAddress
        else {
            return Assignment(segment: 0, confidence: 0, distance: .infinity)
        }
        for column in 0..<scaledCount {
            features[column] = (features[column] - mean[column]) * factor[column]
        }
        for column in 0..<width { features[column] -= centre[column] }
        for group in 0..<componentGroups {
            var sums = SIMD8<Double>()
            let base = lanes + group * width
            for column in 0..<width { sums += base[column] * features[column] }
            let lanesUsed = min(8, dimensions - group * 8)
            for lane in 0..<lanesUsed { projected[group * 8 + lane] = sums[lane] }
        }
        return nearest(projected)
    }

    @inline(__always)
    private func nearest(_ point: UnsafeMutablePointer<Double>) -> Assignment {
        var best = Double.infinity
        var second = Double.infinity
        var bestIndex = 0
        guard let lanes = centroidLanes.baseAddress else {
            return Assignment(segment: 0, confidence: 0, distance: .infinity)
        }
        for group in 0..<clusterGroups {
            var sums = SIMD8<Double>()
            let base = lanes + group * dimensions
            for dimension in 0..<dimensions {
                let delta = point[dimension] - base[dimension]
                sums += delta * delta
            }
            let lanesUsed = min(8, k - group * 8)
            for lane in 0..<lanesUsed {
                let sum = sums[lane]
                if sum < best {
                    second = best
                    best = sum
                    bestIndex = group * 8 + lane
                } else if sum < second {
                    second = sum
                }
            }
        }
        let d1 = best.squareRoot()
        let d2 = second.squareRoot()
        let confidence = d2 > 0 ? max(0, min(1, 1 - d1 / d2)) : 0
        return Assignment(segment: bestIndex, confidence: confidence, distance: d1)
    }
}
