/// Assignment of rows to their nearest centre, with the total squared distance (inertia).
enum NearestCentroid {
    /// Writes the nearest of `k` centres (lowest index on ties) for every row of the n × d `data` into
    /// `labels` and returns the inertia, summed per fixed row block and then in block order.
    static func assign(
        data: UnsafePointer<Double>,
        rows n: Int,
        dimensions d: Int,
        centers: UnsafePointer<Double>,
        count k: Int,
        labels: UnsafeMutablePointer<Int32>
    ) -> Double {
        let blocks = ParallelBlocks(count: n)
        let packed = PackedCenters(centers, count: k, dimensions: d)
        var partials = [Double](repeating: 0, count: blocks.blockCount)
        packed.lanes.withUnsafeBufferPointer { lanes in
            partials.withUnsafeMutableBufferPointer { partials in
                blocks.forEach { block, rows in
                    var sum = 0.0
                    for row in rows {
                        let nearest = nearestTwo(
                            to: data + row * d, lanes: lanes.baseAddress!, pairs: packed.pairs, dimensions: d
                        )
                        labels[row] = Int32(truncatingIfNeeded: nearest.index)
                        sum += nearest.nearest
                    }
                    partials[block] = sum
                }
            }
        }
        return partials.reduce(0, +)
    }
}
