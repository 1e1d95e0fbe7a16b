/// Per-point silhouettes from per-cell distance sums, averaged per labeling.
struct SilhouettePointScores {
    let cells: SilhouetteCells
    let distanceSums: SilhouetteDistanceSums
    let labelings: [[Int32]]
    /// Cluster sizes of every labeling.
    let sizes: [[Int]]

    /// The mean silhouette of every labeling (meaningless for labelings with fewer than 2 clusters).
    func meanScores() -> [Double] {
        let n = labelings.first?.count ?? 0
        let labelingCount = labelings.count
        let blockCount = Self.blocks(n).blockCount
        var partials = [Double](repeating: 0, count: blockCount * labelingCount)
        partials.withUnsafeMutableBufferPointer { partials in
            forEachPoint(count: n) { block, point, scores in
                for labeling in 0..<labelingCount {
                    partials[block * labelingCount + labeling] += scores.score(point: point, labeling: labeling)
                }
            }
        }
        return (0..<labelingCount).map { labeling in
            (0..<blockCount).reduce(0.0) { $0 + partials[$1 * labelingCount + labeling] } / Double(n)
        }
    }

    /// Every point's silhouette under `labeling` (the values ``meanScores()`` averages).
    func pointScores(labeling: Int) -> [Double] {
        let n = labelings[labeling].count
        var scores = [Double](repeating: 0, count: n)
        scores.withUnsafeMutableBufferPointer { scores in
            forEachPoint(count: n) { _, point, sums in scores[point] = sums.score(point: point, labeling: labeling) }
        }
        return scores
    }

    /// The blocks the points are processed in, in parallel.
    private static func blocks(_ count: Int) -> ParallelBlocks { ParallelBlocks(count: count, blockSize: 1024) }

    /// One point's distance sums to every cluster of every labeling, and its silhouette under each.
    struct PointSums {
        let owner: SilhouettePointScores
        let offsets: [Int]
        let sums: UnsafeMutableBufferPointer<Double>

        /// Silhouette of `point` under `labeling`.
        func score(point: Int, labeling: Int) -> Double {
            let clusterSizes = owner.sizes[labeling]
            let own = Int(owner.labelings[labeling][point])
            guard clusterSizes[own] > 1 else { return 0 }
            let base = offsets[labeling]
            let inside = sums[base + own] / Double(clusterSizes[own] - 1)
            var nearest = Double.infinity
            for cluster in clusterSizes.indices where cluster != own && clusterSizes[cluster] > 0 {
                nearest = min(nearest, sums[base + cluster] / Double(clusterSizes[cluster]))
            }
            let larger = max(inside, nearest)
            guard nearest.isFinite, larger > 0 else { return 0 }
            return (nearest - inside) / larger
        }
    }

    /// Calls `body` with every point's block, index and distance sums, block by block in parallel.
    private func forEachPoint(count: Int, _ body: (_ block: Int, _ point: Int, _ sums: PointSums) -> Void) {
        var offsets = [Int]()
        var width = 0
        for clusterSizes in sizes {
            offsets.append(width)
            width += clusterSizes.count
        }
        Self.blocks(count).forEach { block, points in
            var scratch = [Double](repeating: 0, count: width)
            scratch.withUnsafeMutableBufferPointer { scratch in
                for point in points {
                    sumPerCluster(point: point, offsets: offsets, into: scratch)
                    body(block, point, PointSums(owner: self, offsets: offsets, sums: scratch))
                }
            }
        }
    }

    /// Writes, for every labeling, the sum of distances from `point` to each of its clusters.
    private func sumPerCluster(point: Int, offsets: [Int], into clusterSums: UnsafeMutableBufferPointer<Double>) {
        clusterSums.update(repeating: 0)
        distanceSums.sums.withUnsafeBufferPointer { sums in
            let row = sums.baseAddress! + point * cells.width
            for (group, columnOffset) in zip(cells.groups, cells.columnOffsets) {
                let width = group.labelings.count
                for cell in 0..<group.cellCount {
                    let sum = row[columnOffset + cell]
                    for (position, labeling) in group.labelings.enumerated() {
                        clusterSums[offsets[labeling] + Int(group.cellLabels[cell * width + position])] += sum
                    }
                }
            }
        }
    }
}
