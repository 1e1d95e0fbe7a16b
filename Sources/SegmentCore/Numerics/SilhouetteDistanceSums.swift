/// For every point, the sum of its Euclidean distances to the points of every joint cell
/// (``SilhouetteCells``), computing each pairwise distance once.
///
/// Points are first ordered by their cell in the first group, so that a block holds long runs of one cell
/// and a point's sums over such a run can be kept in a register. Points are then split into blocks of
/// `blockSize`. Every block pair is a tile whose distances are added to the cell sums of both blocks'
/// points; tiles of one round of a ``RoundRobinSchedule`` touch disjoint blocks and run in parallel, and the
/// rounds run in order, so the sums are the same however threads are scheduled.
struct SilhouetteDistanceSums {
    static let blockSize = 128

    /// Row-major n × `cells.width` sums, in the caller's point order.
    let sums: [Double]

    init(points x: Matrix, cells: SilhouetteCells) {
        let n = x.rows
        let d = x.columns
        let width = cells.width
        let groupCount = cells.groups.count
        let order = (0..<n).sorted { (cells.columns[$0 * groupCount], $0) < (cells.columns[$1 * groupCount], $1) }
        // Feature-major copy in that order, so distances from one point to a run of points vectorise.
        var transposed = [Double](repeating: 0, count: n * d)
        var columns = [Int32](repeating: 0, count: n * groupCount)
        for (position, point) in order.enumerated() {
            for feature in 0..<d {
                transposed[feature * n + position] = x.values[point * d + feature]
            }
            for group in 0..<groupCount {
                columns[position * groupCount + group] = cells.columns[point * groupCount + group]
            }
        }
        let blocks = ParallelBlocks(count: n, blockSize: Self.blockSize)
        var sums = [Double](repeating: 0, count: n * width)
        sums.withUnsafeMutableBufferPointer { sums in
            transposed.withUnsafeBufferPointer { transposed in
                columns.withUnsafeBufferPointer { columns in
                    let tiles = TileKernel(
                        transposed: transposed.baseAddress!, n: n, d: d, columns: columns.baseAddress!,
                        groupCount: groupCount, sums: sums.baseAddress!, width: width
                    )
                    ParallelBlocks.run(iterations: blocks.blockCount) { block in
                        tiles.addWithinBlock(blocks.range(block))
                    }
                    for round in RoundRobinSchedule(count: blocks.blockCount).rounds {
                        ParallelBlocks.run(iterations: round.count) { tile in
                            tiles.addBetweenBlocks(blocks.range(round[tile].first), blocks.range(round[tile].second))
                        }
                    }
                }
            }
        }
        var callerOrder = [Double](repeating: 0, count: n * width)
        for (position, point) in order.enumerated() {
            callerOrder[point * width..<(point + 1) * width] = sums[position * width..<(position + 1) * width]
        }
        self.sums = callerOrder
    }
}

/// The distance and scatter loops of one tile.
private struct TileKernel {
    let transposed: UnsafePointer<Double>
    let n: Int
    let d: Int
    let columns: UnsafePointer<Int32>
    let groupCount: Int
    let sums: UnsafeMutablePointer<Double>
    let width: Int

    /// Pairs i < j inside one block.
    func addWithinBlock(_ block: Range<Int>) {
        withDistanceBuffer { distances in
            for i in block where i + 1 < block.upperBound {
                let others = i + 1..<block.upperBound
                measure(from: i, to: others, into: distances)
                scatter(from: i, to: others, distances: distances)
            }
        }
    }

    /// All pairs between two different blocks.
    func addBetweenBlocks(_ first: Range<Int>, _ second: Range<Int>) {
        withDistanceBuffer { distances in
            for i in first {
                measure(from: i, to: second, into: distances)
                scatter(from: i, to: second, distances: distances)
            }
        }
    }

    private func withDistanceBuffer(_ body: (UnsafeMutablePointer<Double>) -> Void) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: SilhouetteDistanceSums.blockSize) { buffer in
            body(buffer.baseAddress!)
        }
    }

    /// Distances from point `i` to every point of `others`, written to `distances[0 ..< others.count]`.
    ///
    /// Two points at a time in SIMD lanes (square roots included); every distance is summed feature by
    /// feature from 0, as for a single point.
    private func measure(from i: Int, to others: Range<Int>, into distances: UnsafeMutablePointer<Double>) {
        let count = others.count
        let pairs = count / 2
        let pairDistances = UnsafeMutableRawPointer(distances)
        for pair in 0..<pairs {
            var sum = SIMD2<Double>()
            for feature in 0..<d {
                let column = UnsafeRawPointer(transposed + feature * n + others.lowerBound + 2 * pair)
                let difference =
                    column.loadUnaligned(as: SIMD2<Double>.self)
                    - SIMD2(repeating: transposed[feature * n + i])
                sum += difference * difference
            }
            pairDistances.storeBytes(
                of: sum.squareRoot(), toByteOffset: pair * MemoryLayout<SIMD2<Double>>.stride, as: SIMD2<Double>.self
            )
        }
        if count % 2 == 1 {
            var sum = 0.0
            for feature in 0..<d {
                let difference = transposed[feature * n + others.upperBound - 1] - transposed[feature * n + i]
                sum += difference * difference
            }
            distances[count - 1] = sum.squareRoot()
        }
    }

    /// Adds every distance to the cell sums of both points of its pair.
    ///
    /// Point `i`'s sums over a run of `others` in one first-group cell build up in a register.
    private func scatter(from i: Int, to others: Range<Int>, distances: UnsafePointer<Double>) {
        let ownRow = sums + i * width
        let ownColumns = columns + i * groupCount
        let ownFirstColumn = Int(ownColumns[0])
        var runColumn = Int(columns[others.lowerBound * groupCount])
        var runSum = 0.0
        for (offset, j) in others.enumerated() {
            let distance = distances[offset]
            let otherRow = sums + j * width
            let otherColumns = columns + j * groupCount
            let otherFirstColumn = Int(otherColumns[0])
            if otherFirstColumn != runColumn {
                ownRow[runColumn] += runSum
                runSum = 0
                runColumn = otherFirstColumn
            }
            runSum += distance
            otherRow[ownFirstColumn] += distance
            for group in 1..<groupCount {
                ownRow[Int(otherColumns[group])] += distance
                otherRow[Int(ownColumns[group])] += distance
            }
        }
        ownRow[runColumn] += runSum
    }
}
