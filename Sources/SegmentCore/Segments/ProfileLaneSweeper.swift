/// The hot loop of ``ProfileSweep``: folds rows into one lane's tally.
struct ProfileLaneSweeper {
    /// Columns handled per chunk: one bit of the keep mask each.
    private static let chunkWidth = 64

    let values: UnsafeBufferPointer<Double>
    let columnCount: Int
    let labels: UnsafeBufferPointer<Int32>
    let segmentCount: Int

    /// For each row, updates the row's segment's accumulators without branches (values fall below or above a
    /// median window about equally often, so branches would mispredict) while noting in a bit mask which values
    /// fall inside their window; only those few are then appended.
    func sweep(rows: Range<Int>, bounds: ProfileSweep.PairBounds, into tally: inout ProfileSweep.LaneTally) {
        guard columnCount > 0, let allValues = values.baseAddress else {
            countRows(rows, into: &tally)
            return
        }
        let columnCount = columnCount
        bounds.reference.withUnsafeBufferPointer { reference in
            bounds.lower.withUnsafeBufferPointer { lower in
                bounds.upper.withUnsafeBufferPointer { upper in
                    tally.withUnsafeStorage { storage in
                        for row in rows {
                            let segment = Int(labels[row])
                            guard segment >= 0 && segment < segmentCount else { continue }
                            storage.counts[segment] += 1
                            let rowValues = allValues + row * columnCount
                            let firstPair = segment * columnCount
                            for chunk in stride(from: 0, to: columnCount, by: Self.chunkWidth) {
                                var keep: UInt64 = 0
                                for column in chunk..<min(columnCount, chunk + Self.chunkWidth) {
                                    let value = rowValues[column]
                                    let pair = firstPair + column
                                    let low = lower[pair]
                                    let shifted = value - reference[pair]
                                    storage.shiftedSums[pair] += shifted
                                    storage.shiftedSquares[pair] += shifted * shifted
                                    storage.below[pair] &+= value < low ? 1 : 0
                                    storage.equalLower[pair] &+= value == low ? 1 : 0
                                    let isOutside = (value <= low ? 1 : 0) | (value > upper[pair] ? 1 : 0)
                                    keep |= UInt64(truncatingIfNeeded: 1 &- isOutside) &<< UInt64(column - chunk)
                                }
                                while keep != 0 {
                                    let column = chunk + keep.trailingZeroBitCount
                                    keep &= keep &- 1
                                    storage.inside[firstPair + column].append(rowValues[column])
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private func countRows(_ rows: Range<Int>, into tally: inout ProfileSweep.LaneTally) {
        for row in rows {
            let segment = Int(labels[row])
            if segment >= 0 && segment < segmentCount {
                tally.counts[segment] += 1
            }
        }
    }
}

extension ProfileSweep.LaneTally {
    /// Direct access to a tally's arrays for the hot loop.
    struct Storage {
        var counts: UnsafeMutableBufferPointer<Int>
        var shiftedSums: UnsafeMutableBufferPointer<Double>
        var shiftedSquares: UnsafeMutableBufferPointer<Double>
        var below: UnsafeMutableBufferPointer<Int>
        var equalLower: UnsafeMutableBufferPointer<Int>
        var inside: UnsafeMutableBufferPointer<[Double]>
    }

    mutating func withUnsafeStorage(_ body: (Storage) -> Void) {
        counts.withUnsafeMutableBufferPointer { counts in
            shiftedSums.withUnsafeMutableBufferPointer { shiftedSums in
                shiftedSquares.withUnsafeMutableBufferPointer { shiftedSquares in
                    below.withUnsafeMutableBufferPointer { below in
                        equalLower.withUnsafeMutableBufferPointer { equalLower in
                            inside.withUnsafeMutableBufferPointer { inside in
                                body(
                                    Storage(
                                        counts: counts, shiftedSums: shiftedSums, shiftedSquares: shiftedSquares,
                                        below: below, equalLower: equalLower, inside: inside))
                            }
                        }
                    }
                }
            }
        }
    }
}
