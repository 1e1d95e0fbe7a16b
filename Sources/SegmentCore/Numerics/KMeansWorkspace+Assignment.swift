extension KMeansWorkspace {
    /// Lloyd assignment step: every row goes to its nearest centroid (lowest index on ties).
    func assignLloyd(centers: [Double]) {
        let packed = PackedCenters(centers, count: k, dimensions: d)
        packed.lanes.withUnsafeBufferPointer { lanes in
            assignLloyd(lanes: lanes.baseAddress!, pairs: packed.pairs)
        }
    }

    private func assignLloyd(lanes: UnsafePointer<SIMD2<Double>>, pairs: Int) {
        blocks.forEach { block, rows in
            beginBlock(block)
            var changes = 0
            for row in rows {
                let nearest = nearestTwo(to: data + row * d, lanes: lanes, pairs: pairs, dimensions: d).index
                if Int(labels[row]) != nearest {
                    relabel(row, to: nearest, block: block)
                    changes += 1
                }
            }
            blockChanges[block] = changes
        }
    }

    /// Hamerly assignment step: the same labels as `assignLloyd`, computing distances only for rows whose
    /// bounds allow another centroid to be nearer.
    ///
    /// - Parameters:
    ///   - motion: how the centroids moved in the previous update; nil in a run's first step, which computes
    ///     every distance and initialises the bounds.
    ///   - slack: a row is skipped only when its upper bound is below the lower limit by more than this, so
    ///     rounding in the bounds can never make a skip that Lloyd would not make.
    func assignHamerly(centers: [Double], motion: CenterMotion?, slack: Double) {
        withGeometry(centers) { geometry in
            guard let motion else {
                blocks.forEach { block, rows in
                    beginBlock(block)
                    blockChanges[block] = assignInitializingBounds(rows: rows, block: block, geometry)
                }
                return
            }
            withBoundUpdate(motion, slack: slack) { bounds in
                blocks.forEach { block, rows in
                    beginBlock(block)
                    blockChanges[block] = assignHamerly(rows: rows, block: block, geometry, bounds)
                }
            }
        }
    }

    /// The current centroids, row-major and packed.
    struct CenterGeometry {
        let centers: UnsafePointer<Double>
        let lanes: UnsafePointer<SIMD2<Double>>
        let pairs: Int
    }

    /// What Hamerly's bound update needs from the previous centroid update.
    struct BoundUpdate {
        let shifts: UnsafePointer<Double>
        let halfGaps: UnsafePointer<Double>
        let motion: CenterMotion
        let slack: Double
    }

    /// Calls `body` with `centers` laid out for the distance kernels, valid only inside `body`.
    func withGeometry(_ centers: [Double], _ body: (CenterGeometry) -> Void) {
        let packed = PackedCenters(centers, count: k, dimensions: d)
        centers.withUnsafeBufferPointer { centers in
            packed.lanes.withUnsafeBufferPointer { lanes in
                body(CenterGeometry(centers: centers.baseAddress!, lanes: lanes.baseAddress!, pairs: packed.pairs))
            }
        }
    }

    /// Calls `body` with `motion` laid out for the bound updates, valid only inside `body`.
    func withBoundUpdate(_ motion: CenterMotion, slack: Double, _ body: (BoundUpdate) -> Void) {
        motion.shifts.withUnsafeBufferPointer { shifts in
            motion.halfGaps.withUnsafeBufferPointer { halfGaps in
                body(
                    BoundUpdate(
                        shifts: shifts.baseAddress!, halfGaps: halfGaps.baseAddress!, motion: motion, slack: slack
                    ))
            }
        }
    }

    private func assignInitializingBounds(rows: Range<Int>, block: Int, _ geometry: CenterGeometry) -> Int {
        var changes = 0
        for row in rows {
            let nearest = nearestTwo(to: data + row * d, lanes: geometry.lanes, pairs: geometry.pairs, dimensions: d)
            upperBounds[row] = nearest.nearest.squareRoot()
            lowerBounds[row] = nearest.second.squareRoot()
            if Int(labels[row]) != nearest.index {
                relabel(row, to: nearest.index, block: block)
                changes += 1
            }
        }
        return changes
    }

    /// Rows per batch of `assignHamerly(rows:…)`'s two passes.
    private static let hamerlyBatch = 256

    /// Hamerly's step over `rows`, in batches: a branch-free pass moves every row's bounds with the
    /// centroids and queues the rows they no longer settle; a second pass tightens the queued rows' upper
    /// bounds and compares the rows still unsettled with every centroid. Splitting the passes keeps the
    /// unpredictable skip decision out of the branch predictor's way.
    private func assignHamerly(rows: Range<Int>, block: Int, _ geometry: CenterGeometry, _ bounds: BoundUpdate) -> Int {
        var changes = 0
        withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.hamerlyBatch) { queued in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.hamerlyBatch) { limits in
                var batchStart = rows.lowerBound
                while batchStart < rows.upperBound {
                    let batch = batchStart..<min(batchStart + Self.hamerlyBatch, rows.upperBound)
                    var count = 0
                    for row in batch {
                        let assigned = Int(labels[row])
                        let upper = upperBounds[row] + bounds.shifts[assigned]
                        let lower = lowerBounds[row] - bounds.motion.largestShift(excluding: assigned)
                        upperBounds[row] = upper
                        lowerBounds[row] = lower
                        queued[count] = row
                        limits[count] = max(bounds.halfGaps[assigned], lower) - bounds.slack
                        count += upper < limits[count] ? 0 : 1
                    }
                    for index in 0..<count {
                        let row = queued[index]
                        if settle(row, limit: limits[index], block: block, geometry) { changes += 1 }
                    }
                    batchStart = batch.upperBound
                }
            }
        }
        return changes
    }

    /// Tightens the upper bound of a queued row and, if that does not settle it, finds its nearest centroid;
    /// returns whether its label changed.
    @inline(__always)
    private func settle(_ row: Int, limit: Double, block: Int, _ geometry: CenterGeometry) -> Bool {
        let assigned = Int(labels[row])
        let point = data + row * d
        let upper = squaredDistance(point, geometry.centers + assigned * d, dimensions: d).squareRoot()
        if upper < limit {
            upperBounds[row] = upper
            return false
        }
        let nearest = nearestTwo(to: point, lanes: geometry.lanes, pairs: geometry.pairs, dimensions: d)
        upperBounds[row] = nearest.nearest.squareRoot()
        lowerBounds[row] = nearest.second.squareRoot()
        guard nearest.index != assigned else { return false }
        relabel(row, to: nearest.index, block: block)
        return true
    }
}
