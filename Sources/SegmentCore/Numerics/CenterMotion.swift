/// How far k-means centroids moved in one update, and how far apart the new ones are; the inputs of
/// Hamerly's bound updates.
struct CenterMotion {
    /// Distance each centroid moved.
    let shifts: [Double]
    /// Half the distance from each new centroid to its nearest other centroid (+∞ when k is 1).
    let halfGaps: [Double]
    /// Sum of the squared shifts; compared with the convergence tolerance.
    let squaredShiftTotal: Double
    private let largest: Double
    private let largestCenter: Int
    private let secondLargest: Double

    init(from old: [Double], to new: [Double], clusters k: Int, dimensions d: Int) {
        var shifts = [Double](repeating: 0, count: k)
        var total = 0.0
        var largest = 0.0
        var largestCenter = 0
        var secondLargest = 0.0
        old.withUnsafeBufferPointer { old in
            new.withUnsafeBufferPointer { new in
                for center in 0..<k {
                    let squared = squaredDistance(
                        old.baseAddress! + center * d, new.baseAddress! + center * d, dimensions: d
                    )
                    total += squared
                    let shift = squared.squareRoot()
                    shifts[center] = shift
                    if shift > largest {
                        secondLargest = largest
                        largest = shift
                        largestCenter = center
                    } else if shift > secondLargest {
                        secondLargest = shift
                    }
                }
            }
        }
        self.shifts = shifts
        self.squaredShiftTotal = total
        self.largest = largest
        self.largestCenter = largestCenter
        self.secondLargest = secondLargest
        self.halfGaps = Self.halfGaps(new, clusters: k, dimensions: d)
    }

    /// The largest shift of any centroid other than `center`.
    @inline(__always)
    func largestShift(excluding center: Int) -> Double {
        center == largestCenter ? secondLargest : largest
    }

    private static func halfGaps(_ centers: [Double], clusters k: Int, dimensions d: Int) -> [Double] {
        var gaps = [Double](repeating: .infinity, count: k)
        centers.withUnsafeBufferPointer { centers in
            for a in 0..<k {
                for b in a + 1..<k {
                    let gap =
                        squaredDistance(
                            centers.baseAddress! + a * d, centers.baseAddress! + b * d, dimensions: d
                        ).squareRoot() / 2
                    gaps[a] = min(gaps[a], gap)
                    gaps[b] = min(gaps[b], gap)
                }
            }
        }
        return gaps
    }
}
