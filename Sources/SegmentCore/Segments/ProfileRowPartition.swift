/// The fixed split of rows into blocks, and of blocks into lanes, that lets profiling run in parallel with
/// results that do not depend on thread scheduling.
///
/// Lane `l` always processes blocks `l`, `l + laneCount`, … in that order, and lanes are reduced in lane order.
struct ProfileRowPartition: Sendable {
    /// Rows per block.
    static let blockSize = 8192
    /// Number of lanes, independent of the machine so that the work split is always the same.
    static let laneCount = 8

    let rowCount: Int

    var blockCount: Int { (rowCount + Self.blockSize - 1) / Self.blockSize }

    func rows(ofBlock block: Int) -> Range<Int> {
        block * Self.blockSize..<min(rowCount, (block + 1) * Self.blockSize)
    }

    func blocks(ofLane lane: Int) -> StrideTo<Int> {
        stride(from: lane, to: blockCount, by: Self.laneCount)
    }
}
