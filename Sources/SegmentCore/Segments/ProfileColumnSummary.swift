/// Statistics of one column, overall and per segment, reduced from a ``ProfileSweep``.
struct ProfileColumnSummary: Sendable {
    var overallMean: Double
    var overallStd: Double
    var segmentMeans: [Double]
    var segmentMedians: [Double]
    var segmentStds: [Double]
    var sizes: [Int]

    static let empty = ProfileColumnSummary(
        overallMean: 0, overallStd: 0, segmentMeans: [], segmentMedians: [], segmentStds: [], sizes: [])

    /// Reduces the lanes' sums of `column` in lane order, then resolves each segment's median;
    /// `allValues(segment)` supplies the segment's values when the median window missed.
    init(column: Int, sweep: ProfileSweep, sizes: [Int], allValues: (_ segment: Int) -> [Double]) {
        let segmentCount = sweep.segmentCount
        var means = [Double](repeating: 0, count: segmentCount)
        var stds = [Double](repeating: 0, count: segmentCount)
        var medians = [Double](repeating: 0, count: segmentCount)
        var squaredDeviations = [Double](repeating: 0, count: segmentCount)
        var constantValues: Set<Double> = []
        var allConstant = true
        for segment in 0..<segmentCount where sizes[segment] > 0 {
            let pair = segment * sweep.columnCount + column
            let size = Double(sizes[segment])
            let reference = sweep.bounds.reference[pair]
            var shiftedSum = 0.0
            var shiftedSquares = 0.0
            for lane in sweep.lanes {
                shiftedSum += lane.shiftedSums[pair]
                shiftedSquares += lane.shiftedSquares[pair]
            }
            // Every value equals the reference exactly when no shifted square is positive.
            guard shiftedSquares > 0 else {
                means[segment] = reference
                medians[segment] = reference
                constantValues.insert(reference)
                continue
            }
            allConstant = false
            means[segment] = reference + shiftedSum / size
            squaredDeviations[segment] = max(0, shiftedSquares - shiftedSum * shiftedSum / size)
            stds[segment] = (squaredDeviations[segment] / size).squareRoot()
            var windowed = ProfileWindowedMedian(pair: pair, size: sizes[segment], sweep: sweep)
            medians[segment] = windowed.median() ?? Self.median(of: allValues(segment))
        }
        let profiled = sizes.reduce(0, +)
        self.segmentMeans = means
        self.segmentMedians = medians
        self.segmentStds = stds
        self.sizes = sizes
        if allConstant && constantValues.count <= 1 {
            self.overallMean = constantValues.first ?? 0
            self.overallStd = 0
            return
        }
        var weightedMeans = 0.0
        for segment in 0..<segmentCount {
            weightedMeans += Double(sizes[segment]) * means[segment]
        }
        let overallMean = weightedMeans / Double(profiled)
        var overallSquares = 0.0
        for segment in 0..<segmentCount where sizes[segment] > 0 {
            let offset = means[segment] - overallMean
            overallSquares += squaredDeviations[segment] + Double(sizes[segment]) * offset * offset
        }
        self.overallMean = overallMean
        self.overallStd = (overallSquares / Double(profiled)).squareRoot()
    }

    private init(
        overallMean: Double, overallStd: Double, segmentMeans: [Double], segmentMedians: [Double],
        segmentStds: [Double], sizes: [Int]
    ) {
        self.overallMean = overallMean
        self.overallStd = overallStd
        self.segmentMeans = segmentMeans
        self.segmentMedians = segmentMedians
        self.segmentStds = segmentStds
        self.sizes = sizes
    }

    /// (segment mean − overall mean) / overall std; 0 for a constant column or an empty segment.
    func standardizedDifference(segment: Int) -> Double {
        guard overallStd > 0, sizes[segment] > 0 else { return 0 }
        return (segmentMeans[segment] - overallMean) / overallStd
    }

    private static func median(of values: [Double]) -> Double {
        var values = values
        return values.withUnsafeMutableBufferPointer { MedianSelection.median(of: $0) }
    }
}
