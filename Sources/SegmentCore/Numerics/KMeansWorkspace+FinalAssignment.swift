extension KMeansWorkspace {
    /// The assignment that ends a Hamerly run: labels every row with its nearest final centroid and returns
    /// the inertia, both exactly as `NearestCentroid.assign` computes them (same distances, same block sums),
    /// but comparing a row with every centroid only when its bounds, moved by the last update, allow a
    /// nearer one. Cluster sums and bounds are left stale.
    ///
    /// - Parameter motion: the last centroid update of the run.
    func finalHamerlyAssignment(centers: [Double], motion: CenterMotion, slack: Double) -> Double {
        var partials = [Double](repeating: 0, count: blocks.blockCount)
        withGeometry(centers) { geometry in
            withBoundUpdate(motion, slack: slack) { bounds in
                partials.withUnsafeMutableBufferPointer { partials in
                    blocks.forEach { block, rows in
                        partials[block] = finalInertia(rows: rows, geometry, bounds)
                    }
                }
            }
        }
        return partials.reduce(0, +)
    }

    private func finalInertia(rows: Range<Int>, _ geometry: CenterGeometry, _ bounds: BoundUpdate) -> Double {
        var inertia = 0.0
        for row in rows {
            let assigned = Int(labels[row])
            let lower = lowerBounds[row] - bounds.motion.largestShift(excluding: assigned)
            let limit = max(bounds.halfGaps[assigned], lower) - bounds.slack
            let point = data + row * d
            // The exact distance to the assigned centroid is needed for the inertia anyway, so it doubles as
            // the tightened upper bound.
            let distance = squaredDistance(point, geometry.centers + assigned * d, dimensions: d)
            if limit > 0 && distance < limit * limit {
                inertia += distance
                continue
            }
            let nearest = nearestTwo(to: point, lanes: geometry.lanes, pairs: geometry.pairs, dimensions: d)
            labels[row] = Int32(truncatingIfNeeded: nearest.index)
            inertia += nearest.nearest
        }
        return inertia
    }
}
