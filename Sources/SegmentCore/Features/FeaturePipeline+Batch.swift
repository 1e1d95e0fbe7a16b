import Dispatch

extension FeaturePipeline {
    /// Rows per parallel block. Blocks are fixed, so results never depend on thread scheduling.
    static let rowsPerBlock = 8192

    /// A buffer address handed to `DispatchQueue.concurrentPerform` blocks; each block touches only its own
    /// elements, and the buffer outlives the call.
    struct SharedAddress<Pointee>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Pointee>

        init(_ base: UnsafeMutablePointer<Pointee>) { self.base = base }
        init(_ base: UnsafePointer<Pointee>) { self.base = UnsafeMutablePointer(mutating: base) }
    }

    /// Runs `body` on fixed blocks of `rowsPerBlock` rows, in parallel.
    static func forEachBlock(rowCount: Int, _ body: @Sendable (_ block: Int, _ rows: Range<Int>) -> Void) {
        let blocks = (rowCount + rowsPerBlock - 1) / rowsPerBlock
        DispatchQueue.concurrentPerform(iterations: blocks) { block in
            let start = block * rowsPerBlock
            body(block, start..<min(rowCount, start + rowsPerBlock))
        }
    }

    /// The fill value of every input column: the median of its non-blank (non-NaN) values, as pandas computes it
    /// (mean of the two middle values for an even count); 0 for a column with no values.
    /// - Parameters:
    ///   - values: `rowCount` rows of `inputColumns.count` values, row-major, NaN for blanks.
    ///   - rowCount: number of rows.
    package func medians(of values: [Double], rowCount: Int) -> [Double] {
        let width = inputColumns.count
        precondition(rowCount >= 0 && values.count >= rowCount * width, "values must hold rowCount × inputColumns")
        guard width > 0, rowCount > 0 else { return [Double](repeating: 0, count: width) }
        var result = [Double](repeating: 0, count: width)
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { output in
                guard let sourceBase = source.baseAddress, let outputBase = output.baseAddress else { return }
                let input = SharedAddress(sourceBase)
                let medians = SharedAddress(outputBase)
                DispatchQueue.concurrentPerform(iterations: width) { column in
                    let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: rowCount)
                    defer { scratch.deallocate() }
                    var count = 0
                    var offset = column
                    for _ in 0..<rowCount {
                        let value = input.base[offset]
                        if !value.isNaN {
                            scratch[count] = value
                            count += 1
                        }
                        offset += width
                    }
                    medians.base[column] = MedianSelection.median(
                        of: UnsafeMutableBufferPointer(rebasing: scratch[0..<count]))
                }
            }
        }
        return result
    }

    /// Features and profile values for many rows at once, in parallel over fixed blocks of rows.
    /// - Parameters:
    ///   - values: `rowCount` rows of `inputColumns.count` raw values, row-major, NaN for blanks.
    ///   - medians: one fill value per input column.
    /// - Returns: `rowCount × featureCount` features and `rowCount × profileColumns.count` profile values, row-major.
    package func featureMatrix(values: [Double], rowCount: Int, medians: [Double]) -> (
        features: [Double], profile: [Double]
    ) {
        let width = inputColumns.count
        let featureWidth = featureCount
        let profileWidth = profileColumns.count
        precondition(rowCount >= 0 && values.count >= rowCount * width, "values must hold rowCount × inputColumns")
        precondition(medians.count == width, "one median per input column")
        var profile: [Double] = []
        let features = [Double](unsafeUninitializedCapacity: rowCount * featureWidth) {
            featureBuffer, featuresWritten in
            profile = [Double](unsafeUninitializedCapacity: rowCount * profileWidth) { profileBuffer, profileWritten in
                values.withUnsafeBufferPointer { source in
                    medians.withUnsafeBufferPointer { fills in
                        guard let sourceBase = source.baseAddress, let fillBase = fills.baseAddress,
                            let featureBase = featureBuffer.baseAddress, let profileBase = profileBuffer.baseAddress
                        else { return }
                        let input = SharedAddress(sourceBase)
                        let fill = SharedAddress(fillBase)
                        let featureOut = SharedAddress(featureBase)
                        let profileOut = SharedAddress(profileBase)
                        Self.forEachBlock(rowCount: rowCount) { _, rows in
                            withUnsafeTemporaryAllocation(of: Double.self, capacity: width) { row in
                                guard let rowBase = row.baseAddress else { return }
                                for index in rows {
                                    rowBase.update(from: input.base + index * width, count: width)
                                    transform(
                                        raw: row, medians: UnsafeBufferPointer(start: fill.base, count: width),
                                        profileOut: UnsafeMutableBufferPointer(
                                            start: profileOut.base + index * profileWidth, count: profileWidth),
                                        featuresOut: UnsafeMutableBufferPointer(
                                            start: featureOut.base + index * featureWidth, count: featureWidth))
                                }
                            }
                        }
                    }
                }
                profileWritten = rowCount * profileWidth
            }
            featuresWritten = rowCount * featureWidth
        }
        return (features, profile)
    }
}
