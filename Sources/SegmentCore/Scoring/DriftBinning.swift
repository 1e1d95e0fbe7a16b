/// The drift reference's bin edges laid out for the scoring loop: counts each scored row's raw and derived values
/// into per-feature bins with a branch-free binary search, a few comparisons per feature and no allocation.
///
/// Each feature's edges fill a block of ``stride`` − 1 slots, padded with +∞, so the search is the same four steps
/// whatever the number of edges (at most 15): the bin is the number of edges below the value. Counts go to a
/// caller-owned buffer of ``countCount`` integers, ``stride`` per feature (one buffer per scoring thread; the caller
/// adds them up).
///
/// `@unchecked Sendable`: the edges are written once in `init` and only read afterwards; `deinit` frees them.
package final class DriftBinning: @unchecked Sendable {
    /// Slots per feature: 15 edges and the padding make the search four steps; 16 counts per feature.
    package static let stride = 16

    /// Features counted: the model's input columns, then its derived features.
    package let featureCount: Int
    /// Bins of each feature (its edges + 1).
    package let binCounts: [Int]
    private let edges: UnsafeMutableBufferPointer<Double>

    /// Integers a count buffer needs.
    package var countCount: Int { featureCount * Self.stride }

    package init(_ reference: DriftReference) {
        featureCount = reference.features.count
        binCounts = reference.features.map { $0.edges.count + 1 }
        edges = .allocate(capacity: max(1, featureCount * Self.stride))
        edges.initialize(repeating: .infinity)
        for (feature, bins) in reference.features.enumerated() {
            for (slot, edge) in bins.edges.prefix(Self.stride - 1).enumerated() {
                edges[feature * Self.stride + slot] = edge
            }
        }
    }

    deinit { edges.deallocate() }

    /// The edge blocks, for a caller that counts through ``count(_:edges:features:into:)`` (the scorer, which
    /// keeps this object alive and so touches no reference count per row).
    package var edgeBlocks: UnsafePointer<Double>? { edges.baseAddress.map { UnsafePointer($0) } }

    /// Adds one row to `counts`: `values` holds one value per feature.
    @inline(__always)
    package func count(_ values: UnsafePointer<Double>, into counts: UnsafeMutablePointer<Int>) {
        guard let base = edgeBlocks else { return }
        Self.count(values, edges: base, features: featureCount, into: counts)
    }

    /// ``count(_:into:)`` over `features` edge blocks at `base`.
    @inline(__always)
    static func count(
        _ values: UnsafePointer<Double>, edges base: UnsafePointer<Double>, features featureCount: Int,
        into counts: UnsafeMutablePointer<Int>
    ) {
        for feature in 0..<featureCount {
            let value = values[feature]
            let block = base + feature &* Self.stride
            var bin = 0
            bin &+= block[bin &+ 7] < value ? 8 : 0
            bin &+= block[bin &+ 3] < value ? 4 : 0
            bin &+= block[bin &+ 1] < value ? 2 : 0
            bin &+= block[bin] < value ? 1 : 0
            counts[feature &* Self.stride &+ bin] &+= 1
        }
    }
}
