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
        // Where each labeling's per-cluster sums start in a point's scratch row.
        var clusterOffsets = [Int]()
        var scratchWidth = 0
        for clusterSizes in sizes {
            clusterOffsets.append(scratchWidth)
            scratchWidth += clusterSizes.count
        }
        let blocks = ParallelBlocks(count: n, blockSize: 1024)
        var partials = [Double](repeating: 0, count: blocks.blockCount * labelingCount)
        partials.withUnsafeMutableBufferPointer { partials in
            blocks.forEach { block, points in
                var clusterSums = [Double](repeating: 0, count: scratchWidth)
                for point in points {
                    clusterSums.withUnsafeMutableBufferPointer { clusterSums in
                        sumPerCluster(point: point, offsets: clusterOffsets, into: clusterSums)
                    }
                    for labeling in 0..<labelingCount {
                        let first = clusterOffsets[labeling]
                        partials[block * labelingCount + labeling] += score(
                            point: point,
                            labeling: labeling,
                            clusterSums: clusterSums[first..<first + sizes[labeling].count]
                        )
                    }
                }
            }
        }
        return (0..<labelingCount).map { labeling in
            (0..<blocks.blockCount).reduce(0.0) { $0 + partials[$1 * labelingCount + labeling] } / Double(n)
        }
    }

    /// Every point's silhouette under `labeling` (the values ``meanScores()`` averages).
    func pointScores(labeling: Int) -> [Double] {
        let n = labelings[labeling].count
        var clusterOffsets = [Int]()
        var scratchWidth = 0
        for clusterSizes in sizes {
            clusterOffsets.append(scratchWidth)
            scratchWidth += clusterSizes.count
        }
        let first = clusterOffsets[labeling]
        let blocks = ParallelBlocks(count: n, blockSize: 1024)
        var scores = [Double](repeating: 0, count: n)
        scores.withUnsafeMutableBufferPointer { scores in
            blocks.forEach { _, points in
                var clusterSums = [Double](repeating: 0, count: scratchWidth)
                for point in points {
                    clusterSums.withUnsafeMutableBufferPointer { clusterSums in
                        sumPerCluster(point: point, offsets: clusterOffsets, into: clusterSums)
                    }
                    scores[point] = score(
                        point: point, labeling: labeling,
                        clusterSums: clusterSums[first..<first + sizes[labeling].count])
                }
            }
        }
        return scores
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

    /// Silhouette of `point` under `labeling`, given its distance sums to that labeling's clusters.
    private func score(point: Int, labeling: Int, clusterSums: ArraySlice<Double>) -> Double {
        let clusterSizes = sizes[labeling]
        let own = Int(labelings[labeling][point])
        guard clusterSizes[own] > 1 else { return 0 }
        let base = clusterSums.startIndex
        let inside = clusterSums[base + own] / Double(clusterSizes[own] - 1)
        var nearest = Double.infinity
        for cluster in clusterSizes.indices where cluster != own && clusterSizes[cluster] > 0 {
            nearest = min(nearest, clusterSums[base + cluster] / Double(clusterSizes[cluster]))
        }
        let larger = max(inside, nearest)
        guard nearest.isFinite, larger > 0 else { return 0 }
        return (nearest - inside) / larger
    }
}
