/// Squared Euclidean distance between two `dimensions`-long vectors, summed feature by feature from 0.
///
/// Gives exactly the value a ``PackedCenters`` lane gives for the same pair.
@inline(__always)
func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, dimensions: Int) -> Double {
    // A constant trip count lets the compiler unroll the loop completely; the switch costs one
    // perfectly predicted branch.
    switch dimensions {
    case 1: squaredDistanceLoop(a, b, dimensions: 1)
    case 2: squaredDistanceLoop(a, b, dimensions: 2)
    case 3: squaredDistanceLoop(a, b, dimensions: 3)
    case 4: squaredDistanceLoop(a, b, dimensions: 4)
    case 5: squaredDistanceLoop(a, b, dimensions: 5)
    case 6: squaredDistanceLoop(a, b, dimensions: 6)
    case 7: squaredDistanceLoop(a, b, dimensions: 7)
    case 8: squaredDistanceLoop(a, b, dimensions: 8)
    default: squaredDistanceLoop(a, b, dimensions: dimensions)
    }
}

@inline(__always)
private func squaredDistanceLoop(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, dimensions: Int) -> Double {
    var sum = 0.0
    for feature in 0..<dimensions {
        let difference = a[feature] - b[feature]
        sum += difference * difference
    }
    return sum
}
