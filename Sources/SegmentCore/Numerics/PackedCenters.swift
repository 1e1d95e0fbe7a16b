/// Centres laid out for two-at-a-time SIMD distance evaluation: centres are paired (the last pair padded
/// with an infinitely distant centre) and each pair stored feature by feature.
struct PackedCenters {
    let count: Int
    let dimensions: Int
    let pairs: Int
    /// `pairs × dimensions` lanes; lane `pair * dimensions + feature` holds that feature of centres
    /// `2 * pair` and `2 * pair + 1`.
    let lanes: [SIMD2<Double>]

    /// Packs `count` row-major centres of `dimensions` features.
    init(_ centers: UnsafePointer<Double>, count: Int, dimensions: Int) {
        self.count = count
        self.dimensions = dimensions
        pairs = (count + 1) / 2
        var lanes = [SIMD2<Double>](repeating: SIMD2(repeating: .infinity), count: pairs * dimensions)
        for center in 0..<count {
            for feature in 0..<dimensions {
                lanes[(center / 2) * dimensions + feature][center % 2] = centers[center * dimensions + feature]
            }
        }
        self.lanes = lanes
    }

    /// Packs row-major centres held in an array.
    init(_ centers: [Double], count: Int, dimensions: Int) {
        self = centers.withUnsafeBufferPointer { PackedCenters($0.baseAddress!, count: count, dimensions: dimensions) }
    }
}

/// Squared distances from `point` to the two centres of `pair`.
@inline(__always)
func squaredDistances(
    from point: UnsafePointer<Double>,
    toPair pair: Int,
    of lanes: UnsafePointer<SIMD2<Double>>,
    dimensions: Int
) -> SIMD2<Double> {
    let pairLanes = lanes + pair * dimensions
    switch dimensions {
    case 1: return squaredDistancesLoop(from: point, to: pairLanes, dimensions: 1)
    case 2: return squaredDistancesLoop(from: point, to: pairLanes, dimensions: 2)
    case 3: return squaredDistancesLoop(from: point, to: pairLanes, dimensions: 3)
    case 4: return squaredDistancesLoop(from: point, to: pairLanes, dimensions: 4)
    case 5: return squaredDistancesLoop(from: point, to: pairLanes, dimensions: 5)
    case 6: return squaredDistancesLoop(from: point, to: pairLanes, dimensions: 6)
    case 7: return squaredDistancesLoop(from: point, to: pairLanes, dimensions: 7)
    case 8: return squaredDistancesLoop(from: point, to: pairLanes, dimensions: 8)
    default: return squaredDistancesLoop(from: point, to: pairLanes, dimensions: dimensions)
    }
}

@inline(__always)
private func squaredDistancesLoop(
    from point: UnsafePointer<Double>,
    to pairLanes: UnsafePointer<SIMD2<Double>>,
    dimensions: Int
) -> SIMD2<Double> {
    var sum = SIMD2<Double>()
    for feature in 0..<dimensions {
        let difference = SIMD2(repeating: point[feature]) - pairLanes[feature]
        sum += difference * difference
    }
    return sum
}

/// The nearest and second-nearest of the packed centres to `point`, by squared distance.
///
/// The nearest is the lowest index among equally near centres; `second` is +∞ when there is one centre.
/// Each SIMD lane tracks its own best two centres (even ones in lane 0, odd ones in lane 1) with selects
/// rather than branches, because which centre is nearest is unpredictable; the lanes are merged at the end.
@inline(__always)
func nearestTwo(
    to point: UnsafePointer<Double>,
    lanes: UnsafePointer<SIMD2<Double>>,
    pairs: Int,
    dimensions: Int
) -> (index: Int, nearest: Double, second: Double) {
    var nearest = SIMD2<Double>(repeating: .infinity)
    var second = SIMD2<Double>(repeating: .infinity)
    var pairIndex = SIMD2<Int64>()
    for pair in 0..<pairs {
        let distances = squaredDistances(from: point, toPair: pair, of: lanes, dimensions: dimensions)
        let nearer = distances .< nearest
        second = second.replacing(with: distances, where: distances .< second).replacing(with: nearest, where: nearer)
        nearest = nearest.replacing(with: distances, where: nearer)
        pairIndex = pairIndex.replacing(with: Int64(pair), where: nearer)
    }
    // On a tie between the lanes the lower centre index wins: centre 2p of lane 0 is below centre 2q + 1 of
    // lane 1 exactly when p <= q.
    let firstLaneWins = nearest[0] < nearest[1] || (nearest[0] == nearest[1] && pairIndex[0] <= pairIndex[1])
    let winner = firstLaneWins ? 0 : 1
    let loser = 1 - winner
    return (
        index: 2 * Int(pairIndex[winner]) + winner,
        nearest: nearest[winner],
        second: min(second[winner], nearest[loser])
    )
}
